import { z } from "zod";

const check = z.strictObject({ ok: z.boolean(), message: z.string(), ms: z.number() });

/** 200 when ready, 503 with the same shape when not. */
export const readyResponse = z.strictObject({
  ready: z.boolean(),
  checks: z.strictObject({ database: check, migrations: check, worker: check }),
});
