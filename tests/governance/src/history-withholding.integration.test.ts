import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appendMessage, WITHHELD_ANSWER_TEXT, type Citation } from "@groundwork/assistant";
import { setDocumentAcl } from "@groundwork/assistant/testing";
import { documents } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import { ORIGIN, startAppHarness, type AppHarness, type Session } from "./harness/app-harness";
import { ingestCanaryCorpus, type CanaryCorpus } from "./harness/fixtures";
import { chatAs, getAs } from "./harness/product-api";

/**
 * Answer text is quoted from the documents it cites. Once the reader loses access to every one
 * of them, their history must stop showing that text (and its citations); when some remain,
 * only the citations to the others go.
 */
type StoredMessage = {
  role: string;
  content: string;
  mode: string | null;
  citations: Citation[];
  flags: unknown[];
  withheld: boolean;
  revokedCitations: number;
};

describe.each(await availableTargets())("history after access is lost on %s", (target) => {
  let app: AppHarness;
  let corpus: CanaryCorpus;
  let emma: Session;
  let expensesId: string;

  beforeAll(async () => {
    vi.stubEnv("GROUNDWORK_PUBLIC_URL", ORIGIN);
    app = await startAppHarness({ target });
    corpus = await ingestCanaryCorpus({ db: app.db });
    emma = await app.signIn("employee");
    const [row] = await app.db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.path, "everyone/expenses-policy.md"), eq(documents.status, "active")));
    expensesId = row!.id;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    corpus?.dispose();
    await app?.dispose();
  });

  const history = async (conversationId: string) => {
    const r = await getAs({ app, session: emma, rel: "conversations/[id]", params: { id: conversationId } });
    expect(r.status).toBe(200);
    return { text: r.text, messages: (r.json as { messages: StoredMessage[] }).messages };
  };

  it("emma asks, the document's ACL changes, her history shows the withheld marker and no text or citation", async () => {
    const chat = await chatAs({
      app,
      session: emma,
      question: "How much are meals reimbursed per day during business travel?",
    });
    expect(chat.status).toBe(200);
    const conversationId = chat.conversationId!;
    const before = await history(conversationId);
    const answer = before.messages.find((m) => m.role === "assistant")!;
    expect(answer.content).toContain("60 euros");
    expect(answer.citations.map((c) => c.documentId)).toContain(expensesId);
    const citedIds = [...new Set(answer.citations.map((c) => c.documentId))];

    for (const id of citedIds) await setDocumentAcl({ db: app.db, documentId: id, acl: ["group:exec"] });
    try {
      const after = await history(conversationId);
      const withheld = after.messages.find((m) => m.role === "assistant")!;
      expect(withheld).toMatchObject({
        content: WITHHELD_ANSWER_TEXT,
        citations: [],
        flags: [],
        withheld: true,
        revokedCitations: answer.citations.length,
      });
      expect(after.text).not.toContain("60 euros");
      expect(after.text).not.toContain("Expenses policy");
      expect(after.text).not.toContain(expensesId);
      // Her own question stays.
      expect(after.messages.find((m) => m.role === "user")!.content).toContain("meals reimbursed");
    } finally {
      for (const id of citedIds) await setDocumentAcl({ db: app.db, documentId: id, acl: ["group:everyone"] });
    }
    // Access back: the answer is readable again (nothing was deleted).
    expect((await history(conversationId)).messages.find((m) => m.role === "assistant")!.content).toContain("60 euros");
  });

  it("when some cited documents remain readable, only the citations to the others are dropped", async () => {
    const chat = await chatAs({ app, session: emma, question: "How many days of annual leave do I get?" });
    const conversationId = chat.conversationId!;
    const base = (await history(conversationId)).messages.find((m) => m.role === "assistant")!;
    const leave = base.citations.find((c) => c.documentId === corpus.docIds.public)!;
    expect(leave).toBeTruthy();
    // An answer citing the public leave policy [1] and the expenses policy [2].
    const expenses: Citation = {
      ...leave,
      n: 2,
      documentId: expensesId,
      title: "Expenses policy",
      path: "everyone/expenses-policy.md",
      href: `/documents/${expensesId}`,
      snippet: "Meals … 60 euros per day.",
    };
    await appendMessage({
      db: app.db,
      conversationId,
      role: "assistant",
      content: "You get 25 days [1]; meals are paid up to 60 euros [2].",
      mode: "extractive",
      citations: [{ ...leave, n: 1 }, expenses],
    });
    // An abstention and an answer without citations are unaffected.
    await appendMessage({
      db: app.db,
      conversationId,
      role: "assistant",
      content: "I couldn't find this in the documents you can access.",
      mode: "abstain",
    });
    await appendMessage({
      db: app.db,
      conversationId,
      role: "assistant",
      content: "No sources were needed for this.",
      mode: "llm",
    });

    await setDocumentAcl({ db: app.db, documentId: expensesId, acl: ["group:exec"] });
    try {
      const messages = (await history(conversationId)).messages.filter((m) => m.role === "assistant");
      const mixed = messages.find((m) => m.content.startsWith("You get 25 days"))!;
      expect(mixed).toMatchObject({ withheld: false, revokedCitations: 1 });
      expect(mixed.citations.map((c) => c.documentId)).toEqual([corpus.docIds.public]);
      expect(JSON.stringify(mixed.citations)).not.toContain("Expenses policy");
      expect(messages.find((m) => m.mode === "abstain")).toMatchObject({
        content: "I couldn't find this in the documents you can access.",
        withheld: false,
      });
      expect(messages.find((m) => m.mode === "llm")).toMatchObject({
        content: "No sources were needed for this.",
        withheld: false,
      });
    } finally {
      await setDocumentAcl({ db: app.db, documentId: expensesId, acl: ["group:everyone"] });
    }
  });
});
