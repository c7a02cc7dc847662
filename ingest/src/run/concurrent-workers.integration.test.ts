import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, serverUnavailableReason, type TestDatabase } from "@groundwork/db/testing";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { readIngestEnv } from "../env";
import { createSource } from "../sources/manage-sources";
import { writeTree } from "../testing/make-fixtures";
import { requestRun } from "./runs";
import { startIngestWorker } from "./start-ingest-worker";
import { waitForRun } from "./wait-for-run";

/**
 * Two worker processes ingesting at once into one server database leave exactly the embedding
 * cache and the BM25 statistics (term_stats, term_principal_stats, chunk_counts, corpus_stats)
 * that one worker leaves doing the same work alone. The two sources share half their documents
 * word for word, so both workers embed and cache the same texts and bump the same lexemes'
 * counters concurrently — the races a lost update or a duplicate cache row would show.
 *
 * Server only: the embedded database serialises every transaction through its one session
 * (ARCHITECTURE.md), so two workers there never write concurrently and the test would prove nothing.
 */
const reason = await serverUnavailableReason();
if (reason && process.env.CI) throw new Error(`CI requires the server target: ${reason}`);
const FILES = 16;

function source(name: string): Record<string, string> {
  const files: Record<string, string> = {
    ".access.yaml": `groups: [${name === "alpha" ? "hr" : "legal"}]\nusers: []\n`,
  };
  for (let i = 0; i < FILES; i++) {
    // Even files: the same text in both sources (shared cache keys and lexemes); odd: the source's own.
    const tag = i % 2 === 0 ? "shared" : name;
    files[`docs/doc-${i}.md`] =
      `# ${tag} policy ${i}\n\n${`The ${tag} rule ${i} covers leave, travel and expenses for ${tag} staff. `.repeat(12)}\n\n` +
      `## Details ${i}\n\n${`Claims under ${tag} rule ${i} are reviewed within ${i + 3} days. `.repeat(10)}\n`;
  }
  return files;
}

async function snapshot(t: TestDatabase) {
  const q = async (text: string) => (await t.db.execute(sql.raw(text))).rows;
  return {
    cache: await q("select model, text_hash, embedding::text as e from embedding_cache order by 1, 2"),
    terms: await q("select * from term_stats order by 1"),
    principals: await q("select * from term_principal_stats order by 1, 2, 3"),
    counts: await q("select * from chunk_counts order by 1"),
    corpus: await q("select chunk_count, token_total from corpus_stats"),
    chunks: await q("select count(*)::int as n from chunks"),
  };
}

function spawnWorker(url: string): Promise<ChildProcess> {
  const proc = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "..", "testing", "worker-child.ts"), url],
    { cwd: path.join(import.meta.dirname, "..", ".."), env: process.env, stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    proc.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve(proc));
    proc.on("exit", (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

describe.skipIf(reason !== null)("two workers ingesting at once on server", () => {
  const dbs: TestDatabase[] = [];
  const children: ChildProcess[] = [];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gw-two-workers-"));

  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    for (const t of dbs) await t.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function setup(t: TestDatabase) {
    for (const name of ["alpha", "beta"]) {
      const dir = path.join(root, name);
      if (!fs.existsSync(dir)) writeTree(dir, source(name));
      await createSource({ db: t.db, name, kind: "folder", path: dir });
    }
  }

  it("leave the same embedding cache and corpus statistics as one worker", async () => {
    // One worker, the two runs one after the other (a worker takes one run at a time).
    const single = await createTestDatabase({ target: "server" });
    dbs.push(single);
    await setup(single);
    const worker = await startIngestWorker({
      handle: single,
      embedder: createHashEmbedder(),
      env: readIngestEnv({}),
      pollingIntervalSeconds: 0.5,
      batchSize: 2,
      log: () => undefined,
    });
    try {
      const runs = [
        await requestRun({ db: single.db, source: "alpha", trigger: "cli" }),
        await requestRun({ db: single.db, source: "beta", trigger: "cli" }),
      ];
      for (const r of runs) expect((await waitForRun({ db: single.db, runId: r.runId })).status).toBe("succeeded");
    } finally {
      await worker.stop();
    }
    const alone = await snapshot(single);

    // Two worker processes, both runs queued together.
    const pair = await createTestDatabase({ target: "server" });
    dbs.push(pair);
    await setup(pair);
    children.push(...(await Promise.all([spawnWorker(pair.url), spawnWorker(pair.url)])));
    const runs = await Promise.all(
      ["alpha", "beta"].map((source) => requestRun({ db: pair.db, source, trigger: "cli" })),
    );
    const done = await Promise.all(runs.map((r) => waitForRun({ db: pair.db, runId: r.runId, timeoutMs: 180_000 })));
    for (const r of done) expect(r.status).toBe("succeeded");
    // The control: the two runs really overlapped in time (two workers, not one after the other).
    const [a, b] = done;
    expect(a!.startedAt!.getTime()).toBeLessThan(b!.finishedAt!.getTime());
    expect(b!.startedAt!.getTime()).toBeLessThan(a!.finishedAt!.getTime());
    const together = await snapshot(pair);

    expect(together.chunks).toEqual(alone.chunks);
    expect(together.cache.length).toBe(alone.cache.length);
    expect(together.cache).toEqual(alone.cache);
    expect(together.corpus).toEqual(alone.corpus);
    expect(together.counts).toEqual(alone.counts);
    expect(together.terms).toEqual(alone.terms);
    expect(together.principals).toEqual(alone.principals);
    // And the shared texts were cached once each, not once per source.
    expect(Number((alone.chunks[0] as { n: number }).n)).toBeGreaterThan(alone.cache.length);
  });
});
