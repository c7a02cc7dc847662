import dns from "node:dns";
import type { LookupAddress } from "node:dns";
import ipaddr from "ipaddr.js";
import { Agent, fetch as undiciFetch } from "undici";
import { GroundworkError } from "@groundwork/core/errors";
import { connectorAllowHostsSetting } from "../env";

/**
 * A connector is a server-side request tool: an admin (or a page it crawls) names a URL and the
 * server fetches it. Without a guard that is a way into the machine's own network (cloud metadata
 * at 169.254.169.254, the database on 127.0.0.1, an intranet admin panel). The guard refuses any
 * target that resolves to a non-public address unless its host is allow-listed in
 * GROUNDWORK_CONNECTOR_ALLOW_HOSTS. The check runs on the address actually connected to (a
 * lookup hook in the HTTP agent), so DNS rebinding between check and connect does not get past
 * it; every redirect hop is checked again; bodies and times are bounded.
 */
export type NetworkGuard = {
  /** Throws GroundworkError("bad_request") when the host is refused; resolves the host to check it. */
  assertAllowed(target: { host: string; port?: number | undefined }): Promise<void>;
  /** A guarded HTTP(S) request (GET unless `method`); follows up to `maxRedirects`, each hop re-checked. */
  fetch(url: string, init?: GuardedRequest): Promise<GuardedResponse>;
  /** The allow-listed hosts (lowercased). */
  allowHosts: ReadonlySet<string>;
};

export type GuardedRequest = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Default 20 MB: a longer body fails with "response too large". */
  maxBytes?: number;
  /** Whole request, redirects included; default 30 s. */
  timeoutMs?: number;
  /** Default 5; a loop fails with "too many redirects". */
  maxRedirects?: number;
  /**
   * 429 and 503 are retried after their Retry-After (seconds or a date), at most this many times
   * (default 3) and never waiting longer than `maxRetryWaitMs` (default 60 s) at once; beyond
   * that a RetryLaterError carries the wait to the scheduler.
   */
  retries?: number;
  maxRetryWaitMs?: number;
  signal?: AbortSignal;
};

export type GuardedResponse = {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  headers: Headers;
  body: Uint8Array;
  text(): string;
};

/** The system asked us to come back later (429/503 with Retry-After beyond what a run waits for). */
export class RetryLaterError extends GroundworkError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super("rate_limited", message, { details: { retryAfterMs } });
  }
}

export function allowHostsFromEnv(env?: Readonly<Record<string, string | undefined>>): Set<string> {
  const raw = connectorAllowHostsSetting(env);
  return new Set(
    raw
      .split(",")
      .map((h) =>
        h
          .trim()
          .toLowerCase()
          .replace(/^\[|\]$/g, ""),
      )
      .filter(Boolean),
  );
}

