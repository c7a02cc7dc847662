import type { Database } from "@groundwork/db/client";
import { readAuditEnv } from "./env";
import { log } from "@groundwork/core/logger";
import { purgeAuditEvents } from "./purge-audit-events";

/**
 * The retention job: purges once at start, then on an interval. Runs in whichever process
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
    running ??= purgeAuditEvents({ db, retentionDays })
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
