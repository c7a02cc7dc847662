import { z } from "zod";

const check = z.strictObject({ ok: z.boolean(), message: z.string(), ms: z.number() });

/** 200 when ready, 503 with the same shape when not. */
export const readyResponse = z.strictObject({
  ready: z.boolean(),
  /** web (serves only; workers run elsewhere) or all (serves and runs the worker as its child). */
  role: z.enum(["web", "worker", "all"]),
  checks: z.strictObject({
    database: check,
    migrations: check,
    worker: check,
    // Only with DATABASE_READ_URL; informational: reads fall back to the primary, so it never makes the process unready.
    replica: check.optional(),
  }),
});
