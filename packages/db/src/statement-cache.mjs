// @ts-check
/**
 * A prepared-statement cache for the embedded owner's protocol proxy (embedded-worker.mjs).
 *
 * node-postgres sends every parameterised query as an unnamed Parse, so PGlite parses, analyses
 * and rewrites the same SQL text on every search (its WebAssembly build does that ~3× slower than
 * the server). Clients cannot keep named statements themselves: every socket connection shares
 * PGlite's one session (names would collide across connections and are never freed when a
 * connection closes), and the server path must not depend on them (PgBouncer's transaction
 * pooling). The proxy sees every connection's messages, so it owns the names instead: a
 * sequence whose first message is an unnamed Parse gets the statement under a name of its own
 * (`gw_cache_<n>`, a namespace clients do not use), and the next time the same text and
 * parameter types arrive the Parse is dropped, Bind is pointed at the name and the client still
 * gets its ParseComplete.
 *
 * Safety: a statement only enters the cache once PGlite answered its Parse with ParseComplete.
 * Plans are re-checked by PostgreSQL's plan cache on every Bind: a different role (the reader
 * scope's SET LOCAL ROLE), search_path or any schema/policy change re-analyses it, and the
 * transaction-local settings row-level security reads are evaluated at execution, so reader
 * scope applies exactly as with an unnamed statement. The owner runs with
 * `plan_cache_mode = force_custom_plan` (see embedded-worker.mjs) so each execution is still
 * planned for its own parameters: only parse, analysis and rewrite are saved, never a generic plan.
 * A simple Query containing DISCARD or DEALLOCATE forgets every name (a client may have dropped them).
 */

const PARSE = 0x50;
const BIND = 0x42;
const DESCRIBE = 0x44;
const QUERY = 0x51;
const PARSE_COMPLETE = Uint8Array.of(0x31, 0, 0, 0, 4);
const CLOSE = 0x43;
const CLOSE_COMPLETE = 0x33;
const ERROR_RESPONSE = 0x45;

/** @typedef {{ skipCloseComplete: boolean; prependParseComplete: boolean; onFirstReply: (type: number) => void }} ResponseFix */

/** @param {Uint8Array} bytes @param {number} from */
function cstringEnd(bytes, from) {
  const end = bytes.indexOf(0, from);
  if (end < 0) throw new Error("malformed protocol message");
  return end;
}

