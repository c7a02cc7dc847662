// @ts-check
/**
 * The embedded PGlite and its wire-protocol server, run in a worker thread of the owning process.
 * PGlite executes queries synchronously inside WebAssembly: on the main thread every query would
 * stall the web server's request handling, and a 2-core machine would leave one core idle. Here
 * the main thread only speaks the Postgres protocol over loopback, like every other process.
 *
 * Plain JavaScript on purpose: a worker is started by Node itself, outside the TypeScript
 * loaders of tsx, vitest and Next.
 */
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { requirePassword } from "./embedded-auth.mjs";
import { createStatementCache } from "./statement-cache.mjs";

/** @typedef {{ dataDir: string; port: number; maxConnections: number; sharedBuffers: string; password: string; statementCache: boolean }} OwnerOptions */

// Client messages that open or continue an extended-protocol sequence (Parse, Bind, Describe,
// Execute, Close, Flush); the sequence ends at Sync (or a simple Query / Terminate).
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);
const FLUSH = 0x48;

/**
 * pglite-socket hands PGlite one wire message at a time, and only keeps one client's messages
 * together inside a transaction. Two fixes, both in this proxy:
 * - Two clients' autocommit queries could interleave Parse and Bind (e.g. a large Bind arriving
 *   in several TCP reads), binding one client's parameters to the other's statement ("bind
 *   message supplies N parameters"). Reporting "in transaction" until the client's Sync makes the
 *   queue keep each extended-protocol sequence together.
 * - Each message costs a pass through PGlite and its own socket writes; a query is five (Parse,
 *   Bind, Describe, Execute, Sync). The messages before Sync are held and run with it as one
 *   buffer — PGlite reads every message in a buffer — so the responses go out together. Flush
 *   asks for responses before Sync, so it runs what is held at once.
 * The buffer goes through the statement cache (statement-cache.mjs) when there is one.
 * @param {PGlite} pglite
 * @param {ReturnType<typeof createStatementCache> | null} cache
 * @returns {PGlite}
 */
function stickyExtendedProtocol(pglite, cache) {
  let midSequence = false;
  /** @type {Uint8Array[]} */
  let held = [];
  /** @param {Uint8Array} message */
  const withHeld = (message) => {
    const messages = [...held, message];
    held = [];
    return messages;
  };
  /** @param {Uint8Array[]} messages */
  const joined = (messages) => {
    if (messages.length === 1) return /** @type {Uint8Array} */ (messages[0]);
    const all = Buffer.concat(messages);
    return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
  };
  return new Proxy(pglite, {
    get(target, prop) {
      if (prop === "isInTransaction") return () => midSequence || target.isInTransaction();
      if (prop === "execProtocolRawStream") {
        /** @param {Uint8Array} message @param {any} options */
        return async (message, options) => {
          const type = message.length > 0 ? /** @type {number} */ (message[0]) : -1;
          midSequence = EXTENDED.has(type);
          if (midSequence && type !== FLUSH) {
            held.push(message);
            return;
          }
          const messages = withHeld(message);
          if (!cache) return target.execProtocolRawStream(joined(messages), options);
          const { messages: rewritten, response } = cache.rewrite(messages);
          return target.execProtocolRawStream(
            joined(rewritten),
            response ? { ...options, onRawData: cache.responseFilter(response, options.onRawData) } : options,
          );
        };
      }
      if (prop === "exec") {
        // Called with ROLLBACK when the client owning the sequence disconnects.
        /** @param {string} query @param {any} [options] */
        return async (query, options) => {
          midSequence = false;
          held = [];
          return target.exec(query, options);
        };
      }
      // Getters run against the real instance: PGlite keeps its state in private fields.
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** @param {OwnerOptions} options */
async function start({ dataDir, port, maxConnections, sharedBuffers, password, statementCache }) {
  // Extensions (vector; pg_trgm for typo correction) must be passed on every open, not only the first.
  // Every page PGlite misses in its cache is read through the WASM file layer, so the chunks
  // table and its indexes should fit: 128 MB holds about 20k chunks of a 100k-chunk search's
  // working set. maintenance_work_mem lets an HNSW build stay in memory (64 MB by default).
  const pglite = await PGlite.create(dataDir, {
    extensions: { vector, pg_trgm },
    startParams: [
      ...PGlite.defaultStartParams,
      "-c",
      `shared_buffers=${sharedBuffers}`,
      "-c",
      "maintenance_work_mem=256MB",
      // Statements the cache keeps are still planned for each execution's parameters, as unnamed
      // ones are: the automatic generic plan was 4× slower for the HNSW statement (see the
      // retrieval README). Only the proxy's statements are named, so nothing else changes.
      "-c",
      "plan_cache_mode=force_custom_plan",
    ],
  });
  try {
    const server = new PGLiteSocketServer({
      // GROUNDWORK_EMBEDDED_STATEMENT_CACHE=off (env.ts) runs without it (to measure it, or rule it out).
      db: stickyExtendedProtocol(pglite, statementCache ? createStatementCache() : null),
      host: "127.0.0.1",
      port,
      maxConnections,
    });
    // Before start(): no connection may reach PGlite without the password.
    requirePassword({ server, password });
    await server.start();
    return { pglite, server, port: Number(server.getServerConn().split(":").pop()) };
  } catch (error) {
    await pglite.close().catch(() => undefined);
    throw error;
  }
}

const port = parentPort;
if (!port) throw new Error("embedded-worker.mjs runs as a worker thread");

start(/** @type {OwnerOptions} */ (workerData)).then(
  (owner) => {
    port.on("message", (/** @type {{ type: string }} */ message) => {
      if (message.type !== "close") return;
      // Stop accepting clients first, then let PGlite checkpoint and close its files.
      void (async () => {
        await owner.server.stop().catch(() => undefined);
        await owner.pglite.close().catch(() => undefined);
        port.postMessage({ type: "closed" });
        port.close();
      })();
    });
    port.postMessage({ type: "ready", port: owner.port });
  },
  (/** @type {Error} */ error) => {
    port.postMessage({ type: "failed", message: error.message, stack: error.stack });
    port.close();
  },
);
