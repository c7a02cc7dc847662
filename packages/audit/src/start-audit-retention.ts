import type { Database } from "@groundwork/db/client";
import { readAuditEnv } from "./env";
import { log } from "@groundwork/core/logger";
import { purgeAuditEvents } from "./purge-audit-events";
import { replayAuditSpool } from "./record-audit-event";

/**
 * The retention job: replays the audit spool and purges once at start, then on an interval. Runs in whichever process
 * starts background services; several processes purging at once is harmless (deletes are
 * idempotent).
 */
export function startAuditRetention({
  db,
  retentionDays = readAuditEnv().GROUNDWORK_AUDIT_RETENTION_DAYS,
  intervalMs = readAuditEnv().GROUNDWORK_AUDIT_PURGE_INTERVAL_MINUTES * 60_000,
}: {
  db: Database;
  retentionDays?: number;
  intervalMs?: number;
}): { stop(): Promise<void>; runNow(): Promise<{ deleted: number }> } {
  let running: Promise<{ deleted: number }> | null = null;
  const runNow = () => {
    // Each tick first replays audit rows spooled during an outage — at start that includes a
    // crashed predecessor's on this machine (record-audit-event.ts).
    running ??= replayAuditSpool({ db, orphans: true })
      .catch((error: unknown) => log.warn("audit spool replay failed", { error: (error as Error).message }))
      .then(() => purgeAuditEvents({ db, retentionDays }))
      .catch((error: unknown) => {
        // A database outage must not kill the process; the next tick tries again.
        log.warn("audit purge failed", { error: (error as Error).message });
        return { deleted: 0 };
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  void runNow();
  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