/** @param {number} type @param {Uint8Array[]} parts */
function message(type, parts) {
  const length = 4 + parts.reduce((n, p) => n + p.length, 0);
  const out = Buffer.allocUnsafe(1 + length);
  out[0] = type;
  out.writeInt32BE(length, 1);
  let at = 5;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const encoder = new TextEncoder();
const cstring = (/** @type {string} */ s) => encoder.encode(`${s}\0`);

/**
 * Replaces the statement name a Bind (or a Describe/Close of a statement) names when it is the
 * unnamed one; other messages come back as they were.
 * @param {Uint8Array} msg @param {string} name
 */
function pointAtName(msg, name) {
  if (msg[0] === BIND) {
    const portalEnd = cstringEnd(msg, 5);
    const stmtEnd = cstringEnd(msg, portalEnd + 1);
    if (stmtEnd !== portalEnd + 1) return msg;
    return message(BIND, [msg.subarray(5, portalEnd + 1), cstring(name), msg.subarray(stmtEnd + 1)]);
  }
  if (msg[0] === DESCRIBE && msg[5] === 0x53 /* 'S' */ && msg[6] === 0) {
    return message(DESCRIBE, [Uint8Array.of(0x53), cstring(name)]);
  }
  return msg;
}

/**
 * @param {{ capacity?: number }} [options]
 */
export function createStatementCache({ capacity = 256 } = {}) {
  /** Statement key (SQL text and parameter types, as sent) → name; Map order is recency. @type {Map<string, string>} */
  const names = new Map();
  let counter = 0;
  const stats = { hits: 0, misses: 0, evictions: 0 };

  /**
   * The name the client's unnamed statement stands for, when its last unnamed Parse went under
   * one of ours (the protocol lets a client Bind the unnamed statement again without a new Parse).
   * @type {string | null}
   */
  let unnamedIs = null;

  /**
   * Points Binds/Describes of the unnamed statement at what it stands for, message by message:
   * an unnamed Parse passed through as sent makes it PGlite's own unnamed statement again.
   * @param {Uint8Array[]} messages
   */
  function passThrough(messages) {
    const out = messages.map((m) => {
      if (m[0] === PARSE && m[5] === 0) unnamedIs = null;
      return unnamedIs === null ? m : pointAtName(m, unnamedIs);
    });
    return { messages: out, response: null };
  }

  /**
   * Rewrites one buffer of held extended-protocol messages (up to and including Sync or Flush,
   * as PGlite will read them) and says how to fix its response.
   * @param {Uint8Array[]} messages
   * @returns {{ messages: Uint8Array[]; response: ResponseFix | null }}
   */
  function rewrite(messages) {
    const first = messages[0];
    if (!first) return { messages, response: null };
    if (first[0] === QUERY) {
      if (/\b(discard|deallocate)\b/i.test(Buffer.from(first.buffer, first.byteOffset, first.byteLength).toString())) {
        names.clear();
        unnamedIs = null;
      }
      return { messages, response: null };
    }
    // Only the shape node-postgres sends (one Parse first, then Bind…Sync): with another Parse in
    // the same buffer the response positions would need parsing, so such buffers pass as sent.
    if (first[0] !== PARSE || first[5] !== 0 || messages.slice(1).some((m) => m[0] === PARSE)) {
      return passThrough(messages);
    }
    const rest = first.subarray(6);
    const key = Buffer.from(rest.buffer, rest.byteOffset, rest.byteLength).toString("latin1");
    const known = names.get(key);
    if (known !== undefined) {
      names.delete(key);
      names.set(key, known);
      stats.hits += 1;
      unnamedIs = known;
      return {
        messages: messages.slice(1).map((m) => pointAtName(m, known)),
        response: {
          skipCloseComplete: false,
          prependParseComplete: true,
          // An error first (the statement gone after all, or a failing Bind): parse it anew next time.
          onFirstReply: (type) => {
            if (type === ERROR_RESPONSE && names.get(key) === known) names.delete(key);
          },
        },
      };
    }
    stats.misses += 1;
    const name = `gw_cache_${++counter}`;
    /** @type {Uint8Array[]} */
    const out = [];
    let evicted = false;
    if (names.size >= capacity) {
      const [oldKey, oldName] = /** @type {[string, string]} */ (names.entries().next().value);
      names.delete(oldKey);
      out.push(message(CLOSE, [Uint8Array.of(0x53), cstring(oldName)]));
      evicted = true;
      stats.evictions += 1;
    }
    out.push(message(PARSE, [cstring(name), rest]));
    unnamedIs = name;
    for (const m of messages.slice(1)) out.push(pointAtName(m, name));
    return {
      messages: out,
      response: {
        skipCloseComplete: evicted,
        prependParseComplete: false,
        onFirstReply: (type) => {
          if (type === PARSE_COMPLETE[0]) names.set(key, name);
        },
      },
    };
  }

  /**
   * Wraps a response callback so the client sees what its own messages would have produced:
   * the CloseComplete of an eviction removed, a ParseComplete for a dropped Parse added, and
   * the statement remembered only when PGlite's first answer to its Parse was ParseComplete.
   * @param {ResponseFix} fix
   * @param {(data: Uint8Array) => void} onData
   */
  function responseFilter(fix, onData) {
    let skip = fix.skipCloseComplete ? 5 : 0;
    let started = false;
    return (/** @type {Uint8Array} */ data) => {
      let chunk = data;
      if (skip > 0) {
        if (skip === 5 && chunk[0] !== CLOSE_COMPLETE) skip = 0;
        const n = Math.min(skip, chunk.length);
        chunk = chunk.subarray(n);
        skip -= n;
        if (chunk.length === 0) return;
      }
      if (!started) {
        started = true;
        fix.onFirstReply(/** @type {number} */ (chunk[0]));
        if (fix.prependParseComplete) {
          const joined = new Uint8Array(PARSE_COMPLETE.length + chunk.length);
          joined.set(PARSE_COMPLETE, 0);
          joined.set(chunk, PARSE_COMPLETE.length);
          chunk = joined;
        }
      }
      onData(chunk);
    };
  }

  return { rewrite, responseFilter, stats, size: () => names.size, clear: () => names.clear() };
}
