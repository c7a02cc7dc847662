/**
 * Which origins may send state-changing requests. The answer comes from configuration, never
 * from what the request says about itself: `X-Forwarded-Host` / `X-Forwarded-Proto` count only
 * behind a proxy the operator vouches for (`GROUNDWORK_TRUST_PROXY=1`).
 *
 * - `GROUNDWORK_PUBLIC_URL` set: exactly its origin (scheme + host + port).
 * - otherwise, derived from `HOST`/`PORT` as the server binds them: on a loopback address the
 *   loopback names (`npm start` prints `localhost`, the socket is 127.0.0.1); on a wildcard
 *   address (0.0.0.0, ::) the name is unknown, so the request's Host at the configured scheme
 *   (the pre-configuration behaviour, minus forwarded headers — set the public URL when exposed).
 */
import { readOriginEnv, secureCookies, type OriginEnv } from "./origin-env";

export type { OriginEnv };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
const WILDCARD = new Set(["0.0.0.0", "::", "[::]", ""]);

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The configured public origin, or null when none is configured; throws on a malformed value. */
export function configuredPublicOrigin(env: OriginEnv = readOriginEnv()): string | null {
  const raw = env.GROUNDWORK_PUBLIC_URL?.trim();
  if (!raw) return null;
  const origin = originOf(raw);
  if (!origin)
    throw new Error(
      `GROUNDWORK_PUBLIC_URL must be an http(s) URL such as https://groundwork.example.com (got "${raw.slice(0, 200)}").`,
    );
  return origin;
}

function firstForwarded(value: string | null): string | null {
  const first = value?.split(",")[0]?.trim();
  return first ? first : null;
}

/** The origins a mutation's Origin (or Referer) may carry for this request. */
export function allowedOrigins({ req, env = readOriginEnv() }: { req: Request; env?: OriginEnv }): string[] {
  const configured = configuredPublicOrigin(env);
  if (configured) return [configured];
  const scheme = secureCookies(env) ? "https" : "http";
  if (env.GROUNDWORK_TRUST_PROXY === "1") {
    const host = firstForwarded(req.headers.get("x-forwarded-host")) ?? req.headers.get("host");
    const proto = firstForwarded(req.headers.get("x-forwarded-proto"));
    const origin = host ? originOf(`${proto === "https" || proto === "http" ? proto : scheme}://${host}`) : null;
    return origin ? [origin] : [];
  }
  const bind = (env.HOST ?? "127.0.0.1").trim().toLowerCase();
  const port = (env.PORT ?? "3000").trim();
  const names = LOOPBACK.has(bind)
    ? ["localhost", "127.0.0.1", "[::1]"]
    : WILDCARD.has(bind)
      ? []
      : [bind.includes(":") && !bind.startsWith("[") ? `[${bind}]` : bind];
  const out = names.map((n) => originOf(`${scheme}://${n}:${port}`)).filter((o): o is string => o !== null);
  if (WILDCARD.has(bind)) {
    const host = req.headers.get("host");
    const fromHost = host ? originOf(`${scheme}://${host}`) : null;
    if (fromHost) out.push(fromHost);
  }
  return out;
}

/** Same-origin check for mutations: the Origin (or, without one, the Referer's origin) must be an allowed origin exactly. */
export function isSameOrigin({ req, env = readOriginEnv() }: { req: Request; env?: OriginEnv }): boolean {
  const given = req.headers.get("origin") ?? req.headers.get("referer");
  if (!given || given === "null") return false;
  const origin = originOf(given);
  return origin !== null && allowedOrigins({ req, env }).includes(origin);
}
