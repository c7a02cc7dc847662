import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { users } from "@groundwork/db/schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { eq } from "drizzle-orm";
import { appendMessage, createConversation, recordFeedback } from "./conversation-queries";
import { getConversationForAdmin, listEvalSetFeedback, setFeedbackTriage } from "./feedback-triage";
import { listFeedbackForReview } from "./list-feedback";
import type { Citation } from "./types";

const citation: Citation = {
  n: 1,
  chunkId: "00000000-0000-0000-0000-000000000001",
  documentId: "00000000-0000-0000-0000-0000000000d1",
  title: "Leave policy",
  path: "everyone/hr/leave-policy.md",
  sourceName: "handbook",
  version: 1,
  pageFrom: null,
  pageTo: null,
  headings: ["Leave policy"],
  charStart: 0,
  charEnd: 10,
  href: "/documents/00000000-0000-0000-0000-0000000000d1",
  snippet: "25 days",
};

describe.each(await availableTargets())("feedback triage on %s", (target) => {
  let db: TestDatabase;
  let emmaId: string;
  let conversationId: string;
  let answerId: string;
  let feedbackId: string;

  beforeAll(async () => {
    db = await createTestDatabase({ target });
    await seedDemoUsers({ db: db.db });
    const [emma] = await db.db.select({ id: users.id }).from(users).where(eq(users.username, "emma"));
    emmaId = emma!.id;
    conversationId = await createConversation({ db: db.db, userId: emmaId, title: "leave" });
    await appendMessage({ db: db.db, conversationId, role: "user", content: "How much annual leave?" });
    answerId = await appendMessage({
      db: db.db,
      conversationId,
      role: "assistant",
      content: "You get **25 days** of paid leave. [1]",
      mode: "extractive",
      citations: [citation],
    });
    await appendMessage({ db: db.db, conversationId, role: "user", content: "And sick leave?" });
    feedbackId = (await recordFeedback({ db: db.db, userId: emmaId, messageId: answerId, rating: 1 })).id;
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it("a new rating starts as new; setting the state returns the one before and filters the list", async () => {
    expect((await listFeedbackForReview({ db: db.db })).map((r) => r.triage)).toEqual(["new"]);
    expect(await setFeedbackTriage({ db: db.db, feedbackId, triage: "reviewed" })).toEqual({
      id: feedbackId,
      before: "new",
      after: "reviewed",
    });
    expect(await listFeedbackForReview({ db: db.db, triage: "new" })).toEqual([]);
    expect((await listFeedbackForReview({ db: db.db, triage: "reviewed" })).map((r) => r.id)).toEqual([feedbackId]);
    await expect(setFeedbackTriage({ db: db.db, feedbackId: randomUUID(), triage: "eval" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(setFeedbackTriage({ db: db.db, feedbackId: "nope", triage: "eval" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("an admin reads the whole conversation with the rating on its answer; a missing id is not_found", async () => {
    const conv = await getConversationForAdmin({ db: db.db, conversationId });
    expect(conv.userId).toBe(emmaId);
    expect(conv.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(conv.messages[1]!.citations.map((c) => c.title)).toEqual(["Leave policy"]);
    expect(conv.messages[1]!.feedback).toMatchObject({ id: feedbackId, rating: 1, triage: "reviewed" });
    expect(conv.messages[0]!.feedback).toBeNull();
    await expect(getConversationForAdmin({ db: db.db, conversationId: randomUUID() })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getConversationForAdmin({ db: db.db, conversationId: "x" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("exports only ratings marked for the eval set, as golden-set lines with the question they answered", async () => {
    const usernameOf = (id: string) => (id === emmaId ? "emma" : undefined);
    expect(await listEvalSetFeedback({ db: db.db, usernameOf })).toEqual([]);
    await setFeedbackTriage({ db: db.db, feedbackId, triage: "eval" });
    expect(await listEvalSetFeedback({ db: db.db, usernameOf })).toEqual([
      {
        id: `feedback-${feedbackId}`,
        question: "How much annual leave?",
        asUser: "emma",
        expect: "answer",
        expectedDocuments: ["everyone/hr/leave-policy.md"],
        category: "feedback",
        answer: "You get **25 days** of paid leave. [1]",
        rating: 1,
        comment: null,
      },
    ]);
  });
});
