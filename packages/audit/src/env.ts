import { z } from "zod";
import { defineEnv } from "@groundwork/core/env";

const schema = z.object({
  // How long audit rows are kept; the purge job deletes older ones.
  GROUNDWORK_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  GROUNDWORK_AUDIT_PURGE_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(360),
  // Write-ahead spool for audit rows written while the database is unreachable (fsync'd JSON lines,
  // replayed at start and on reconnect). Local disk that survives a process restart; one per machine.
  GROUNDWORK_AUDIT_SPOOL_DIR: z.string().optional(),
  // Cap on the spool folder (all files). Past it rows are counted, not written, and the count is
  // replayed as one audit.spool_overflow event (see audit-spool.ts).
  GROUNDWORK_AUDIT_SPOOL_MAX_MB: z.coerce.number().min(1).max(1_000_000).default(256),
  // How often a process with spooled rows retries the database when no other audit write comes.
  GROUNDWORK_AUDIT_SPOOL_RETRY_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
});

export type AuditEnv = z.infer<typeof schema>;

export const readAuditEnv: (env?: NodeJS.ProcessEnv) => AuditEnv = defineEnv({ schema });
