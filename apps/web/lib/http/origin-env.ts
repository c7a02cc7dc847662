/**
 * Origin and cookie settings as the server binds them, verbatim: lib/http/origin.ts trims and
 * validates them, and a blank HOST must stay "" (a wildcard bind, as server/main.ts listens)
 * rather than become the loopback default.
 */
export type OriginEnv = Partial<Record<"GROUNDWORK_PUBLIC_URL" | "GROUNDWORK_SECURE_COOKIES" | "GROUNDWORK_TRUST_PROXY" | "HOST" | "PORT", string>>;

export function readOriginEnv(env: Readonly<Record<string, string | undefined>> = process.env): OriginEnv {
  const out: OriginEnv = {};
  for (const key of ["GROUNDWORK_PUBLIC_URL", "GROUNDWORK_SECURE_COOKIES", "GROUNDWORK_TRUST_PROXY", "HOST", "PORT"] as const) {
    const value = env[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Session cookies carry `Secure` when the public URL is https (GROUNDWORK_SECURE_COOKIES=1). */
export function secureCookies(env: OriginEnv = readOriginEnv()): boolean {
  return env.GROUNDWORK_SECURE_COOKIES === "1";
}
