import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { availableTargets } from "@groundwork/db/testing";
import { startFakeOpenAI, type FakeOpenAI } from "@groundwork/models/testing";
import { startAppHarness, withRequestScope, type AppHarness } from "./harness/app-harness";
import { CANARY, PUBLIC_TOKEN, ingestCanaryCorpus, type CanaryCorpus } from "./harness/fixtures";
import { chatAs, getAs, pageFile, renderPage, searchAs } from "./harness/product-api";

/**
 * At info level the product logs ids, counts and timings — never document text, questions,
 * session tokens or API keys. Everything written to stdout/stderr (and console) while
 * ingesting, searching, chatting (with a model and with a failing one), viewing and
 * downloading is captured and searched for them.
 */
function capture() {
  const out: string[] = [];
  const push = (chunk: unknown) => {
    out.push(typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString() : String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation(push),
    vi.spyOn(process.stderr, "write").mockImplementation(push),
    ...(["log", "info", "warn", "error", "debug"] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void push(args.map(String).join(" "))),
    ),
  ];
  return { text: () => out.join("\n"), restore: () => spies.forEach((s) => s.mockRestore()) };
}

describe.each(await availableTargets())("log hygiene on %s", (target) => {
  let app: AppHarness;
  let corpus: CanaryCorpus | undefined;
  let fake: FakeOpenAI;

  beforeAll(async () => {
    app = await startAppHarness({ target });
    fake = await startFakeOpenAI({});
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await fake?.close();
    await app?.dispose();
    corpus?.dispose();
  });

  it("no document text, questions or secrets reach the logs at info level", async () => {
    vi.stubEnv("GROUNDWORK_LOG_LEVEL", "info");
    vi.stubEnv("LLM_API_KEY", "sk-SECRETKEY-QZX-123");
    const logs = capture();
    const harper = await app.signIn("hr");
    try {
      corpus = await ingestCanaryCorpus({ db: app.db });
      await searchAs({ app, session: harper, query: `severance ${CANARY.hr}` });
      vi.stubEnv("LLM_BASE_URL", "");
      await chatAs({ app, session: harper, question: `What is the severance multiplier ${CANARY.hr}?` });
      vi.stubEnv("LLM_BASE_URL", fake.baseURL);
      await chatAs({ app, session: harper, question: "How many days of annual leave do employees get?" });
      fake.configure({ fail: "error" });
      vi.stubEnv("LLM_TIMEOUT_MS", "300");
      await chatAs({ app, session: harper, question: "How many days of annual leave carry over?" });
      await renderPage({
        file: pageFile("documents/[id]"),
        session: harper,
        params: { id: corpus.docIds.hr },
        scope: withRequestScope,
      });
      await getAs({ app, session: harper, rel: "documents/[id]/file", params: { id: corpus.docIds.hr } });
      await searchAs({ app, session: harper, query: "x".repeat(5000) });
    } finally {
      logs.restore();
    }
    const text = logs.text();
    expect(text, "something was logged (the capture works)").toMatch(/"msg":"request"/);
    for (const forbidden of [
      CANARY.hr,
      PUBLIC_TOKEN,
      "severance multiplier",
      "25 days of annual leave",
      "annual leave do employees",
      "sk-SECRETKEY-QZX-123",
      harper.token,
      harper.csrfToken,
    ]) {
      expect(text.includes(forbidden), `logs contain ${forbidden}`).toBe(false);
    }
  });
});
