import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { availableTargets } from "@groundwork/db/testing";
import { createSource, getRun, requestRun, waitForRun } from "@groundwork/ingest";
import { runSource } from "@groundwork/ingest/testing";
import { startAppHarness, type AppHarness, type Session } from "./harness/app-harness";
import { writeTree } from "./harness/ingest-folder";
import { searchAs } from "./harness/product-api";
import { webDir } from "./harness/route-tree";

/**
 * The ingestion worker process is SIGKILLed mid-run while users search: search keeps answering
 * from the previous versions, readiness reports the dead worker, and a new worker finishes the
 * next run with no duplicate chunks.
 */
type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy: string;
};
const FILES = 16;
const files = (version: string) =>
  Object.fromEntries(
    Array.from({ length: FILES }, (_, i) => [
      `handbook/rule-${String(i).padStart(2, "0")}.md`,
      `# Rule ${i}\n\nThe ${version} edition of rule ${i}: badges must be worn at all times in the ${version} office.\n`,
    ]),
  );

function startWorker(handle: AppHarness["handle"]): Promise<ChildProcess> {
  // An embedded worker finds the socket and its password through the lock file, not a URL.
  const env = handle.owner
    ? { ...process.env, DATABASE_URL: "", GROUNDWORK_DATA_DIR: handle.owner.dataDir }
    : { ...process.env, DATABASE_URL: handle.url };
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "harness", "worker-child.ts")],
    {
      cwd: path.join(import.meta.dirname, ".."),
      env,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("worker did not start")), 60_000);
    child.stdout.on("data", (d: Buffer) => {
      if (d.toString().includes("ready")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on("exit", (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

async function kill(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

describe.each(await availableTargets())("ingestion worker killed mid-run on %s", (target) => {
  let app: AppHarness;
  let emma: Session;
  let ready: Handler;
  let worker: ChildProcess | undefined;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gw-kill-"));

  beforeAll(async () => {
    vi.stubEnv("GROUNDWORK_READY_WORKER_MAX_AGE_MS", "1000");
    app = await startAppHarness({ target });
    emma = await app.signIn("employee");
    ready = ((await import(path.join(webDir, "app/api/ready/route.ts"))) as { GET: Handler }).GET;
    writeTree({ dir: root, files: { ...files("amber"), "handbook/.access.yaml": "groups: [everyone]\nusers: []\n" } });
    await createSource({ db: app.db, name: "killable", kind: "folder", path: root });
    const first = await runSource({ db: app.db, name: "killable" });
    expect(first.counts.added).toBe(FILES);
  });
  afterAll(async () => {
    await kill(worker);
    vi.unstubAllEnvs();
    await app?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const readiness = async () => {
    const res = await app.invoke({ handler: ready, path: "/api/ready" });
    return { status: res.status, body: (await res.json()) as { checks: { worker: { ok: boolean; message: string } } } };
  };

  it("search keeps serving, readiness tracks the worker, the next run completes cleanly", async () => {
    expect((await readiness()).status, "no worker yet").toBe(503);
    worker = await startWorker(app.handle);
    expect((await readiness()).status).toBe(200);

    writeTree({ dir: root, files: files("crimson") });
    const { runId } = await requestRun({ db: app.db, source: "killable", trigger: "cli" });
    for (let i = 0; i < 600 && (await getRun({ db: app.db, runId })).progressDone < 4; i++)
      await new Promise((r) => setTimeout(r, 25));
    await kill(worker);
    const killed = await getRun({ db: app.db, runId });
    expect(killed.status).toBe("running");
    expect(killed.progressDone).toBeLessThan(FILES);

    // Every rule is still answerable (old or new version), through the API, as a user.
    const found = await searchAs({ app, session: emma, query: "badges must be worn at all times" });
    expect(found.status).toBe(200);
    const titles = new Set(((found.json as { results: { title: string }[] }).results ?? []).map((r) => r.title));
    expect(titles.size).toBeGreaterThanOrEqual(10);

    await new Promise((r) => setTimeout(r, 1_300));
    const down = await readiness();
    expect(down.status).toBe(503);
    expect(down.body.checks.worker.ok).toBe(false);
    expect(down.body.checks.worker.message).toMatch(/heartbeat .* ago/);

    worker = await startWorker(app.handle);
    expect((await readiness()).status).toBe(200);
    const next = await requestRun({ db: app.db, source: "killable", trigger: "cli", staleAfterMs: 1_000 });
    const done = await waitForRun({ db: app.db, runId: next.runId, timeoutMs: 90_000 });
    expect(done.status).toBe("succeeded");
    expect(done.counts.seen).toBe(FILES);
    expect(done.counts.updated + done.counts.unchanged).toBe(FILES);
    const dup = await app.db.execute<{ n: number }>(
      sql`select count(*)::int as n from (select document_id, ordinal from chunks group by 1, 2 having count(*) > 1) x`,
    );
    expect(dup.rows[0]!.n).toBe(0);
    const crimson = await searchAs({ app, session: emma, query: "crimson office badges" });
    expect(crimson.text).toContain("crimson");
    expect(crimson.text).not.toContain("amber edition");
  });

  it("SIGTERM stops the worker at a checkpoint: committed files stay, the heartbeat goes, exit 0", async () => {
    await kill(worker);
    worker = await startWorker(app.handle);
    writeTree({ dir: root, files: files("scarlet") });
    const { runId } = await requestRun({ db: app.db, source: "killable", trigger: "cli", staleAfterMs: 1_000 });
    for (let i = 0; i < 600 && (await getRun({ db: app.db, runId })).progressDone < 2; i++)
      await new Promise((r) => setTimeout(r, 25));
    const stopping = worker;
    const exited = new Promise<number | null>((resolve) => stopping.once("exit", (code) => resolve(code)));
    stopping.kill("SIGTERM");
    expect(await exited).toBe(0);
    const stopped = await getRun({ db: app.db, runId });
    expect(stopped.status).toBe("failed");
    expect(stopped.error).toMatch(/shut down/);
    expect(stopped.progressDone).toBeLessThan(FILES);
    // What was committed before the checkpoint is searchable in its new version.
    const scarlet = await searchAs({ app, session: emma, query: "scarlet office badges" });
    expect(scarlet.text).toContain("scarlet");
    // Its row went with it (a fresh one would count as alive); only the SIGKILLed workers' stale rows are left.
    expect((await readiness()).status).toBe(503);
  });
});
