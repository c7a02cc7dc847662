import { z } from "zod";
import { plainText } from "~/lib/server/auth/plain-text";
import { roleSchema } from "~/lib/server/http/contracts";

export const updateUserRequest = z.object({
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
  groups: z.array(z.string()).max(100).optional(),
  displayName: plainText(z.string().trim().min(1).max(120)).optional(),
  password: plainText(z.string().min(10, "must be at least 10 characters").max(200)).optional(),
});
/** How many of the user's sessions the change ended (a reset, disabling, a role or group change). */
export const updateUserResponse = z.strictObject({ ok: z.literal(true), sessionsRevoked: z.number().int() });
