import { z } from "zod";

export const signOutResponse = z.strictObject({ ok: z.literal(true) });
