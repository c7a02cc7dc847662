import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { documents, ingestionFiles } from "@groundwork/db/schema";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { readIngestEnv } from "../env";
import { getRun, requestRun } from "./runs";
import { createSource } from "../sources/manage-sources";
import { startIngestWorker } from "./start-ingest-worker";
import { writeTree } from "../testing/make-fixtures";
import { waitForRun } from "./wait-for-run";

const targets = await availableTargets();
const FILES = 30;

const corpus = (version: string) =>
  Object.fromEntries(
    Array.from({ length: FILES }, (_, i) => [
      `policies/policy-${String(i).padStart(2, "0")}.md`,
      `# Policy ${i} (${version})\n\n${`Paragraph about rule ${i} in the ${version} edition. `.repeat(30)}\n\n## Details\n\nMore ${version} text.`,
    ]),
  );

describe.each(targets)("a worker killed with SIGKILL mid-run on %s", (target) => {
  let t: TestDatabase | undefined;
  let child: ChildProcess | undefined;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gw-crash-"));

  afterAll(async () => {
    child?.kill("SIGKILL");
    await t?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("leaves previous versions searchable; the next run finishes with exact counts and no duplicates", async () => {
    t = await createTestDatabase({ target });
    const db = t.db;
    const env = readIngestEnv({});
    writeTree(root, corpus("v1"));
    await createSource({ db, name: "crash", kind: "folder", path: root, defaultAcl: ["everyone"] });
    const local = await startIngestWorker({
      handle: t,
      embedder: createHashEmbedder(),
      env,
      pollingIntervalSeconds: 0.5,
      log: () => undefined,
    });
    const first = await waitForRun({ db, runId: (await requestRun({ db, source: "crash", trigger: "cli" })).runId });
    expect(first.counts.added).toBe(FILES);
    const chunksPerDoc =
      Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from chunks`)).rows[0]!.n) / FILES;
    await local.stop();

    writeTree(root, corpus("v2"));
    // An embedded worker finds the socket and its password through the lock file, as the CLI does.
    const where = t.owner
      ? { args: [], env: { ...process.env, DATABASE_URL: "", GROUNDWORK_DATA_DIR: t.owner.dataDir } }
      : { args: [t.url], env: process.env };
    const proc = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "..", "testing", "worker-child.ts"), ...where.args],
      {
        cwd: path.join(import.meta.dirname, "..", ".."),
        env: where.env,
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    child = proc;
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
      proc.on("exit", (code) => reject(new Error(`worker exited early (${code})`)));
    });
    const { runId } = await requestRun({ db, source: "crash", trigger: "cli" });
    for (let i = 0; i < 600; i++) {
      const r = await getRun({ db, runId });
      if (r.progressDone >= 8) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    proc.kill("SIGKILL");
    await new Promise((resolve) => proc.once("exit", resolve));
    const killed = await getRun({ db, runId });
    expect(killed.status).toBe("running");
    expect(killed.progressDone).toBeGreaterThan(0);
    expect(killed.progressDone).toBeLessThan(FILES);

    // Every file still has exactly one searchable version (old or new), never a gap or both.
    const live = await db.execute<{ path: string; versions: number; chunks: number }>(sql`
      select d.path, count(distinct d.id)::int as versions, count(c.id)::int as chunks
      from documents d join chunks c on c.document_id = d.id where d.status = 'active' group by d.path`);
    expect(live.rows).toHaveLength(FILES);
    expect(live.rows.every((r) => r.versions === 1 && r.chunks === chunksPerDoc)).toBe(true);
    const committed = await db.select().from(ingestionFiles).where(eq(ingestionFiles.runId, runId));
    const updatedBeforeKill = committed.filter((f) => f.outcome === "updated").length;
    expect(updatedBeforeKill).toBeGreaterThan(0);

    // The dead run no longer blocks the source once its heartbeat is stale.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const resumed = await startIngestWorker({
      handle: t,
      embedder: createHashEmbedder(),
      env,
      pollingIntervalSeconds: 0.5,
      log: () => undefined,
    });
    try {
      const next = await requestRun({ db, source: "crash", trigger: "cli", staleAfterMs: 1000 });
      expect((await getRun({ db, runId })).status).toBe("failed");
      const done = await waitForRun({ db, runId: next.runId });
      expect(done.status).toBe("succeeded");
      expect(done.counts).toEqual({
        seen: FILES,
        added: 0,
        updated: FILES - updatedBeforeKill,
        unchanged: updatedBeforeKill,
        deleted: 0,
        aclUpdated: 0,
        failed: 0,
      });
    } finally {
      await resumed.stop();
    }
    const dup = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from (select document_id, ordinal from chunks group by 1, 2 having count(*) > 1) x`,
    );
    expect(dup.rows[0]!.n).toBe(0);
    const active = await db
      .select({ id: documents.id, text: documents.normalizedText })
      .from(documents)
      .where(eq(documents.status, "active"));
    expect(active).toHaveLength(FILES);
    expect(active.every((d) => d.text.includes("(v2)"))).toBe(true);
    const total = Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from chunks`)).rows[0]!.n);
    expect(total).toBe(FILES * chunksPerDoc);
  });
});
