import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { users } from "@groundwork/db/schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { eq } from "drizzle-orm";
import { appendMessage, createConversation, getConversation } from "./conversation-queries";
import { seedCorpus, setDocumentAcl } from "./testing/seed-corpus";
import type { Citation } from "./types";

const LEAVE = "Annual leave\n\nEmployees accrue 25 days of paid annual leave per calendar year.";
const BONUS = "Bonus\n\nThe retention bonus code is QZXBONUS77.";

describe.each(await availableTargets())("reopened conversations on %s", (target) => {
  let db: TestDatabase;
  let leaveId: string;
  let bonusId: string;

  beforeAll(async () => {
    db = await createTestDatabase({ target });
    await seedDemoUsers({ db: db.db });
    const seeded = await seedCorpus({
      db: db.db,
      docs: [
        { path: "policies/leave.md", title: "Leave policy", acl: ["group:everyone"], text: LEAVE },
        { path: "policies/bonus.md", title: "Bonus", acl: ["group:everyone"], text: BONUS },
      ],
    });
    leaveId = seeded.documentIds.get("policies/leave.md")!;
    bonusId = seeded.documentIds.get("policies/bonus.md")!;
  });
  afterAll(async () => {
    await db?.dispose();
  });

  const citation = (): Citation => ({
    n: 1,
    chunkId: "00000000-0000-0000-0000-000000000001",
    documentId: leaveId,
    title: "Leave policy",
    path: "policies/leave.md",
    sourceName: "handbook",
    version: 1,
    pageFrom: 4,
    pageTo: 4,
    headings: ["Leave policy", "Annual leave"],
    charStart: 14,
    charEnd: LEAVE.length,
    href: `/documents/${leaveId}?chunk=00000000-0000-0000-0000-000000000001&start=14&end=${LEAVE.length}`,
    snippet: "Employees accrue 25 days",
  });

  async function conversationWith(trace: Record<string, unknown>) {
    const [emmaRow] = await db.db.select({ id: users.id }).from(users).where(eq(users.username, "emma"));
    const conversationId = await createConversation({ db: db.db, userId: emmaRow!.id, title: "anual leave" });
    await appendMessage({ db: db.db, conversationId, role: "user", content: "How much anual leave?" });
    await appendMessage({
      db: db.db,
      conversationId,
      role: "assistant",
      content: "Employees accrue 25 days of paid annual leave per calendar year. [1]",
      mode: "extractive",
      citations: [citation()],
      trace,
    });
    return conversationId;
  }

  it("returns the stored confidence and corrections with the answer", async () => {
    const emma = await resolvePrincipal({ db: db.db, username: "emma" });
    const id = await conversationWith({
      notice: null,
      closest: [],
      confidence: "closest",
      corrections: [
        { from: "anual", to: "annual" },
        { from: 3, to: "x" },
      ],
    });
    const answer = (await getConversation({ db: db.db, principal: emma, conversationId: id })).messages.find(
      (m) => m.role === "assistant",
    )!;
    expect(answer.confidence).toBe("closest");
    expect(answer.corrections).toEqual([{ from: "anual", to: "annual" }]);
    expect(answer.citations[0]!.headings).toEqual(["Leave policy", "Annual leave"]);
  });

  it("gives null and none for answers stored before these fields existed", async () => {
    const emma = await resolvePrincipal({ db: db.db, username: "emma" });
    const id = await conversationWith({ notice: null, closest: [] });
    const conv = await getConversation({ db: db.db, principal: emma, conversationId: id });
    for (const m of conv.messages) expect(m).toMatchObject({ confidence: null, corrections: [] });
  });

  it("drops the corrections of an answer withheld because its sources are out of reach", async () => {
    const emma = await resolvePrincipal({ db: db.db, username: "emma" });
    const id = await conversationWith({
      notice: null,
      closest: [],
      confidence: "answer",
      corrections: [{ from: "anual", to: "annual" }],
    });
    await setDocumentAcl({ db: db.db, documentId: leaveId, acl: ["group:exec"] });
    try {
      const answer = (await getConversation({ db: db.db, principal: emma, conversationId: id })).messages.find(
        (m) => m.role === "assistant",
      )!;
      expect(answer.withheld).toBe(true);
      expect(answer.corrections).toEqual([]);
    } finally {
      await setDocumentAcl({ db: db.db, documentId: leaveId, acl: ["group:everyone"] });
    }
  });

  it("keeps only the text quoting still-readable sources when one of two cited documents is revoked", async () => {
    const emma = await resolvePrincipal({ db: db.db, username: "emma" });
    const [emmaRow] = await db.db.select({ id: users.id }).from(users).where(eq(users.username, "emma"));
    const conversationId = await createConversation({ db: db.db, userId: emmaRow!.id, title: "leave and bonus" });
    const bonus: Citation = {
      ...citation(),
      n: 2,
      chunkId: "00000000-0000-0000-0000-000000000002",
      documentId: bonusId,
      title: "Bonus",
      path: "policies/bonus.md",
      snippet: "The retention bonus code is QZXBONUS77.",
    };
    await appendMessage({
      db: db.db,
      conversationId,
      role: "assistant",
      content:
        "Employees accrue 25 days of paid annual leave per calendar year. [1] The retention bonus code is QZXBONUS77. [2]",
      mode: "extractive",
      citations: [citation(), bonus],
      flags: [
        {
          sentence: "The retention bonus code is QZXBONUS77.",
          index: 1,
          citations: [2],
          support: 0.4,
          reason: "unsupported",
        },
      ],
      trace: { notice: null, closest: [], confidence: "answer", corrections: [{ from: "bonis", to: "bonus" }] },
    });
    await setDocumentAcl({ db: db.db, documentId: bonusId, acl: ["group:exec"] });
    try {
      const answer = (await getConversation({ db: db.db, principal: emma, conversationId })).messages.find(
        (m) => m.role === "assistant",
      )!;
      expect(answer.withheld).toBe(false);
      expect(answer.revokedCitations).toBe(1);
      expect(answer.content).toBe("Employees accrue 25 days of paid annual leave per calendar year. [1]");
      expect(JSON.stringify(answer)).not.toContain("QZXBONUS77");
      expect(answer.citations.map((c) => c.n)).toEqual([1]);
      expect(answer.flags).toEqual([]);
      expect(answer.corrections).toEqual([]);
    } finally {
      await setDocumentAcl({ db: db.db, documentId: bonusId, acl: ["group:everyone"] });
    }
  });
});
