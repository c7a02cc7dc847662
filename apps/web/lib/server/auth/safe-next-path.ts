import "server-only";
import { isSafeLocalPath } from "@groundwork/auth/safe-url";

/**
 * Where sign-in sends the user back to. Every reader of a `next` parameter (the sign-in page,
 * form and route, SSO start and completion, the page gate) goes through this one function, so
 * none of them can become an open redirect (`/sign-in?next=/%09/evil.example`).
 */

/** The fallback: `/` redirects each role to its own home (chat, or lookup for support). */
export const DEFAULT_NEXT_PATH = "/";

/** `next` when it is a safe same-origin path, otherwise `fallback` (by default the role's home). */
export function safeNextPath(next: string | null | undefined, fallback: string = DEFAULT_NEXT_PATH): string {
  return typeof next === "string" && isSafeLocalPath(next) ? next : fallback;
}
