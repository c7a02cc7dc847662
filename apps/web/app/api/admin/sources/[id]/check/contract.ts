import { z } from "zod";

/** "Test connection": ok, or the connector's reason (never a secret). */
export const checkSourceResponse = z.strictObject({ ok: z.boolean(), error: z.string().optional() });
