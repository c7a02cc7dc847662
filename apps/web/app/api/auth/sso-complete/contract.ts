import { z } from "zod";

/** `?next=` as given to sso-start; the response is a 303 to it (signed in) or to /sign-in?error=sso. */
export const ssoCompleteQuery = z.object({ next: z.string().optional() });
