import { z } from "zod";
import { plainText } from "~/lib/server/auth/plain-text";
import { roleSchema } from "~/lib/server/http/contracts";

export const listUsersResponse = z.strictObject({
  users: z.array(
    z.strictObject({
      id: z.uuid(),
      username: z.string(),
      displayName: z.string(),
      email: z.string().nullable(),
      role: roleSchema,
      disabled: z.boolean(),
      sso: z.boolean(),
      groups: z.array(z.string()),
    }),
  ),
});

export const createUserRequest = z.object({
  username: z.string().trim().min(2).max(48),
  displayName: plainText(z.string().trim().min(1).max(120)),
  email: plainText(z.string().trim().max(200)).optional(),
  role: roleSchema,
  password: plainText(z.string().min(10, "must be at least 10 characters").max(200)),
  groups: z.array(z.string()).max(100).default([]),
});
export const createUserResponse = z.strictObject({ id: z.uuid() });