/** Loopback, private, link-local, unique-local, CGNAT, multicast, unspecified, reserved: anything but public unicast. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

const hostOf = (host: string) => host.toLowerCase().replace(/^\[|\]$/g, "");

export function createNetworkGuard({
  allowHosts = allowHostsFromEnv(),
  lookup = dns.promises.lookup,
}: {
  allowHosts?: Set<string>;
  /** For tests: how names resolve. */
  lookup?: (host: string, options: { all: true }) => Promise<LookupAddress[]>;
} = {}): NetworkGuard {
  const allowed = (host: string) => allowHosts.has(hostOf(host));
  const refuse = (host: string, address?: string) =>
    new GroundworkError(
      "bad_request",
      `Refused to connect to ${host}${address && address !== host ? ` (${address})` : ""}: it is not a public address. ` +
        "Add the host to GROUNDWORK_CONNECTOR_ALLOW_HOSTS to allow it.",
    );

  async function assertAllowed({ host }: { host: string }): Promise<void> {
    const h = hostOf(host);
    if (!h) throw new GroundworkError("bad_request", "No host given.");
    if (allowed(h)) return;
    if (ipaddr.isValid(h)) {
      if (!isPublicAddress(h)) throw refuse(h);
      return;
    }
    let addresses: LookupAddress[];
    try {
      addresses = await lookup(h, { all: true });
    } catch {
      throw new GroundworkError("bad_request", `Cannot resolve ${h}.`);
    }
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad || addresses.length === 0) throw refuse(h, bad?.address);
  }

  // The connect-time check: the address the socket is about to use, whatever DNS said before.
  const agent = new Agent({
    connect: {
      lookup(hostname, options, callback) {
        dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
          if (error) return callback(error, "", 4);
          const list = addresses;
          if (!allowed(hostname)) {
            const bad = list.find((a) => !isPublicAddress(a.address));
            if (bad) return callback(refuse(hostname, bad.address), "", 4);
          }
          if ((options as { all?: boolean }).all)
            return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
          const first = list[0]!;
          callback(null, first.address, first.family);
        });
      },
    },
  });

  async function request(url: string, init: GuardedRequest = {}): Promise<GuardedResponse> {
    const {
      maxBytes = 20 * 1024 * 1024,
      timeoutMs = 30_000,
      maxRedirects = 5,
      retries = 3,
      maxRetryWaitMs = 60_000,
    } = init;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let current = url;
    let headers = init.headers ?? {};
    let attempt = 0;
    for (let hop = 0; ; hop++) {
      const target = parseHttpUrl(current);
      await assertAllowed({ host: target.hostname });
      let response: Awaited<ReturnType<typeof undiciFetch>>;
      try {
        response = await undiciFetch(target, {
          method: init.method ?? "GET",
          headers,
          ...(init.body !== undefined ? { body: init.body } : {}),
          redirect: "manual",
          signal,
          dispatcher: agent,
        });
      } catch (error) {
        if (error instanceof GroundworkError) throw error;
        const cause = (error as { cause?: unknown }).cause;
        if (cause instanceof GroundworkError) throw cause;
        if (timeout.aborted)
          throw new GroundworkError("bad_request", `${target.host} did not answer within ${timeoutMs} ms.`);
        if (init.signal?.aborted) throw error;
        const reason = (cause as Error | undefined)?.message ?? (error as Error).message;
        throw new GroundworkError("bad_request", `Cannot reach ${target.host}: ${reason}`, { cause: error });
      }
      if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
        await response.body?.cancel();
        if (hop >= maxRedirects) throw new GroundworkError("bad_request", `Too many redirects from ${url}.`);
        const nextUrl = new URL(response.headers.get("location")!, target);
        // Credentials are for the origin they were configured for: a redirect elsewhere drops them.
        if (nextUrl.origin !== target.origin)
          headers = Object.fromEntries(
            Object.entries(headers).filter(([k]) => !/^(authorization|cookie|proxy-authorization)$/i.test(k)),
          );
        current = nextUrl.toString();
        continue;
      }
      if ((response.status === 429 || response.status === 503) && response.headers.get("retry-after")) {
        await response.body?.cancel();
        const waitMs = retryAfterMs(response.headers.get("retry-after")!);
        if (attempt < retries && waitMs <= maxRetryWaitMs) {
          attempt++;
          await sleep(waitMs, signal);
          hop--;
          continue;
        }
        throw new RetryLaterError(`${target.host} asked to retry in ${Math.ceil(waitMs / 1000)} s.`, waitMs);
      }
      const body = await readBounded(response, maxBytes, current);
      return {
        status: response.status,
        url: current,
        headers: response.headers,
        body,
        text: () => new TextDecoder().decode(body),
      };
    }
  }

  return { assertAllowed, fetch: request, allowHosts };
}

function parseHttpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GroundworkError("bad_request", `Not a URL: ${url}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new GroundworkError("bad_request", `Only http and https URLs can be fetched (${parsed.protocol}).`);
  if (parsed.username || parsed.password)
    throw new GroundworkError("bad_request", "Credentials in a URL are not accepted; use the source's secret fields.");
  return parsed;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string, now = Date.now()): number {
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : 60_000;
}

async function readBounded(
  response: Awaited<ReturnType<typeof undiciFetch>>,
  maxBytes: number,
  url: string,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new GroundworkError(
      "bad_request",
      `Response from ${url} is too large (${declared} bytes, limit ${maxBytes}).`,
    );
  }
  if (!response.body) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const part of response.body as AsyncIterable<Uint8Array>) {
    total += part.byteLength;
    if (total > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new GroundworkError("bad_request", `Response from ${url} is too large (over ${maxBytes} bytes).`);
    }
    parts.push(part);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}
