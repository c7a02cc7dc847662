import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { tidySearchIndexes } from "@groundwork/db/maintenance";
import { documents, ingestionFiles, ingestionRuns, sources, users, type Source } from "@groundwork/db/schema";
import type { Embedder } from "@groundwork/models/embeddings";
import { nearestRule, resolveAccess, type AccessRule, type ResolvedAccess } from "../sources/access-rules";
import { FileError } from "../document-model";
import { embedChunks } from "../prepare/embed-chunks";
import type { IngestEnv } from "../env";
import { sharedParsePool, type ParsePool } from "../prepare/parse-pool";
import { emptyCounts, type RunCounts } from "./runs";
import { sourceRoot } from "../sources/manage-sources";
import { applyAccess, applyAccessMany, deleteDocumentPath, storeDocuments, supersedeDocument, type DocumentWrite, type Tx } from "../store/store-document";
import { readUploadAcl } from "../store/store-upload";
import { walkSource, type WalkEntry } from "../sources/walk-source";

export type ExecuteRunOptions = {
  db: Database;
  runId: string;
  embedder: Embedder;
  env: IngestEnv;
  /** Files per transaction; a batch is also the cancel/heartbeat checkpoint. */
  batchSize?: number;
  /** Batches committing at once (1 = strictly sequential); default 2 on a server, 1 on PGlite. */
  storeConcurrency?: number;
  /** Test hook for crash tests: slows each file so a run can be killed midway. */
  fileDelayMs?: number;
  /** Set by the worker on shutdown: the run stops at its next checkpoint. */
  shouldStop?: () => boolean;
  /** Where files are parsed; default the process's shared worker-thread pool. */
  parsePool?: ParsePool;
};

type Existing = {
  id: string;
  status: "active" | "superseded" | "deleted";
  version: number;
  maxVersion: number;
  contentHash: string;
  metadata: Record<string, unknown>;
};

export type FileOutcome = { path: string; outcome: "added" | "updated" | "unchanged" | "deleted" | "acl_updated" | "failed"; error?: string; documentId?: string | null; chunks?: number; durationMs: number };

export type AclUpdate = { id: string; path: string; access: ReturnType<typeof mergeAccess>; metadata: Record<string, unknown>; started: number };

export type RunProgress = { counts: RunCounts; progressDone: number; chunksWritten: number; embeddingCalls: number };

export type Pending = { write: DocumentWrite; outcome: "added" | "updated"; started: number; inputs: { textHash: string; input: string }[] };

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

