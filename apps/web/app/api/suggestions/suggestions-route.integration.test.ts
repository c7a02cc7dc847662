import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { seedCorpus } from "@groundwork/assistant/testing";
import type { Principal } from "@groundwork/access/principal";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { setSharedDb } from "@groundwork/db/client";
import { chunks } from "@groundwork/db/schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { suggestionsResponse } from "./contract";

const sessionState: { principal: Principal | null } = { principal: null };
vi.mock("~/lib/server/auth/session", () => ({
  readSession: async () =>
    sessionState.principal ? { sessionId: "s", csrfToken: "csrf-ok", principal: sessionState.principal } : null,
}));

const { GET } = await import("./route");

const LEAVE_SECTIONS = ["Annual leave", "Carry-over", "Parental leave", "Sick leave"];

async function suggest(near?: string[]) {
  const q = near ? `?near=${near.join(",")}` : "";
  const res = await GET(new Request(`http://localhost/api/suggestions${q}`), { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe.each(await availableTargets())("GET /api/suggestions on %s", (target) => {
  let db: TestDatabase;
  let emma: Principal;
  let harper: Principal;
  const leaveChunks: string[] = [];
  let salaryChunk = "";

  beforeAll(async () => {
    db = await createTestDatabase({ target });
    setSharedDb(db);
    await seedDemoUsers({ db: db.db });
    const { documentIds } = await seedCorpus({
      db: db.db,
      docs: [
        {
          path: "policies/leave.md",
          title: "Leave policy",
          acl: ["group:everyone"],
          text: LEAVE_SECTIONS.map((h) => `${h} is described here.`).join("\n\n"),
        },
        {
          path: "hr/salary-bands.md",
          title: "Salary bands",
          acl: ["group:hr"],
          text: "Bands are reviewed every April.",
        },
      ],
    });
    // seedCorpus writes no headings: give each chunk the section it stands for, as the chunker would.
    const leave = await db.db
      .select({ id: chunks.id, ordinal: chunks.ordinal })
      .from(chunks)
      .where(eq(chunks.documentId, documentIds.get("policies/leave.md")!))
      .orderBy(asc(chunks.ordinal));
    for (const c of leave) {
      await db.db
        .update(chunks)
        .set({ headings: ["Leave policy", LEAVE_SECTIONS[c.ordinal]!] })
        .where(eq(chunks.id, c.id));
      leaveChunks.push(c.id);
    }
    const [salary] = await db.db
      .update(chunks)
      .set({ headings: ["Salary bands", "Review cycle"] })
      .where(and(eq(chunks.documentId, documentIds.get("hr/salary-bands.md")!), eq(chunks.ordinal, 0)))
      .returning({ id: chunks.id });
    salaryChunk = salary!.id;
    emma = await resolvePrincipal({ db: db.db, username: "emma" });
    harper = await resolvePrincipal({ db: db.db, username: "harper" });
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it("suggests the cited document's other sections, nearest first, never the cited one", async () => {
    sessionState.principal = emma;
    const { status, body } = await suggest([leaveChunks[0]!]);
    expect(status).toBe(200);
    const { suggestions } = suggestionsResponse.parse(body);
    expect(suggestions.map((s) => s.heading)).toEqual(["Carry-over", "Parental leave", "Sick leave"]);
    expect(suggestions[0]!.question).toBe("What does Leave policy say about Carry-over?");
  });

  it("treats a cited passage the caller cannot read exactly like one that does not exist", async () => {
    sessionState.principal = emma;
    const hidden = await suggest([salaryChunk]);
    const missing = await suggest([randomUUID()]);
    expect(hidden).toEqual({ status: 200, body: { suggestions: [] } });
    expect(missing).toEqual(hidden);
    // The HR reader gets the same near-passage suggestions from the Leave policy, and nothing else.
    sessionState.principal = harper;
    const mixed = suggestionsResponse.parse((await suggest([leaveChunks[3]!, salaryChunk])).body);
    expect(mixed.suggestions.map((s) => s.heading)).toEqual(["Parental leave", "Carry-over", "Annual leave"]);
  });

  it("first-run suggestions come only from documents the caller can read", async () => {
    sessionState.principal = emma;
    const mine = suggestionsResponse.parse((await suggest()).body).suggestions;
    expect(mine.map((s) => s.heading)).toEqual(["Annual leave"]);
    sessionState.principal = harper;
    const hers = suggestionsResponse.parse((await suggest()).body).suggestions;
    expect(hers.map((s) => s.heading).sort()).toEqual(["Annual leave", "Review cycle"]);
  });

  it("refuses more than 12 ids with a 400 and needs a session", async () => {
    sessionState.principal = emma;
    const many = await suggest(Array.from({ length: 13 }, () => randomUUID()));
    expect(many.status).toBe(400);
    sessionState.principal = null;
    expect((await suggest()).status).toBe(401);
  });
});
