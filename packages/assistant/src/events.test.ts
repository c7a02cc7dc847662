import { describe, expect, it } from "vitest";
import { answerEventSchema, decodeAnswerEvent, readAnswerEvents, type AnswerEvent } from "./events";
import { answerEventStream, clientAnswerEvent, encodeSseEvent } from "./sse";

const timings = {
  condense_ms: 1,
  retrieve_ms: 2,
  answerability_ms: 0.5,
  prompt_ms: 0,
  before_first_token_ms: 3.5,
  first_token_ms: null,
  generate_ms: 4,
  verify_ms: 1,
  total_ms: 9,
};
const citation = {
  n: 1,
  chunkId: "c1",
  documentId: "d1",
  title: "Leave policy",
  path: "policies/leave.md",
  sourceName: "policies",
  version: 2,
  pageFrom: 3,
  pageTo: 3,
  headings: ["Leave policy", "Carry-over"],
  charStart: 10,
  charEnd: 80,
  href: "/documents/d1?chunk=c1&start=10&end=80",
  snippet: "«leave» carries over",
};
const events: AnswerEvent[] = [
  { type: "status", stage: "retrieving", message: "Searching your documents…" },
  { type: "status", stage: "fallback", message: "The model did not answer.", reset: true },
  { type: "delta", text: "Up to 5 days carry over [1]." },
  {
    type: "citations",
    mode: "extractive",
    content: "Up to 5 days carry over [1].",
    citations: [citation],
    flags: [
      { sentence: "Up to 5 days carry over [1].", index: 0, citations: [1], support: 0.4, reason: "unsupported" },
    ],
    notice: null,
    closest: [
      {
        documentId: "d2",
        title: "Holidays",
        path: "policies/holidays.md",
        owner: null,
        href: "/documents/d2?chunk=c9&start=0&end=5",
        score: 0.7,
      },
    ],
    confidence: "closest",
    corrections: [{ from: "carr", to: "carry" }],
  },
  { type: "done", conversationId: "conv", messageId: "m2", userMessageId: "m1", mode: "extractive", timings },
  { type: "error", code: "db_unavailable", message: "The database is unavailable right now." },
];

async function* gen(list: AnswerEvent[]) {
  for (const e of list) yield e;
}

describe("AnswerEvent contract", () => {
  it("decodes every event the stream sends back to what the server built", async () => {
    for (const e of events) expect(answerEventSchema.parse(e)).toEqual(e);
    const decoded = [];
    for await (const e of readAnswerEvents({ body: answerEventStream({ events: gen(events), exposeTimings: true }) }))
      decoded.push(e);
    expect(decoded).toEqual(events);
  });

  it("decodes a done event without timings (what non-admins receive)", () => {
    const done = events.find((e) => e.type === "done")!;
    const sent = clientAnswerEvent({ event: done, exposeTimings: false });
    expect(sent).not.toHaveProperty("timings");
    const [head, data] = encodeSseEvent(sent).split("\n");
    expect(
      decodeAnswerEvent({ frame: { event: head!.slice("event: ".length), data: data!.slice("data: ".length) } }),
    ).toEqual(sent);
  });

  it("rejects frames that are not answer events", () => {
    expect(decodeAnswerEvent({ frame: { event: "delta", data: "not json" } })).toBeNull();
    expect(decodeAnswerEvent({ frame: { event: "delta", data: '{"text":5}' } })).toBeNull();
    expect(decodeAnswerEvent({ frame: { event: "surprise", data: "{}" } })).toBeNull();
    expect(decodeAnswerEvent({ frame: { event: "citations", data: "[]" } })).toBeNull();
  });
});
