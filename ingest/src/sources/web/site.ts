import robotsParser from "robots-parser";
import { GroundworkError } from "@groundwork/core/errors";
import type { ConnectorContext } from "../connector";
import type { GuardedResponse } from "../network-guard";
import type { WebConfig } from "./config";
import { urlScope } from "./url";

export const USER_AGENT = "GroundworkBot";
const USER_AGENT_HEADER = `${USER_AGENT}/1.0 (+https://github.com/groundwork)`;

/** A page larger than this is an error entry, not an item (the guard cuts the body off). */
export const MAX_PAGE_BYTES = 20 * 1024 * 1024;
const PAGE_TIMEOUT_MS = 30_000;

export type Robots = {
  allowed(url: string): boolean;
  crawlDelaySeconds: number | undefined;
  sitemaps: string[];
};

/**
 * What a crawl of one site shares: its scope, its robots.txt, and one pacer so that every request
 * (robots, sitemaps, pages) counts against requestsPerSecond or the Crawl-delay, whichever is slower.
 */
export type Site = {
  startUrl: string;
  scope: ReturnType<typeof urlScope>;
  robots: Robots;
  get(
    url: string,
    input?: { headers?: Record<string, string>; maxBytes?: number; signal?: AbortSignal },
  ): Promise<GuardedResponse>;
};

export async function openSite({
  config,
  ctx,
  signal: crawlSignal,
}: {
  config: WebConfig;
  ctx: ConnectorContext;
  /** Cancels the pacing waits and requests of this crawl. */
  signal: AbortSignal;
}): Promise<Site> {
  const scope = urlScope({ startUrl: config.url, include: config.include, exclude: config.exclude });
  const authHeader = config.authHeader ?? ctx.secrets.authHeader;
  let intervalMs = 1000 / config.requestsPerSecond;
  let nextSlot = 0;

  async function get(
    url: string,
    input: { headers?: Record<string, string>; maxBytes?: number; signal?: AbortSignal } = {},
  ) {
    const signal = input.signal ?? crawlSignal;
    const now = Date.now();
    const at = Math.max(now, nextSlot);
    nextSlot = at + intervalMs;
    if (at > now) await sleep(at - now, signal);
    const headers: Record<string, string> = { "user-agent": USER_AGENT_HEADER, ...input.headers };
    const sameOrigin = scope.sameOrigin(url);
    if (authHeader && sameOrigin) headers.authorization = authHeader;
    try {
      return await ctx.guard.fetch(url, {
        headers,
        maxBytes: input.maxBytes ?? MAX_PAGE_BYTES,
        timeoutMs: PAGE_TIMEOUT_MS,
        // The guard sends the same headers on every hop, so a redirect would hand the credential
        // to wherever the site points; with a credential set, redirects are not followed.
        ...(authHeader && sameOrigin ? { maxRedirects: 0 } : {}),
        signal,
      });
    } catch (error) {
      if (authHeader && sameOrigin && error instanceof GroundworkError && /redirects/i.test(error.message))
        throw new GroundworkError(
          "bad_request",
          `${url} redirects; redirects are not followed while an auth header is set (it would be sent to the target). Link the final URL instead.`,
        );
      throw error;
    }
  }

  const robots = await readRobots({ origin: scope.origin, get });
  const delay = robots.crawlDelaySeconds;
  if (delay !== undefined && delay * 1000 > intervalMs) intervalMs = delay * 1000;
  return { startUrl: config.url, scope, robots, get };
}

/**
 * RFC 9309: a robots.txt that is missing (4xx) allows everything; one that cannot be read (5xx,
 * no answer) means the site may be closed to us, so the crawl does not start.
 */
async function readRobots({ origin, get }: { origin: string; get: Site["get"] }): Promise<Robots> {
  const robotsUrl = `${origin}/robots.txt`;
  let response: GuardedResponse;
  try {
    response = await get(robotsUrl, { maxBytes: 512 * 1024 });
  } catch (error) {
    if (error instanceof GroundworkError && /too large/.test(error.message)) return allowAll();
    throw new GroundworkError("bad_request", `Cannot read ${robotsUrl}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (response.status >= 400 && response.status < 500) return allowAll();
  if (response.status >= 500)
    throw new GroundworkError(
      "bad_request",
      `${robotsUrl} answered ${response.status}; the crawl waits until the site's robots.txt can be read.`,
    );
  const parsed = robotsParser(robotsUrl, response.text());
  return {
    // A URL robots.txt says nothing about (undefined: another origin) is never ours to fetch anyway.
    allowed: (url) => parsed.isAllowed(url, USER_AGENT) !== false,
    crawlDelaySeconds: parsed.getCrawlDelay(USER_AGENT),
    sitemaps: parsed.getSitemaps(),
  };
}

const allowAll = (): Robots => ({ allowed: () => true, crawlDelaySeconds: undefined, sitemaps: [] });

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
