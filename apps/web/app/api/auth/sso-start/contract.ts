import { z } from "zod";

/** `?next=` (a same-site path, checked by safeNextPath); the response is a 303 to the IdP. */
export const ssoStartQuery = z.object({ next: z.string().optional() });
