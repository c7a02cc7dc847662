import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireLock, liveOwner, readLock, startEmbeddedOwner } from "./embedded";
import { GroundworkError } from "./errors";

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
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "fixtures", "hold-embedded.ts"), dataDir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
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
