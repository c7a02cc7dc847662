/**
 * Origin and cookie settings as the server binds them; lib/http/origin.ts trims and validates
 * them. Blank means unset, as everywhere (@groundwork/core/env), so a blank HOST or PORT gives
 * the same defaults server/server-env.ts binds with. Spelled out here rather than imported:
 * next.config.ts loads this file, and it keeps it free of workspace imports.
 */
export type OriginEnv = Partial<
  Record<"GROUNDWORK_PUBLIC_URL" | "GROUNDWORK_SECURE_COOKIES" | "GROUNDWORK_TRUST_PROXY" | "HOST" | "PORT", string>
>;

export function readOriginEnv(env: Readonly<Record<string, string | undefined>> = process.env): OriginEnv {
  const out: OriginEnv = {};
  for (const key of [
    "GROUNDWORK_PUBLIC_URL",
    "GROUNDWORK_SECURE_COOKIES",
    "GROUNDWORK_TRUST_PROXY",
    "HOST",
    "PORT",
  ] as const) {
    const value = env[key];
    if (value !== undefined && value.trim() !== "") out[key] = value;
  }
  return out;
}

/** Session cookies carry `Secure` when the public URL is https (GROUNDWORK_SECURE_COOKIES=1). */
export function secureCookies(env: OriginEnv = readOriginEnv()): boolean {
  return env.GROUNDWORK_SECURE_COOKIES === "1";
}
