import { parseArgs } from "node:util";
import { openDatabase, type DbHandle } from "@groundwork/db/client";
import { isGroundworkError } from "@groundwork/core/errors";
import { migrateDatabase } from "@groundwork/db/migrate";
import type { IngestionRun } from "@groundwork/db/schema";
import { createEmbedder } from "@groundwork/models/embeddings";
import { reembedCorpus } from "./store/reembed-corpus";
import { listRuns, requestRun } from "./run/runs";
import { findSource, listSources } from "./sources/manage-sources";
import { listConnectorKinds } from "./sources/source-summaries";
import { connectorFlags, sourcesCommand } from "./cli-sources";
import { explainAccessCommand } from "./cli-explain-access";
import { startIngestWorker } from "./run/start-ingest-worker";
import { waitForRun } from "./run/wait-for-run";

function usage(): string {
  const kinds = listConnectorKinds()
    .map(({ kind, fields }) => {
      const flags = fields
        .map((f) => {
          const arg = f.type === "boolean" ? f.flag : `${f.flag} ${f.type === "list" ? "A,B" : f.name.toUpperCase()}`;
          return f.required ? arg : `[${arg}]`;
        })
        .join(" ");
      return `    --kind ${kind.padEnd(7)} ${flags}`;
    })
    .join("\n");
  return `Usage: pnpm ingest <command>
  sources add --name NAME --kind KIND <kind's flags> [--acl everyone,hr,...] [--every 15m|"CRON"] [--prune-every 1d]
${kinds}
  sources edit NAME [<kind's flags>] [--acl ...] [--every ...|none] [--prune-every ...]
  sources list [--json]          name, kind, schedule, next run, documents, last run
  sources kinds [--json]         the connector kinds with their config fields (flag, type, required, secret)
  sources check NAME [--json]    test the connection
  sources pause NAME | resume NAME
  sources delete NAME --yes      the source and its documents leave search in one transaction
  sources webhook NAME [--disable]  a push webhook URL and secret that queue a run when the source changes
  run NAME [--prune] [--acl-only] [--json]
                                 queue a run, work on it here, show progress; exit 1 if any item failed
  explain-access --document ID|PATH [--user NAME] [--json]
                                 who can see a document and, with --user, why that user can or cannot
  status [NAME] [--json]         recent runs
  reembed [--source NAME] [--json]  move chunks to the configured embedding model (EMBEDDINGS_*)`;
}

function fmtDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "--";
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** Progress on a TTY: one redrawn bar; elsewhere one plain line per change (at most every 2 s). */
function progressReporter(json: boolean) {
  const tty = Boolean(process.stdout.isTTY) && !json;
  const started = Date.now();
  let lastLine = "";
  let lastPrint = 0;
  return {
    tick(run: IngestionRun) {
      if (json || run.status === "queued" || run.progressTotal === 0) return;
      const done = run.progressDone;
      const total = run.progressTotal || 0;
      const elapsed = Date.now() - started;
      const rate = done / Math.max(elapsed / 1000, 0.001);
      const eta = rate > 0 && total ? ((total - done) / rate) * 1000 : NaN;
      const stats = `files ${done}/${total}  chunks ${run.chunksWritten}  ${rate.toFixed(1)} files/s  ETA ${fmtDuration(eta)}  failed ${run.counts.failed}`;
      if (tty) {
        const width = 24;
        const filled = total ? Math.round((done / total) * width) : 0;
        process.stdout.write(
          `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${total ? Math.floor((done / total) * 100) : 0}%  ${stats}\x1b[K`,
        );
      } else if (stats !== lastLine && Date.now() - lastPrint >= 2000) {
        console.log(`progress ${stats}`);
        lastLine = stats;
        lastPrint = Date.now();
      }
    },
    end() {
      if (tty) process.stdout.write("\n");
    },
  };
}

