import { afterAll, describe, expect, it } from "vitest";
import { FileError } from "../document-model";
import { readIngestEnv } from "../env";
import { createParsePool } from "./parse-pool";
import { makeSlowHtml } from "../testing/make-hostile-files";

const env = readIngestEnv({});
const small = new TextEncoder().encode("# Leave\n\nEveryone gets 25 days of leave.");

/** Longest gap between 10 ms timer ticks while `work` runs: how long this event loop stalls. */
async function maxStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(tick);
  }
  return worst;
}

describe("parse worker pool", () => {
  const pool = createParsePool({ memoryMb: 512, timeoutMs: 60_000 });
  afterAll(() => pool.close());

  it("parses and chunks in a worker thread without stalling this event loop", async () => {
    await pool.parse({ filename: "warm.md", bytes: small, env });
    const slow = makeSlowHtml({ paragraphs: 30_000 });
    let blocks = 0;
    const stall = await maxStall(async () => {
      const r = await pool.parse({ filename: "big.html", bytes: slow, env });
      blocks = r.parsed.blocks.length;
    });
    expect(blocks).toBe(30_000);
    // Parsing this page on the main thread blocks it for the whole parse (seconds).
    expect(stall).toBeLessThan(500);
  });

  it("terminates a file over its time budget, fails it with the reason, and parses the next file", async () => {
    const strict = createParsePool({ memoryMb: 512, timeoutMs: 200 });
    try {
      await strict.parse({ filename: "warm.md", bytes: small, env });
      const error = await strict.parse({ filename: "big.html", bytes: makeSlowHtml(), env }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileError);
      expect((error as Error).message).toBe("took longer than 0.2 s to parse (GROUNDWORK_INGEST_PARSE_TIMEOUT_MS)");
      const next = await strict.parse({ filename: "leave.md", bytes: small, env });
      expect(next.chunked.chunks[0]?.text).toContain("25 days");
    } finally {
      await strict.close();
    }
  });

  it("fails a file that needs more memory than the worker's heap cap, and parses the next file", async () => {
    const capped = createParsePool({ memoryMb: 160, timeoutMs: 120_000 });
    try {
      await capped.parse({ filename: "warm.md", bytes: small, env });
      const error = await capped
        .parse({ filename: "huge.html", bytes: makeSlowHtml({ paragraphs: 250_000 }), env })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileError);
      expect((error as Error).message).toMatch(/needed more than 160 MB of memory to parse/);
      const next = await capped.parse({ filename: "leave.md", bytes: small, env });
      expect(next.parsed.blocks.length).toBe(2);
    } finally {
      await capped.close();
    }
  });

  it("passes parser errors through as per-file errors", async () => {
    await expect(pool.parse({ filename: "x.docx", bytes: new TextEncoder().encode("PK nope"), env })).rejects.toThrow(
      /corrupt DOCX/,
    );
  });
});