function titleFromPath(relPath: string): string {
  const base = path.posix.basename(relPath).replace(/\.[^.]+$/, "");
  const words = base.replace(/[-_]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : relPath;
}

/** Access as stored on the document: compared on re-runs to detect ACL-only changes. */
function accessKey(a: ResolvedAccess): string {
  return JSON.stringify({ acl: a.acl, owner: a.owner, tags: a.tags });
}

function mergeAccess(access: ResolvedAccess, fileMeta: { owner?: string | null; tags?: string[] }) {
  return {
    acl: access.acl,
    owner: fileMeta.owner ?? access.owner ?? null,
    tags: [...new Set([...(access.tags ?? []), ...(fileMeta.tags ?? [])])].sort(),
  };
}

async function loadExisting(db: Database, sourceId: string): Promise<Map<string, Existing>> {
  // The newest row per path decides what "previous" means; max(version) keeps numbering unique
  // even when a deleted file comes back.
  const rows = await db.execute<{ id: string; path: string; status: Existing["status"]; version: number; max_version: number; content_hash: string; metadata: Record<string, unknown> }>(sql`
    select distinct on (path) id, path, status, version, content_hash, metadata,
           max(version) over (partition by path) as max_version
    from ${documents} where source_id = ${sourceId}
    order by path, version desc`);
  const map = new Map<string, Existing>();
  for (const r of rows.rows) {
    map.set(r.path, { id: r.id, status: r.status, version: r.version, maxVersion: Number(r.max_version), contentHash: r.content_hash, metadata: r.metadata });
  }
  return map;
}

async function claimRun(db: Database, runId: string, staleAfterMs: number) {
  const [run] = await db
    .update(ingestionRuns)
    .set({ status: "running", startedAt: sql`coalesce(${ingestionRuns.startedAt}, now())`, heartbeatAt: sql`now()` })
    .where(
      and(
        eq(ingestionRuns.id, runId),
        eq(ingestionRuns.cancelRequested, false),
        or(
          eq(ingestionRuns.status, "queued"),
          // A retried job whose worker died: take the run over.
          and(eq(ingestionRuns.status, "running"), sql`${ingestionRuns.heartbeatAt} < now() - make_interval(secs => ${staleAfterMs / 1000})`),
        ),
      ),
    )
    .returning();
  return run;
}

/**
 * Executes one ingestion run: list → for each file compare content hash → parse, chunk, embed
 * (cache first) and store new versions in batched transactions → delete vanished files →
 * apply `supersedes` → final status. Per-file failures are recorded and the run goes on.
 */
/** Milliseconds spent per phase in the last runs of this process (benchmark breakdown). */
export const phaseTimings = { prepare: 0, embed: 0, store: 0 };

export async function executeRun(options: ExecuteRunOptions): Promise<RunCounts | null> {
  const { db, runId, embedder, env, batchSize = 64, storeConcurrency: concurrencyOption, fileDelayMs = 0, shouldStop = () => false } = options;
  const parsePool = options.parsePool ?? sharedParsePool(env);
  const run = await claimRun(db, runId, env.staleAfterMs);
  if (!run) return null;
  const counts: RunCounts = emptyCounts();
  let chunksWritten = 0;
  let embeddingCalls = 0;
  let progressDone = 0;
  const heartbeat = setInterval(() => {
    void db.update(ingestionRuns).set({ heartbeatAt: sql`now()` }).where(eq(ingestionRuns.id, runId)).catch(() => undefined);
  }, Math.max(1000, Math.min(10_000, env.staleAfterMs / 4)));
  heartbeat.unref();

  const finish = async (status: "succeeded" | "partial" | "failed" | "cancelled", error: string | null) => {
    await db
      .update(ingestionRuns)
      .set({ status, error, counts, progressDone, chunksWritten, embeddingCalls, finishedAt: sql`now()`, heartbeatAt: sql`now()` })
      .where(eq(ingestionRuns.id, runId));
  };

  try {
    const [source] = await db.select().from(sources).where(eq(sources.id, run.sourceId));
    if (!source) throw new Error("The source of this run no longer exists.");
    const root = sourceRoot(source);
    const walk = await walkSource({ root }).catch((error: Error) => {
      throw new Error(`Cannot read ${root}: ${error.message}`);
    });
    const existing = await loadExisting(db, source.id);
    const userRows = await db.select({ id: users.id, username: users.username }).from(users);
    const userIds = new Map(userRows.map((u) => [u.username.toLowerCase(), u.id]));
    const seen = new Set(walk.files.map((f) => f.relPath));
    const vanished = [...existing.entries()].filter(([p, e]) => !seen.has(p) && e.status !== "deleted").map(([p]) => p);
    await db.update(ingestionRuns).set({ progressTotal: walk.files.length + vanished.length }).where(eq(ingestionRuns.id, runId));

    // Plan: hash every file up front (concurrent reads, no parsing) so unchanged files cost one
    // read and no database round trip of their own, and batches can be cut by real work.
    const hashes = await hashFiles({ entries: walk.files, maxBytes: env.maxFileBytes });

    const prepareBatch = async (batch: WalkEntry[]) => {
      let mark = performance.now();
      const outcomes: FileOutcome[] = [];
      const pending: Pending[] = [];
      const aclUpdates: AclUpdate[] = [];
      for (const entry of batch) {
        const started = Date.now();
        if (fileDelayMs) await new Promise((r) => setTimeout(r, fileDelayMs));
        try {
          const result = await prepareFile({ entry, plannedHash: hashes.get(entry.relPath), source, walkRules: walk.rules, userIds, existing, env, embedder, parsePool, started });
          if (result.kind === "unchanged") outcomes.push({ path: entry.relPath, outcome: "unchanged", documentId: result.id, durationMs: Date.now() - started });
          else if (result.kind === "acl") aclUpdates.push({ ...result.update, started });
          else pending.push(result.pending);
        } catch (error) {
          outcomes.push({ path: entry.relPath, outcome: "failed", error: fileErrorMessage(error), durationMs: Date.now() - started });
        }
      }
      phaseTimings.prepare += performance.now() - mark;
      mark = performance.now();
      // One embed call per batch: cache lookups and model requests are batched across files.
      let embedded = 0;
      const inputs = pending.flatMap((p) => p.inputs);
      if (inputs.length) {
        const result = await embedChunks({ db, embedder, items: inputs });
        embedded = result.embedded;
        for (const p of pending) p.write.chunks = p.write.chunks.map((c) => ({ ...c, embedding: result.vectors.get(c.textHash)! }));
      }
      phaseTimings.embed += performance.now() - mark;
      return { size: batch.length, outcomes, pending, aclUpdates, embedded };
    };
    const startPrepare = (batch: WalkEntry[] | undefined) => {
      if (!batch) return null;
      const promise = prepareBatch(batch);
      // Awaited later; this only keeps an early failure from being an unhandled rejection.
      promise.catch(() => undefined);
      return promise;
    };

    // With the slow-file test hook every file is costly, so batches go back to `batchSize` files.
    const batches = planBatches({ files: walk.files, hashes, existing, batchSize, maxFiles: fileDelayMs ? batchSize : batchSize * 8 });
    const storeConcurrency = concurrencyOption ?? (await defaultStoreConcurrency(db));
    // Up to `storeConcurrency` batches commit at once: HNSW and GIN maintenance dominate a
    // first ingest, and a second backend uses the second core. A batch that replaces versions
    // deletes chunks before inserting them, so its BM25-stats locks are taken in two rounds;
    // such a batch commits alone, which rules out a deadlock between two batches of one run.
    const inflight = new Set<Promise<unknown>>();
    const drain = async (limit: number) => {
      while (inflight.size > limit) await Promise.race(inflight);
    };
    let storeFailure: unknown = null;
    let next = startPrepare(batches[0]);
    for (let b = 0; b < batches.length; b++) {
      const prepared = await next!.catch((error: unknown) => drain(0).then(() => Promise.reject(error)));
      // The checkpoint sits right before a commit (the previous batch may still be committing):
      // a read, not a write — the heartbeat is renewed inside each batch's transaction.
      const [state] = await db.select({ cancel: ingestionRuns.cancelRequested }).from(ingestionRuns).where(eq(ingestionRuns.id, runId));
      if (state?.cancel || shouldStop() || storeFailure) {
        await drain(0);
        if (storeFailure) throw storeFailure;
        if (state?.cancel) await finish("cancelled", null);
        else await finish("failed", "The worker shut down during this run; run it again to continue.");
        return counts;
      }
      // Pipeline: Node parses, chunks and embeds the next batch while Postgres stores this one.
      next = startPrepare(batches[b + 1]);
      const exclusive = prepared.pending.some((p) => p.write.previousId !== null);
      await drain(exclusive ? 0 : storeConcurrency - 1);
      const mark = performance.now();
      // Counts and progress commit with the batch's rows: a killed run never reports work it
      // did not commit, and a batch costs one transaction.
      const commit = commitBatch({
        db,
        runId,
        pending: prepared.pending,
        aclUpdates: prepared.aclUpdates,
        outcomes: prepared.outcomes,
        progress: (rows) => {
          const delta: RunProgress = { counts: emptyCounts(), progressDone: prepared.size, chunksWritten: 0, embeddingCalls: prepared.embedded };
          for (const o of rows) {
            delta.counts.seen++;
            if (o.outcome === "acl_updated") delta.counts.aclUpdated++;
            else if (o.outcome !== "deleted") delta.counts[o.outcome]++;
            delta.chunksWritten += o.chunks ?? 0;
          }
          return delta;
        },
        onCommitted: (d) => {
          for (const k of Object.keys(d.counts) as (keyof RunCounts)[]) counts[k] += d.counts[k];
          progressDone += d.progressDone;
          chunksWritten += d.chunksWritten;
          embeddingCalls += d.embeddingCalls;
          phaseTimings.store += performance.now() - mark;
        },
      }).then(
        () => undefined,
        (error: unknown) => {
          storeFailure ??= error;
        },
      );
      inflight.add(commit);
      void commit.finally(() => inflight.delete(commit));
      if (exclusive) await drain(0);
    }
    await drain(0);
    if (storeFailure) throw storeFailure;

    if (vanished.length) {
      await db.transaction(async (tx) => {
        const rows: FileOutcome[] = [];
        for (const p of vanished) {
          const ids = await deleteDocumentPath({ tx, sourceId: source.id, path: p });
          rows.push({ path: p, outcome: "deleted", documentId: ids[0] ?? null, durationMs: 0 });
        }
        await insertOutcomes(tx, runId, rows);
        counts.deleted += vanished.length;
        progressDone += vanished.length;
        await tx.update(ingestionRuns).set({ counts, progressDone }).where(eq(ingestionRuns.id, runId));
      });
    }
    await applySupersedes({ db, sourceId: source.id });
    await finish(counts.failed > 0 ? "partial" : "succeeded", counts.failed > 0 ? `${counts.failed} file(s) failed` : null);
    if (chunksWritten > 0 || counts.deleted > 0 || counts.aclUpdated > 0) {
      // The run's results are already searchable; this only keeps searches fast afterwards.
      await tidySearchIndexes({ db, changedRows: chunksWritten + counts.deleted + counts.aclUpdated }).catch((error: unknown) => {
        console.warn(`[ingest] run ${runId}: search index upkeep failed: ${shortError(error)}`);
      });
    }
    return counts;
  } catch (error) {
    await finish("failed", shortError(error)).catch(() => undefined);
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Two committing batches on a server; one on embedded PGlite, which executes every statement
 * on the same single thread as this process, so a second transaction would only wait.
 */
async function defaultStoreConcurrency(db: Database): Promise<number> {
  const rows = await db.execute<{ v: string }>(sql`select version() as v`);
  return /pglite/i.test(rows.rows[0]?.v ?? "") ? 1 : 2;
}

/** Driver errors wrap the whole SQL text; the cause carries the useful part. */
export function shortError(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  const text = e?.cause?.message ?? e?.message ?? String(error);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function fileErrorMessage(error: unknown): string {
  if (error instanceof FileError) return error.message;
  const e = error as NodeJS.ErrnoException;
  if (e?.code === "EACCES") return "permission denied";
  return `could not ingest: ${shortError(error)}`;
}

type Prepared =
  | { kind: "unchanged"; id: string }
  | { kind: "acl"; update: { id: string; path: string; access: ReturnType<typeof mergeAccess>; metadata: Record<string, unknown> } }
  | { kind: "write"; pending: Pending };

async function prepareFile({
  entry,
  plannedHash,
  source,
  walkRules,
  userIds,
  existing,
  env,
  embedder,
  parsePool,
  started,
}: {
  entry: WalkEntry;
  /** Hash from the planning pass: when it matches the live version the file is not read again. */
  plannedHash: string | undefined;
  source: Source;
  walkRules: Map<string, AccessRule | Error>;
  userIds: Map<string, string>;
  existing: Map<string, Existing>;
  env: IngestEnv;
  embedder: Embedder;
  parsePool: ParsePool;
  started: number;
}): Promise<Prepared> {
  if ("error" in entry) throw new FileError(entry.error);
  let access: ResolvedAccess;
  if (source.kind === "upload") {
    const acl = await readUploadAcl({ root: sourceRoot(source), relPath: entry.relPath });
    access = acl ? { acl, owner: null, tags: [] } : resolveAccess({ rule: null, defaultAcl: source.defaultAcl, userIds });
  } else {
    const rule = nearestRule(walkRules, entry.relPath);
    // A broken access file must not silently widen access: the files under it fail.
    if (rule instanceof Error) throw new FileError(rule.message);
    access = resolveAccess({ rule, defaultAcl: source.defaultAcl, userIds });
  }
  if (entry.size > env.maxFileBytes) throw new FileError(`file too large: ${entry.size} bytes (limit ${env.maxFileBytes})`);
  const prev = existing.get(entry.relPath);
  const live = prev && prev.status !== "deleted" ? prev : undefined;
  const bytes = live && plannedHash === live.contentHash ? null : new Uint8Array(await fs.readFile(entry.absPath));
  const contentHash = bytes ? sha256(bytes) : plannedHash!;
  if (live && live.contentHash === contentHash) {
    if ((live.metadata.accessKey as string | undefined) === accessKey(access)) return { kind: "unchanged", id: live.id };
    const fileMeta = (live.metadata.fileMeta ?? {}) as { owner?: string | null; tags?: string[] };
    return {
      kind: "acl",
      update: { id: live.id, path: entry.relPath, access: mergeAccess(access, fileMeta), metadata: { ...live.metadata, accessKey: accessKey(access) } },
    };
  }
  if (!bytes) throw new Error("unreachable: a changed file is always read");
  // Parsing and chunking run in a worker thread with a heap cap and a time budget: a hostile
  // file (a decompression bomb, a pathological PDF) fails alone and never stalls this event
  // loop, which under `npm start` also serves HTTP.
  const {
    parsed,
    chunked: { normalizedText, chunks },
  } = await parsePool.parse({ filename: entry.relPath, bytes, env });
  if (chunks.length === 0) throw new FileError("no text found in this file");
  const title = parsed.meta.title ?? titleFromPath(entry.relPath);
  const merged = mergeAccess(access, { owner: parsed.meta.owner ?? null, tags: parsed.meta.tags ?? [] });
  const withContext = chunks.map((c) => {
    const context = [title, ...c.headings.filter((h) => h !== title)].join(" › ");
    const input = `${context}\n\n${c.text}`;
    return { ...c, context, textHash: sha256(input), embedding: [] as number[], input };
  });
  const write: DocumentWrite = {
    sourceId: source.id,
    path: entry.relPath,
    previousId: live?.id ?? null,
    version: (prev?.maxVersion ?? 0) + 1,
    title,
    mime: parsed.mime,
    contentHash,
    effectiveDate: parsed.meta.effectiveDate ?? null,
    owner: merged.owner,
    tags: merged.tags,
    acl: merged.acl,
    normalizedText,
    pageCount: parsed.pageCount ?? null,
    bytes,
    filename: path.posix.basename(entry.relPath),
    metadata: {
      accessKey: accessKey(access),
      fileMeta: { owner: parsed.meta.owner ?? null, tags: parsed.meta.tags ?? [] },
      ...(parsed.meta.supersedes ? { supersedes: parsed.meta.supersedes } : {}),
    },
    chunks: withContext.map(({ input: _input, ...c }) => c),
    embeddingModel: embedder.modelId,
  };
  return {
    kind: "write",
    pending: { write, outcome: live ? "updated" : "added", started, inputs: withContext.map((c) => ({ textHash: c.textHash, input: c.input })) },
  };
}

async function insertOutcomes(tx: Tx | Database, runId: string, rows: FileOutcome[]) {
  for (let i = 0; i < rows.length; i += 500) {
    const slice = rows.slice(i, i + 500);
    if (!slice.length) continue;
    await tx.insert(ingestionFiles).values(
      slice.map((o) => ({
        runId,
        path: o.path,
        outcome: o.outcome,
        error: o.error ?? null,
        documentId: o.documentId ?? null,
        chunks: o.chunks ?? 0,
        durationMs: o.durationMs,
      })),
    );
  }
}

/**
 * Content hashes of every listed file, read a few at a time (large files streamed). Files over
 * the size limit or unreadable here are left out: the per-file step reports their error.
 */
export async function hashFiles({ entries, maxBytes, concurrency = 16 }: { entries: WalkEntry[]; maxBytes: number; concurrency?: number }): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const files = entries.filter((e): e is Extract<WalkEntry, { absPath: string }> => "absPath" in e && e.size <= maxBytes);
  let cursor = 0;
  const worker = async () => {
    while (cursor < files.length) {
      const file = files[cursor++]!;
      try {
        if (file.size <= 1 << 20) hashes.set(file.relPath, sha256(await fs.readFile(file.absPath)));
        else {
          const hash = createHash("sha256");
          await pipeline(createReadStream(file.absPath), hash);
          hashes.set(file.relPath, hash.digest("hex"));
        }
      } catch {
        // Reported by the per-file step, which reads the file again.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return hashes;
}

/**
 * Cuts the file list into batches by work: a batch closes after `batchSize` files that need
 * parsing, or after `maxFiles` files in all (default `batchSize * 8`) — unchanged files are nearly free, so a re-run
 * commits a few large batches instead of many small ones, while a batch stays a short
 * transaction and a cancel/heartbeat checkpoint.
 */
export function planBatches({
  files,
  hashes,
  existing,
  batchSize,
  maxFiles = batchSize * 8,
}: {
  files: WalkEntry[];
  hashes: Map<string, string>;
  existing: Map<string, { status: string; contentHash: string }>;
  batchSize: number;
  maxFiles?: number;
}): WalkEntry[][] {
  const batches: WalkEntry[][] = [];
  let batch: WalkEntry[] = [];
  let work = 0;
  for (const entry of files) {
    const prev = existing.get(entry.relPath);
    const unchanged = prev !== undefined && prev.status !== "deleted" && hashes.get(entry.relPath) === prev.contentHash;
    batch.push(entry);
    if (!unchanged) work++;
    if (work >= batchSize || batch.length >= maxFiles) {
      batches.push(batch);
      batch = [];
      work = 0;
    }
  }
  if (batch.length) batches.push(batch);
  return batches;
}

/**
 * Ingestion transactions commit asynchronously: a crash of the database server may lose the
 * last fraction of a second of committed batches (their rows and their progress together, so
 * the run record never claims work that is not there). The next run redoes those files; a
 * version is still all-or-nothing, so nothing is half-applied or corrupted.
 */
async function ingestTransaction<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    return fn(tx);
  });
}

/**
 * Adds a batch's counts to the run row in SQL, so concurrent batches never overwrite each
 * other's progress. It is the last statement of a batch transaction: the run row's lock is
 * taken after the BM25-stats locks, keeping one lock order across batches.
 */
async function recordProgress(tx: Tx | Database, runId: string, d: RunProgress) {
  await tx
    .update(ingestionRuns)
    .set({
      counts: sql`(select jsonb_object_agg(k, coalesce((${ingestionRuns.counts} ->> k)::int, 0) + coalesce((${JSON.stringify(d.counts)}::jsonb ->> k)::int, 0))
                   from jsonb_object_keys(${ingestionRuns.counts} || ${JSON.stringify(d.counts)}::jsonb) as k)`,
      progressDone: sql`${ingestionRuns.progressDone} + ${d.progressDone}`,
      chunksWritten: sql`${ingestionRuns.chunksWritten} + ${d.chunksWritten}`,
      embeddingCalls: sql`${ingestionRuns.embeddingCalls} + ${d.embeddingCalls}`,
      heartbeatAt: sql`now()`,
    })
    .where(eq(ingestionRuns.id, runId));
}

/**
 * Commits a batch — its documents, ACL updates, per-file outcomes and the run's progress — in
 * one transaction. Files that failed before this point (parse errors) never enter it. If the
 * transaction fails (one bad row), each document is retried in its own transaction so one
 * failure costs one file, not the batch.
 */
export async function commitBatch({
  db,
  runId,
  pending,
  aclUpdates,
  outcomes,
  progress,
  onCommitted,
}: {
  db: Database;
  runId: string;
  pending: Pending[];
  aclUpdates: AclUpdate[];
  outcomes: FileOutcome[];
  /** The batch's contribution to the run's counts, from its final outcomes. */
  progress: (rows: FileOutcome[]) => RunProgress;
  onCommitted: (delta: RunProgress) => void;
}): Promise<FileOutcome[]> {
  const writeMany = async (tx: Tx, items: Pending[]): Promise<FileOutcome[]> => {
    const { documentIds } = await storeDocuments({ tx, docs: items.map((p) => p.write) });
    return items.map((p, i) => ({ path: p.write.path, outcome: p.outcome, documentId: documentIds[i]!, chunks: p.write.chunks.length, durationMs: Date.now() - p.started }));
  };
  const aclOne = async (tx: Tx, a: AclUpdate): Promise<FileOutcome> => {
    await applyAccess({ tx, documentId: a.id, acl: a.access.acl, tags: a.access.tags, owner: a.access.owner, metadata: a.metadata });
    return { path: a.path, outcome: "acl_updated", documentId: a.id, durationMs: Date.now() - a.started };
  };
  try {
    const { rows, p } = await ingestTransaction(db, async (tx) => {
      const done: FileOutcome[] = await writeMany(tx, pending);
      await applyAccessMany({ tx, updates: aclUpdates.map((a) => ({ documentId: a.id, acl: a.access.acl, tags: a.access.tags, owner: a.access.owner, metadata: a.metadata })) });
      for (const a of aclUpdates) done.push({ path: a.path, outcome: "acl_updated", documentId: a.id, durationMs: Date.now() - a.started });
      const all = [...outcomes, ...done];
      await insertOutcomes(tx, runId, all);
      const p = progress(all);
      await recordProgress(tx, runId, p);
      return { rows: all, p };
    });
    onCommitted(p);
    return rows;
  } catch {
    const rows: FileOutcome[] = [...outcomes];
    for (const p of pending) {
      rows.push(await ingestTransaction(db, async (tx) => (await writeMany(tx, [p]))[0]!).catch((error: Error) => ({ path: p.write.path, outcome: "failed" as const, error: `could not store: ${shortError(error)}`, durationMs: Date.now() - p.started })));
    }
    for (const a of aclUpdates) {
      rows.push(await ingestTransaction(db, (tx) => aclOne(tx, a)).catch((error: Error) => ({ path: a.path, outcome: "failed" as const, error: `could not update access: ${shortError(error)}`, durationMs: Date.now() - a.started })));
    }
    const p = progress(rows);
    await ingestTransaction(db, async (tx) => {
      await insertOutcomes(tx, runId, rows);
      await recordProgress(tx, runId, p);
    });
    onCommitted(p);
    return rows;
  }
}

/** Applies front-matter `supersedes:` links: the older document leaves search, keeps its row. */
async function applySupersedes({ db, sourceId }: { db: Database; sourceId: string }) {
  const linked = await db
    .select({ id: documents.id, path: documents.path, metadata: documents.metadata })
    .from(documents)
    .where(and(eq(documents.sourceId, sourceId), eq(documents.status, "active"), sql`${documents.metadata} ? 'supersedes'`));
  if (!linked.length) return;
  const targets = linked.map((l) => String(l.metadata.supersedes));
  const olds = await db
    .select({ id: documents.id, path: documents.path })
    .from(documents)
    .where(and(eq(documents.sourceId, sourceId), eq(documents.status, "active"), inArray(documents.path, targets)));
  if (!olds.length) return;
  await db.transaction(async (tx) => {
    for (const old of olds) {
      const newer = linked.find((l) => l.metadata.supersedes === old.path && l.id !== old.id);
      if (newer) await supersedeDocument({ tx, oldId: old.id, newId: newer.id });
    }
  });
}