async function open(): Promise<DbHandle> {
  const handle = await openDatabase({ own: "if-absent" });
  // Joining a running `npm start` (embedded socket) leaves migrations to the owner.
  if (handle.owner || handle.mode === "server") await migrateDatabase({ db: handle.db });
  return handle;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...connectorFlags(),
      name: { type: "string" },
      kind: { type: "string", default: "folder" },
      acl: { type: "string" },
      every: { type: "string" },
      "prune-every": { type: "string" },
      source: { type: "string" },
      prune: { type: "boolean", default: false },
      "acl-only": { type: "boolean", default: false },
      yes: { type: "boolean", default: false },
      disable: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      user: { type: "string" },
      document: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, sub] = positionals;
  if (!command || values.help) {
    console.log(usage());
    return command ? 0 : 2;
  }
  if (command === "sources" && sub === "kinds") {
    // Needs no database: the connector registry alone (the console's "add source" forms come from it too).
    const kinds = listConnectorKinds();
    if (values.json) console.log(JSON.stringify(kinds));
    else
      for (const k of kinds)
        console.log(`${k.kind.padEnd(13)} ${k.label.padEnd(22)} ${k.fields.map((f) => f.flag).join(" ")}`);
    return 0;
  }
  const handle = await open();
  const { db } = handle;
  try {
    if (command === "sources") {
      const code = await sourcesCommand({ db, sub, name: positionals[2], values });
      if (code !== null) return code;
    }
    if (command === "run") {
      if (!sub) throw new Error("usage: pnpm ingest run <source>");
      const started = Date.now();
      const mode = values["acl-only"] ? "acl" : values.prune ? "prune" : "sync";
      const { runId } = await requestRun({ db, source: sub, trigger: "cli", mode });
      if (!values.json) console.log(`run ${runId} queued for ${sub}`);
      // This process works on the run itself; a running `npm start` worker may take it instead.
      const worker = await startIngestWorker({ handle, pollingIntervalSeconds: 0.5, log: () => undefined });
      const progress = progressReporter(values.json);
      let run: IngestionRun;
      try {
        run = await waitForRun({ db, runId, timeoutMs: 24 * 3600_000, onTick: (r) => progress.tick(r) });
      } finally {
        progress.end();
        await worker.stop();
      }
      const seconds = (Date.now() - started) / 1000;
      const c = run.counts;
      const summary = {
        runId,
        source: sub,
        mode,
        status: run.status,
        ...c,
        chunks: run.chunksWritten,
        embeddingCalls: run.embeddingCalls,
        seconds: Number(seconds.toFixed(2)),
        error: run.error,
      };
      if (!values.json) {
        console.log(
          `${run.status}: ${c.seen} seen, ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.deleted} deleted, ${c.aclUpdated} acl-updated, ${c.failed} failed; ${run.chunksWritten} chunks, ${run.embeddingCalls} embedded, ${seconds.toFixed(1)} s`,
        );
        if (c.failed) console.log(`failed files: pnpm ingest status ${sub}  (or the admin console)`);
      }
      const { listRunFiles } = await import("./run/runs");
      if (!values.json && c.failed) {
        for (const f of (await listRunFiles({ db, runId })).filter((f) => f.outcome === "failed"))
          console.log(`  ✗ ${f.path}: ${f.error}`);
      }
      if (values.json) console.log(JSON.stringify(summary));
      return run.status === "succeeded" ? 0 : 1;
    }
    if (command === "explain-access") return await explainAccessCommand({ db, values });
    if (command === "status") {
      const sourceId = sub ? (await findSource({ db, source: sub })).id : undefined;
      const names = new Map((await listSources({ db })).map((s) => [s.id, s.name]));
      const runs = await listRuns({ db, ...(sourceId ? { sourceId } : {}), limit: 20 });
      if (values.json) {
        console.log(JSON.stringify(runs.map((r) => ({ ...r, source: names.get(r.sourceId) }))));
        return 0;
      }
      if (!runs.length) console.log("no runs yet");
      for (const r of runs) {
        const c = r.counts;
        const took =
          r.finishedAt && r.startedAt ? ` in ${fmtDuration(r.finishedAt.getTime() - r.startedAt.getTime())}` : "";
        console.log(
          `${r.createdAt.toISOString()}  ${String(names.get(r.sourceId)).padEnd(14)} ${r.status.padEnd(9)} ${r.progressDone}/${r.progressTotal}  +${c.added} ~${c.updated} =${c.unchanged} -${c.deleted} acl${c.aclUpdated} ✗${c.failed}${took}  ${r.id}${r.error ? `  (${r.error})` : ""}`,
        );
      }
      return 0;
    }
    if (command === "reembed") {
      const embedder = createEmbedder();
      const sourceId = values.source ? (await findSource({ db, source: values.source })).id : undefined;
      const result = await reembedCorpus({
        db,
        embedder,
        ...(sourceId ? { sourceId } : {}),
        onProgress: (p) => !values.json && console.log(`reembed ${p.done}/${p.total} chunks (${p.embedded} embedded)`),
      });
      if (values.json) console.log(JSON.stringify({ model: embedder.modelId, ...result }));
      else
        console.log(
          `all chunks${values.source ? ` of ${values.source}` : ""} now use ${embedder.modelId} (${result.chunks} moved, ${result.embedded} embedded)`,
        );
      return 0;
    }
    console.error(usage());
    return 2;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${isGroundworkError(error) ? error.message : (error as Error).message}`);
    process.exit(isGroundworkError(error) && error.code === "conflict" ? 3 : 1);
  },
);
