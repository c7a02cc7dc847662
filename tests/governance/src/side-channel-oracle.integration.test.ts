import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets } from "@groundwork/db/testing";
import { startAppHarness, type AppHarness, type Session } from "./harness/app-harness";
import { ingestCanaryCorpus, type CanaryCorpus } from "./harness/fixtures";
import { chatAs, searchAs } from "./harness/product-api";

/**
 * The word-existence oracle of the security review: an employee asked about words that occur
 * only in an hr document, and the search timings and the answer-or-decline told them the words
 * existed. Here N words occur only in a restricted document and N occur nowhere; everything an
 * employee receives for the first set — results, scores, snippets, counts, corrections,
 * answer vs decline, the answer's text — must be exactly what they receive for the second, once
 * the probe word itself is blanked out. hr, who may read the document, is the positive control.
 */
const SECRET = ["marmalade", "walrus", "gazebo", "trombone", "porcupine", "lighthouse"];
const NOWHERE = ["pelican", "harpsichord", "toboggan", "artichoke", "chandelier", "kayak"];

const hidden = {
  "hr-only/secret-words.md": `# Offsite planning\n\nThe hr offsite agenda mentions ${SECRET.join(", ")} several times: ${SECRET.join(" ")}. ${SECRET.join(" and ")} again, so each word is frequent here.\n`,
};

/**
 * A reply as an employee sees it, with the probe word blanked and per-request ids dropped.
 * Fused scores and vector ranks are left out: the weight-free embedder hashes the probe word's
 * own letters, so the vector leg's similarity differs from word to word in both sets alike.
 * Lexical ranks, results, snippets and everything else stay in.
 */
function normalise(text: string, word: string): string {
  return text
    .replaceAll(word, "<w>")
    .replace(/"score":[-\d.e]+/g, '"score":<s>')
    .replace(/"vector":(?:\d+|null)/g, '"vector":<v>')
    .replace(/"(conversationId|messageId|userMessageId|id|requestId)":"[^"]*"/g, '"$1":"<id>"')
    .replace(/\/documents\/[^"?]+\?chunk=[^"&]+/g, "/documents/<doc>?chunk=<chunk>");
}

describe.each(await availableTargets())("statistical oracle on %s", (target) => {
  let app: AppHarness;
  let corpus: CanaryCorpus;
  let employee: Session | null;
  let hr: Session | null;

  beforeAll(async () => {
    app = await startAppHarness({ target });
    corpus = await ingestCanaryCorpus({ db: app.db, extraFiles: hidden });
    employee = await app.sessionFor("employee");
    hr = await app.sessionFor("hr");
  }, 240_000);
  afterAll(async () => {
    await app?.dispose();
    corpus?.dispose();
  });

  it("search: a word only hidden documents hold reads exactly like a word no document holds", async () => {
    const seen = new Set<string>();
    for (const word of [...SECRET, ...NOWHERE]) {
      const r = await searchAs({ app, session: employee, query: `annual leave days ${word}` });
      expect(r.status).toBe(200);
      const body = r.json as Record<string, unknown>;
      expect(body.timings, "stage timings are for admins only").toBeUndefined();
      seen.add(normalise(r.text, word));
    }
    expect(seen.size, [...seen].join("\n---\n")).toBe(1);
    // Positive control: for hr the secret words are real and find their document.
    const control = await searchAs({ app, session: hr, query: `annual leave days ${SECRET[0]}` });
    expect(control.text).toContain("secret-words.md");
  });

  it("chat: answer or decline, and the answer itself, do not depend on hidden words", async () => {
    const seen = new Map<string, string[]>();
    for (const word of [...SECRET, ...NOWHERE]) {
      const r = await chatAs({ app, session: employee, question: `How many days of annual leave do I get ${word}?` });
      expect(r.status).toBe(200);
      const final = r.events.find((e) => e.event === "citations")?.data as Record<string, unknown> | undefined;
      const done = r.events.find((e) => e.event === "done")?.data as Record<string, unknown> | undefined;
      expect(done?.timings, "stage timings are for admins only").toBeUndefined();
      const key = normalise(
        JSON.stringify({
          mode: final?.mode,
          content: final?.content,
          confidence: final?.confidence,
          corrections: final?.corrections,
          citations: final?.citations,
          closest: final?.closest,
        }),
        word,
      );
      seen.set(key, [...(seen.get(key) ?? []), word]);
    }
    expect(seen.size, JSON.stringify([...seen.values()])).toBe(1);
  });
});
