import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { acquireLock, embeddedSharedBuffers, liveOwner, readLock, startEmbeddedOwner } from "./embedded";
import { GroundworkError } from "@groundwork/core/errors";

const dirs: string[] = [];
function tmpDataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "gw-lock-"));
  dirs.push(d);
  return path.join(d, "data");
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("data dir lock", () => {
  it("refuses a second owner in the same process and frees the dir on release", () => {
    const dataDir = tmpDataDir();
    const lock = acquireLock(dataDir);
    expect(() => acquireLock(dataDir)).toThrow(GroundworkError);
    lock.release();
    acquireLock(dataDir).release();
  });

  it("refuses a second owner while another process owns the dir, naming the holder; recovers after SIGKILL", async () => {
    const dataDir = tmpDataDir();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "fixtures", "hold-embedded.ts"), dataDir],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (b: Buffer) => b.toString().includes("ready") && resolve());
      child.on("exit", (code) => reject(new Error(`holder exited ${code}`)));
    });
    try {
      const holder = liveOwner(dataDir);
      expect(holder?.pid).toBe(child.pid);
      expect(holder?.port).toBeGreaterThan(0);
      const error = await startEmbeddedOwner({ dataDir }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(GroundworkError);
      expect((error as GroundworkError).code).toBe("db_locked");
      expect((error as GroundworkError).message).toContain(`pid ${child.pid}`);
    } finally {
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    }
    // The dead holder leaves its lock file behind; it is recognised as stale.
    expect(readLock(dataDir)?.pid).toBe(child.pid);
    expect(liveOwner(dataDir)).toBeNull();
    const owner = await startEmbeddedOwner({ dataDir });
    expect(readLock(dataDir)?.pid).toBe(process.pid);
    await owner.close();
    expect(readLock(dataDir)).toBeNull();
  });
});

describe("embedded owner", () => {
  // PGlite runs queries synchronously inside WebAssembly; in the owner's own thread a slow
  // query would freeze the web server's event loop for its whole duration.
  it("runs queries off the owning process's event loop and survives a failed start without keeping the lock", async () => {
    const dataDir = tmpDataDir();
    const owner = await startEmbeddedOwner({ dataDir });
    const pool = new pg.Pool({ ...owner.connection(), max: 1 });
    try {
      let last = performance.now();
      let worstGap = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        worstGap = Math.max(worstGap, now - last);
        last = now;
      }, 5);
      const started = performance.now();
      const slow = await pool.query("select pg_sleep(1.5), 1 as n");
      clearInterval(ticker);
      expect(slow.rows[0].n).toBe(1);
      expect(performance.now() - started).toBeGreaterThan(1400);
      // In-thread, the gap would be the whole 1.5 s sleep.
      expect(worstGap).toBeLessThan(750);
    } finally {
      await pool.end();
      await owner.close();
    }
    expect(readLock(dataDir)).toBeNull();

    // A data dir PGlite cannot open: the start fails with the worker's reason and frees the lock.
    const bogus = tmpDataDir();
    fs.mkdirSync(bogus, { recursive: true });
    fs.writeFileSync(path.join(bogus, "PG_VERSION"), "7\n");
    const error = await startEmbeddedOwner({ dataDir: bogus }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(GroundworkError);
    expect(error?.message).toContain(bogus);
    expect(readLock(bogus)).toBeNull();
  });
});

describe("embedded page cache", () => {
  it("sizes 'auto' from the stored relation files, between 128 MB and 512 MB, and keeps explicit sizes", () => {
    const dataDir = tmpDataDir();
    expect(embeddedSharedBuffers({ dataDir, setting: "auto" })).toBe("128MB");
    const base = path.join(dataDir, "base", "5");
    fs.mkdirSync(base, { recursive: true });
    // Sparse files: the size counts, not the blocks on disk.
    const sized = (file: string, bytes: number) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, "");
      fs.truncateSync(file, bytes);
    };
    sized(path.join(base, "16384"), 100 * 1024 * 1024);
    expect(embeddedSharedBuffers({ dataDir, setting: "auto" })).toBe("128MB");
    sized(path.join(base, "16385"), 150 * 1024 * 1024);
    // WAL (outside base/) does not count.
    sized(path.join(dataDir, "pg_wal", "000000010000000000000001"), 900 * 1024 * 1024);
    // 250 MB stored × 1.25, rounded up to 32 MB steps.
    expect(embeddedSharedBuffers({ dataDir, setting: "auto" })).toBe("320MB");
    sized(path.join(base, "16386"), 2 * 1024 * 1024 * 1024);
    expect(embeddedSharedBuffers({ dataDir, setting: "auto" })).toBe("512MB");
    // Explicit settings pass through.
    expect(embeddedSharedBuffers({ dataDir, setting: "64MB" })).toBe("64MB");
  });
});
