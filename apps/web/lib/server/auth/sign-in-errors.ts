import "server-only";
/**
 * Why a sign-in did not complete, as the sign-in page explains it. The form post without
 * JavaScript and single sign-on redirect to `/sign-in?error=<code>`; unknown codes show nothing.
 */
export type SignInErrorCode = "credentials" | "throttled" | "invalid" | "sso";

export function signInErrorMessage({
  code,
  retryAfterSeconds,
}: {
  code: string | undefined;
  retryAfterSeconds?: number | null;
}): string | null {
  switch (code) {
    case "credentials":
      return "Wrong username or password.";
    case "throttled":
      return retryAfterSeconds && retryAfterSeconds > 0
        ? `Too many sign-in attempts. Try again in ${retryAfterSeconds} s.`
        : "Too many sign-in attempts. Try again later.";
    case "invalid":
      return "Enter your username and password (no control characters).";
    case "sso":
      return "Single sign-on did not complete. Try again or use your password.";
    default:
      return null;
  }
}
