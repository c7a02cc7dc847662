import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { auditEvents } from "@groundwork/db/schema";

export type SpooledAuditRow = typeof auditEvents.$inferInsert & { eventId: string; at: Date };

/** Rows a process could not spool because the spool was full: counted, with the time span, written later as one event. */
export type SpoolOverflow = {
  eventId: string;
  dropped: number;
  first: string;
  last: string;
  host: string;
  pid: number;
};

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
 *
 * The spool is capped (`maxBytes`, all files in the folder together): a long outage under heavy
 * traffic must not fill the disk the database may share. Past the cap a row is not written;
 * the process counts it in `audit-<host>-<pid>-<boot>.overflow` (count, first and last time,
 * fsync'd), which is replayed like the rows — as one `audit.spool_overflow` event — so the log
 * says how many rows are missing and when, instead of losing them silently.
 */
export type AuditSpool = {
  dir: string;
  /** False when the spool is full: the row is counted in this process's overflow tally instead. */
  append(row: SpooledAuditRow): boolean;
  /** Claims this process's overflow tallies and, with `orphans`, dead processes' (as `claim`). */
  claimOverflows(options?: { orphans?: boolean }): { file: string; overflow: SpoolOverflow }[];
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
const OVERFLOW = /^audit-(.+)-(\d+)-([a-z0-9]+)(?:\.(\d+)\.overflow-replay|\.overflow)$/;

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

export function createAuditSpool({ dir, maxBytes = Infinity }: { dir: string; maxBytes?: number }): AuditSpool {
  const boot = randomUUID().replace(/-/g, "").slice(0, 12);
  const mine = `${host}-${process.pid}-${boot}`;
  const live = path.join(dir, `audit-${mine}.jsonl`);
  const overflowFile = path.join(dir, `audit-${mine}.overflow`);
  let seq = 0;
  /** Bytes of every spool file in the folder; recounted after files go (null = unknown). */
  let used: number | null = null;
  let ensured = false;
  const ensureDir = () => {
    if (ensured) return;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    ensured = true;
  };

  const list = (pattern = NAME): string[] => {
    try {
      return fs.readdirSync(dir).filter((f) => pattern.test(f));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  };
  const usedBytes = (): number =>
    (used ??= list().reduce((n, f) => {
      try {
        return n + fs.statSync(path.join(dir, f)).size;
      } catch {
        return n;
      }
    }, 0));

  const writeDurably = (file: string, text: string, flag: "a" | "w") => {
    const created = !fs.existsSync(file);
    const fd = fs.openSync(file, flag, 0o600);
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // A new file's directory entry must be durable too, or a crash can lose the whole file.
    if (created) fsyncDir(dir);
  };

  const countOverflow = (at: Date) => {
    let tally: SpoolOverflow | null = null;
    try {
      tally = JSON.parse(fs.readFileSync(overflowFile, "utf8")) as SpoolOverflow;
    } catch {
      tally = null;
    }
    const when = at.toISOString();
    const next: SpoolOverflow = tally
      ? { ...tally, dropped: tally.dropped + 1, last: when }
      : { eventId: randomUUID(), dropped: 1, first: when, last: when, host, pid: process.pid };
    writeDurably(overflowFile, JSON.stringify(next), "w");
  };

  const ownedOrOrphan = (file: string, pattern = NAME): boolean => {
    const m = pattern.exec(file)!;
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
      const line = `${JSON.stringify(row)}\n`;
      const bytes = Buffer.byteLength(line);
      if (usedBytes() + bytes > maxBytes) {
        countOverflow(row.at);
        return false;
      }
      writeDurably(live, line, "a");
      used = usedBytes() + bytes;
      return true;
    },
    claimOverflows({ orphans = false } = {}) {
      const claimed: { file: string; overflow: SpoolOverflow }[] = [];
      for (const file of list(OVERFLOW).sort()) {
        if (!ownedOrOrphan(file, OVERFLOW)) continue;
        if (!orphans && !file.startsWith(`audit-${mine}.`)) continue;
        let to = path.join(dir, file);
        if (!file.endsWith(".overflow-replay")) {
          seq += 1;
          to = path.join(dir, `audit-${mine}.${seq}.overflow-replay`);
          try {
            fs.renameSync(path.join(dir, file), to);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
            continue;
          }
        }
        try {
          claimed.push({ file: to, overflow: JSON.parse(fs.readFileSync(to, "utf8")) as SpoolOverflow });
        } catch {
          // Torn by a crash mid-write: the tally was never complete; drop the file.
          fs.rmSync(to, { force: true });
        }
      }
      if (claimed.length) fsyncDir(dir);
      return claimed;
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
      used = null;
    },
    pendingCount() {
      return list()
        .filter((f) => ownedOrOrphan(f))
        .reduce((n, f) => n + countLines(f), 0);
    },
  };
}

function seqOf(file: string): number {
  return Number(NAME.exec(path.basename(file))?.[4] ?? 0);
}
