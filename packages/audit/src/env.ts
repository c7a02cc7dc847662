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
});

export type AuditEnv = z.infer<typeof schema>;

export const readAuditEnv: (env?: NodeJS.ProcessEnv) => AuditEnv = defineEnv({ schema });
