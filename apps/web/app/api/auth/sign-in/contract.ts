import { z } from "zod";
import { plainText } from "~/lib/server/auth/plain-text";

/** JSON from the app's script, or the same fields as a form post from the page without JavaScript. */
export const signInRequest = z.object({
  username: plainText(z.string().trim().min(1, "is required").max(200)),
  password: plainText(z.string().min(1, "is required").max(1000)),
  next: z.string().max(2000).optional(),
});
export type SignInRequest = z.infer<typeof signInRequest>;

/** JSON callers; form posts get a 303 instead (to `next`, or back to /sign-in with an error code). */
export const signInResponse = z.strictObject({ ok: z.literal(true), csrfToken: z.string(), next: z.string() });
