import net from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { NOTICES } from "@groundwork/assistant";
import { auditEvents } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import { startFakeOpenAI, type FakeOpenAI } from "@groundwork/models/testing";
import { startAppHarness, type AppHarness, type Session } from "./harness/app-harness";
import { ingestCanaryCorpus, type CanaryCorpus } from "./harness/fixtures";
import { chatAs, type ChatReply } from "./harness/product-api";

/**
 * The model endpoint misbehaves — slow past the timeout, refusing connections, hanging,
 * dropping the stream, answering 500 — and every time the user still gets a grounded
 * extractive answer with the fallback notice, and the audit row says why.
 */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function modeOf(r: ChatReply): string | undefined {
  return (r.events.find((e) => e.event === "done")?.data as { mode?: string } | undefined)?.mode;
}

const QUESTION = "How many days of annual leave does every employee receive per year?";

describe.each(await availableTargets())("model endpoint faults on %s", (target) => {
  let app: AppHarness;
  let corpus: CanaryCorpus;
  let emma: Session;
  let fake: FakeOpenAI;

  beforeAll(async () => {
    app = await startAppHarness({ target });
    corpus = await ingestCanaryCorpus({ db: app.db });
    emma = await app.signIn("employee");
    fake = await startFakeOpenAI({});
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    fake.configure({ fail: undefined, latencyMs: 0, chunkDelayMs: 0 });
  });
  afterAll(async () => {
    await fake?.close();
    await app?.dispose();
    corpus?.dispose();
  });

  function useModel(baseURL: string, timeoutMs = 400) {
    vi.stubEnv("LLM_BASE_URL", baseURL);
    vi.stubEnv("LLM_API_KEY", "test");
    vi.stubEnv("LLM_TIMEOUT_MS", String(timeoutMs));
  }

  async function expectFallback(label: string) {
    const t0 = performance.now();
    const r = await chatAs({ app, session: emma, question: QUESTION });
    const elapsed = performance.now() - t0;
    expect(r.status, label).toBe(200);
    expect(modeOf(r), `${label}: ${r.text.slice(-300)}`).toBe("fallback");
    const final = r.events.find((e) => e.event === "citations")?.data as {
      content: string;
      notice: string | null;
      citations: unknown[];
    };
    expect(final.notice).toBe(NOTICES.fallback);
    expect(final.content).toContain("25 days");
    expect(final.citations.length).toBeGreaterThan(0);
    expect(r.events.some((e) => e.event === "error")).toBe(false);
    // Bounded: timeout and one retry, not an open-ended wait (loose bound; not a speed test).
    expect(elapsed, `${label} took ${Math.round(elapsed)} ms`).toBeLessThan(30_000);
    const done = r.events.find((e) => e.event === "done")?.data as { messageId: string };
    const rows = await app.db.select().from(auditEvents).where(eq(auditEvents.action, "chat"));
    const mine = rows.find((x) => (x.detail as { messageId?: string }).messageId === done.messageId);
    expect(
      (mine?.detail as { fallbackReason?: string | null }).fallbackReason,
      `${label}: audit says why`,
    ).toBeTruthy();
    return r;
  }

  it("healthy model: an llm answer (control)", async () => {
    useModel(fake.baseURL, 5_000);
    const r = await chatAs({ app, session: emma, question: QUESTION });
    expect(modeOf(r)).toBe("llm");
  });

  it("slow model past the timeout → extractive fallback with a notice", async () => {
    fake.configure({ latencyMs: 3_000 });
    useModel(fake.baseURL, 300);
    await expectFallback("slow");
  });

  it("model endpoint down (connection refused) → fallback", async () => {
    useModel(`http://127.0.0.1:${await closedPort()}/v1`);
    await expectFallback("down");
  });

  it("model hangs → fallback", async () => {
    fake.configure({ fail: "hang" });
    useModel(fake.baseURL, 300);
    await expectFallback("hang");
  });

  it("model answers 500 → fallback", async () => {
    fake.configure({ fail: "error" });
    useModel(fake.baseURL);
    await expectFallback("500");
  });

  it("stream dropped midway → fallback, the partial text is replaced", async () => {
    fake.configure({ fail: "drop" });
    useModel(fake.baseURL);
    const r = await expectFallback("drop");
    const status = r.events
      .filter((e) => e.event === "status")
      .map((e) => e.data as { stage: string; reset?: boolean });
    expect(status.some((s) => s.stage === "fallback")).toBe(true);
  });
});
