import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { auditEvents } from "@groundwork/db/schema";

export type SpooledAuditRow = typeof auditEvents.$inferInsert & { eventId: string; at: Date };

/**
 * Write-ahead spool for audit rows the database could not take: one JSON line per row, appended
 * and fsync'd before `recordAuditEvent` returns, so a row survives the process being killed while
 * the database is down. Nothing is held only in memory.
 *
 * Files: `audit-<host>-<pid>-<boot>.jsonl` is the live file of one process (`boot` tells a restarted
 * process that got the same pid apart from its predecessor). To replay, a process renames a file
 * to `audit-<host>-<pid>-<boot>.<n>.replay` first — a rename is atomic, so of two processes
 * claiming one orphan only one gets it — writes its rows (insert … on conflict (event_id) do
 * nothing: a crash between the insert and the unlink replays rows already written, and they are
 * skipped), then deletes it. Orphans are files of a dead process on this host, or of this pid
 * with another boot id.
 */
export type AuditSpool = {
  dir: string;
  append(row: SpooledAuditRow): void;
  /** Claims this process's files and, with `orphans`, every dead process's; returns the claimed paths (oldest first). */
  claim(options?: { orphans?: boolean }): string[];
  read(file: string): SpooledAuditRow[];
  /** After the rows of `file` are in the database. */
  done(file: string): void;
  /** Rows waiting in this process's live and claimed files, and in orphans. */
  pendingCount(): number;
};

const host = os.hostname().replace(/[^A-Za-z0-9_.]/g, "_");

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const NAME = /^audit-(.+)-(\d+)-([a-z0-9]+)(?:\.(\d+)\.replay|\.jsonl)$/;

function fsyncDir(dir: string): void {
  // The rename/unlink itself must survive a crash too; some filesystems refuse fsync on a directory.
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // best effort
  }
}

export function createAuditSpool({ dir }: { dir: string }): AuditSpool {
  const boot = randomUUID().replace(/-/g, "").slice(0, 12);
  const mine = `${host}-${process.pid}-${boot}`;
  const live = path.join(dir, `audit-${mine}.jsonl`);
  let seq = 0;
  let ensured = false;
  const ensureDir = () => {
    if (ensured) return;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    ensured = true;
  };

  const list = (): string[] => {
    try {
      return fs.readdirSync(dir).filter((f) => NAME.test(f));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  };

  const ownedOrOrphan = (file: string): boolean => {
    const m = NAME.exec(file)!;
    const [, h, pidText, b] = m;
    if (`${h}-${pidText}-${b}` === mine) return true;
    // Another host's files (a shared volume) are that host's to replay.
    if (h !== host) return false;
    const pid = Number(pidText);
    return pid === process.pid || !pidAlive(pid);
  };

  const countLines = (file: string): number => {
    try {
      return fs
        .readFileSync(path.join(dir, file), "utf8")
        .split("\n")
        .filter((l) => l.trim()).length;
    } catch {
      return 0;
    }
  };

  return {
    dir,
    append(row) {
      ensureDir();
      const created = !fs.existsSync(live);
      const fd = fs.openSync(live, "a", 0o600);
      try {
        fs.writeSync(fd, `${JSON.stringify(row)}\n`);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      // A new file's directory entry must be durable too, or a crash can lose the whole file.
      if (created) fsyncDir(dir);
    },
    claim({ orphans = false } = {}) {
      const claimed: string[] = [];
      for (const file of list().sort()) {
        if (!ownedOrOrphan(file)) continue;
        if (!orphans && !file.startsWith(`audit-${mine}.`)) continue;
        const from = path.join(dir, file);
        if (file.startsWith(`audit-${mine}.`) && file.endsWith(".replay")) {
          claimed.push(from);
          continue;
        }
        seq += 1;
        const to = path.join(dir, `audit-${mine}.${seq}.replay`);
        try {
          fs.renameSync(from, to);
          claimed.push(to);
        } catch (error) {
          // Another process claimed it first.
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        }
      }
      if (claimed.length) fsyncDir(dir);
      // Replay order: by claim sequence (within a process, file order is event order).
      return claimed.sort((a, b) => seqOf(a) - seqOf(b));
    },
    read(file) {
      const rows: SpooledAuditRow[] = [];
      for (const line of fs.readFileSync(file, "utf8").split("\n")) {
        if (!line.trim()) continue;
        try {
          const r = JSON.parse(line) as SpooledAuditRow & { at: string };
          rows.push({ ...r, at: new Date(r.at) });
        } catch {
          // A line torn by a crash mid-write was never acknowledged to anyone: skip it.
        }
      }
      return rows;
    },
    done(file) {
      fs.rmSync(file, { force: true });
      fsyncDir(dir);
    },
    pendingCount() {
      return list()
        .filter(ownedOrOrphan)
        .reduce((n, f) => n + countLines(f), 0);
    },
  };
}

function seqOf(file: string): number {
  return Number(NAME.exec(path.basename(file))?.[4] ?? 0);
}
