// @ts-check
/**
 * One parse worker thread: parses and chunks files sent by parse-pool.ts, off the event loop
 * of the process that runs ingestion (the web server under `npm start`). The parsers are
 * TypeScript, and a worker thread starts outside the loaders of tsx and vitest, so it registers
 * tsx itself before importing them.
 */
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

if (!parentPort) throw new Error("parse-worker.mjs runs as a worker thread");
const port = parentPort;
register();
const { parseFile } = await import("./parse-file.ts");
const { chunkDocument } = await import("./chunk-document.ts");
const { FileError } = await import("../document-model.ts");

port.on(
  "message",
  async (
    /** @type {{ id: number; filename: string; bytes: Uint8Array; env: import("../env.ts").IngestEnv }} */ job,
  ) => {
    try {
      const parsed = await parseFile({ filename: job.filename, bytes: job.bytes, env: job.env });
      const chunked = await chunkDocument(parsed);
      port.postMessage({ id: job.id, ok: true, parsed, chunked });
    } catch (error) {
      const e = /** @type {Error} */ (error);
      port.postMessage({
        id: job.id,
        ok: false,
        fileError: e instanceof FileError,
        message: e?.message ?? String(error),
      });
    }
  },
);
port.postMessage({ ready: true });
