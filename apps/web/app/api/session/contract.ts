import { z } from "zod";
import { roleSchema } from "~/lib/server/http/contracts";

/** Who is signed in (null when nobody is) and the CSRF token the client sends as `x-csrf-token`. */
export const sessionResponse = z.union([
  z.strictObject({ user: z.null(), csrfToken: z.null() }),
  z.strictObject({
    user: z.strictObject({
      id: z.uuid(),
      username: z.string(),
      displayName: z.string(),
      role: roleSchema,
      groups: z.array(z.string()),
    }),
    csrfToken: z.string(),
  }),
]);
