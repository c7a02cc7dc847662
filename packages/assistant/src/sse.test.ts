import { describe, expect, it } from "vitest";
import { readSse } from "./read-sse";
import { answerEventStream, encodeSseEvent } from "./sse";
import type { AnswerEvent } from "./types";

describe("SSE framing", () => {
  it("frames each event as one event line and one JSON data line, even when the text holds newlines or fake frames", () => {
    const frame = encodeSseEvent({ type: "delta", text: "line one\n\nevent: done\ndata: {}\n\n" });
    expect(frame.split("\n")).toHaveLength(4);
    expect(frame).toMatch(/^event: delta\ndata: \{"text":".*"\}\n\n$/);
  });

  it("streams a generator as frames the parser reads back in order, and aborts the pipeline when the client leaves", async () => {
    const events: AnswerEvent[] = [
      { type: "status", stage: "retrieving", message: "Searching…" },
      { type: "delta", text: "Hello [1]" },
      {
        type: "citations",
        mode: "extractive",
        content: "Hello [1]",
        citations: [],
        flags: [],
        notice: null,
        closest: [],
        confidence: "answer",
        corrections: [],
      },
    ];
    async function* gen() {
      for (const e of events) yield e;
    }
    const parsed = [];
    for await (const e of readSse(answerEventStream({ events: gen() }))) parsed.push(e);
    expect(parsed.map((p) => p.event)).toEqual(["status", "delta", "citations"]);
    expect(JSON.parse(parsed[1]!.data)).toEqual({ text: "Hello [1]" });

    const abort = new AbortController();
    let finished = false;
    async function* endless() {
      try {
        for (;;) {
          yield { type: "delta", text: "x" } as AnswerEvent;
          await new Promise((r) => setTimeout(r, 5));
        }
      } finally {
        finished = true;
      }
    }
    const stream = answerEventStream({ events: endless(), abort });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(abort.signal.aborted).toBe(true);
    expect(finished).toBe(true);
  });
});
