import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain JavaScript for the worker thread (see embedded-worker.mjs); its JSDoc types it there
import { createStatementCache } from "./statement-cache.mjs";

// Frontend messages built byte by byte, as node-postgres writes them.
const cstr = (s: string) => Buffer.from(`${s}\0`);
const msg = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(5);
  head[0] = type.charCodeAt(0);
  head.writeInt32BE(body.length + 4, 1);
  return new Uint8Array(Buffer.concat([head, body]));
};
const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const parse = (name: string, text: string) => msg("P", cstr(name), cstr(text), int16(0));
const bind = (statement: string) => msg("B", cstr(""), cstr(statement), int16(0), int16(0), int16(0));
const describePortal = () => msg("D", Buffer.from("P"), cstr(""));
const execute = () => msg("E", cstr(""), Buffer.alloc(4));
const sync = () => msg("S");
const query = (text: string) => msg("Q", cstr(text));
const sequence = (text: string) => [parse("", text), bind(""), describePortal(), execute(), sync()];

/** The statement names a rewritten buffer's Parse, Bind and Close messages use ("" = unnamed). */
function named(messages: Uint8Array[]) {
  return messages.map((m) => {
    const type = String.fromCharCode(m[0]!);
    const b = Buffer.from(m);
    if (type === "P") return `P:${b.toString("latin1", 5, b.indexOf(0, 5))}`;
    if (type === "B") {
      const portalEnd = b.indexOf(0, 5);
      return `B:${b.toString("latin1", portalEnd + 1, b.indexOf(0, portalEnd + 1))}`;
    }
    if (type === "C") return `C:${b.toString("latin1", 6, b.indexOf(0, 6))}`;
    return type;
  });
}

const PARSE_COMPLETE = [0x31, 0, 0, 0, 4];
const BIND_COMPLETE = [0x32, 0, 0, 0, 4];
const CLOSE_COMPLETE = [0x33, 0, 0, 0, 4];
const ERROR = [0x45, 0, 0, 0, 4];

/** Feeds a reply through the cache's response filter and returns what the client would receive. */
function reply(cache: ReturnType<typeof createStatementCache>, fix: unknown, ...chunks: number[][]) {
  const got: number[] = [];
  const filter = cache.responseFilter(fix, (d: Uint8Array) => got.push(...d));
  for (const c of chunks) filter(Uint8Array.from(c));
  return got;
}

describe("statement cache", () => {
  it("names a new statement, then drops its Parse and answers ParseComplete itself", () => {
    const cache = createStatementCache();
    const first = cache.rewrite(sequence("select $1::int"));
    expect(named(first.messages)).toEqual(["P:gw_cache_1", "B:gw_cache_1", "D", "E", "S"]);
    expect(reply(cache, first.response, [...PARSE_COMPLETE, ...BIND_COMPLETE])).toEqual([
      ...PARSE_COMPLETE,
      ...BIND_COMPLETE,
    ]);
    const second = cache.rewrite(sequence("select $1::int"));
    expect(named(second.messages)).toEqual(["B:gw_cache_1", "D", "E", "S"]);
    expect(reply(cache, second.response, BIND_COMPLETE)).toEqual([...PARSE_COMPLETE, ...BIND_COMPLETE]);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1 });
    // Different text: a statement of its own.
    expect(named(cache.rewrite(sequence("select $1::text")).messages)[0]).toBe("P:gw_cache_2");
  });

  it("does not remember a statement whose Parse failed, and forgets one whose Bind failed", () => {
    const cache = createStatementCache();
    const bad = cache.rewrite(sequence("select from nowhere"));
    reply(cache, bad.response, ERROR);
    expect(cache.size()).toBe(0);
    expect(named(cache.rewrite(sequence("select from nowhere")).messages)[0]).toMatch(/^P:/);

    const ok = cache.rewrite(sequence("select 1"));
    reply(cache, ok.response, PARSE_COMPLETE);
    const hit = cache.rewrite(sequence("select 1"));
    expect(named(hit.messages)[0]).toMatch(/^B:gw_cache/);
    reply(cache, hit.response, ERROR);
    expect(named(cache.rewrite(sequence("select 1")).messages)[0]).toMatch(/^P:gw_cache/);
  });

  it("evicts the least recently used statement with a Close whose reply the client never sees", () => {
    const cache = createStatementCache({ capacity: 2 });
    for (const text of ["select 1", "select 2"]) reply(cache, cache.rewrite(sequence(text)).response, PARSE_COMPLETE);
    reply(cache, cache.rewrite(sequence("select 1")).response, BIND_COMPLETE); // select 1 is now the newest
    const third = cache.rewrite(sequence("select 3"));
    expect(named(third.messages)).toEqual(["C:gw_cache_2", "P:gw_cache_3", "B:gw_cache_3", "D", "E", "S"]);
    // The CloseComplete split across two chunks is still removed.
    expect(
      reply(cache, third.response, CLOSE_COMPLETE.slice(0, 2), [...CLOSE_COMPLETE.slice(2), ...PARSE_COMPLETE]),
    ).toEqual(PARSE_COMPLETE);
    expect(named(cache.rewrite(sequence("select 2")).messages)[0]).toMatch(/^C:|^P:/);
  });

  it("leaves client-named statements, several Parses in one buffer, and simple queries as sent", () => {
    const cache = createStatementCache();
    const own = [parse("mine", "select 1"), bind("mine"), execute(), sync()];
    expect(cache.rewrite(own).messages).toEqual(own);
    const two = [parse("", "select 1"), bind(""), execute(), parse("", "select 2"), bind(""), execute(), sync()];
    expect(cache.rewrite(two).messages).toEqual(two);
    expect(cache.rewrite(two).response).toBeNull();
    const q = [query("select 1")];
    expect(cache.rewrite(q).messages).toEqual(q);
  });

  it("keeps a Bind of the unnamed statement without a new Parse bound to the client's last Parse", () => {
    const cache = createStatementCache();
    reply(cache, cache.rewrite(sequence("select 1")).response, PARSE_COMPLETE);
    expect(named(cache.rewrite([bind(""), execute(), sync()]).messages)).toEqual(["B:gw_cache_1", "E", "S"]);
    // After an unnamed Parse that passed through as sent, the unnamed statement is PGlite's own again.
    cache.rewrite([parse("", "select 1"), bind(""), parse("", "select 2"), bind(""), sync()]);
    expect(named(cache.rewrite([bind(""), sync()]).messages)).toEqual(["B:", "S"]);
  });

  it("forgets every name after DISCARD or DEALLOCATE", () => {
    const cache = createStatementCache();
    reply(cache, cache.rewrite(sequence("select 1")).response, PARSE_COMPLETE);
    cache.rewrite([query("DEALLOCATE ALL")]);
    expect(cache.size()).toBe(0);
    expect(named(cache.rewrite(sequence("select 1")).messages)[0]).toBe("P:gw_cache_2");
  });
});
