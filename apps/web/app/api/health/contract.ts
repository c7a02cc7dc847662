import { z } from "zod";

export const healthResponse = z.strictObject({ status: z.literal("ok"), uptimeSeconds: z.number().int() });
