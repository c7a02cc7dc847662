import { describe, expect, it } from "vitest";
import { readSse } from "./read-sse";

function streamOf(parts: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const p of parts) c.enqueue(enc.encode(p));
      c.close();
    },
  });
}

async function collect(parts: string[]) {
  const out = [];
  for await (const e of readSse(streamOf(parts))) out.push(e);
  return out;
}

describe("readSse", () => {
  it("parses events split across chunks, CRLF, comments and multi-line data; drops a cut-off event", async () => {
    const events = await collect([
      ": keepalive\n\nevent: sta",
      'tus\ndata: {"stage":"retrieve"}\n\n',
      "event: delta\r\ndata: line one\r\ndata: line two\r\n\r\n",
      "data: tail",
    ]);
    expect(events).toEqual([
      { event: "status", data: '{"stage":"retrieve"}' },
      { event: "delta", data: "line one\nline two" },
    ]);
  });

  it("yields nothing for a stream of comments only", async () => {
    expect(await collect([": ping\n\n: ping\n\n"])).toEqual([]);
  });
});
