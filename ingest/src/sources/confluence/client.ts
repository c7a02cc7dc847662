import type { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";
import { ReauthorizationError, type ConnectorContext } from "../connector";
import type { ConfluenceConfig } from "./config";
import { linksSchema } from "./wire";

/**
 * A typed fetch client for Confluence's REST APIs, every request through the context's network
 * guard (host allow-list, private addresses refused at connect time, redirects re-checked with
 * the credentials dropped across origins, bounded bodies, 429/503 Retry-After). Atlassian
 * publishes no official Node SDK; community packages (confluence.js) bring their own HTTP stack,
 * which would bypass the guard, so the GETs are typed here and validated with zod (wire.ts).
 *
 * Paths are relative to the configured wiki base: `/api/v2/…` (Cloud v2) and `/rest/api/…` (v1,
 * both deployments). Next links come back relative to the site (`/wiki/api/v2/…?cursor=`) or to
 * the context (`/rest/api/…?start=`); both resolve against the base here, and only on its origin.
 */
export type ConfluenceClient = {
  /** The wiki base ("https://acme.atlassian.net/wiki"), for messages and links. */
  base: string;
  /** GET as validated JSON; null on 404. */
  get<S extends z.ZodType>(pathOrUrl: string, schema: S): Promise<z.output<S> | null>;
  /** Every page of a list (v2 cursor or v1 offset), following `_links.next` or the `Link` header. */
  pages<S extends z.ZodType>(
    path: string,
    schema: S,
  ): AsyncGenerator<{ page: z.output<S>; url: string; next: string | null }>;
  /** One page of a list and the link to the next one (null: the last). */
  page<S extends z.ZodType>(pathOrUrl: string, schema: S): Promise<{ page: z.output<S>; next: string | null } | null>;
  /** Raw bytes (an attachment's download). */
  download(pathOrUrl: string, maxBytes: number): Promise<Uint8Array>;
};

export function openConfluence({ config, ctx }: { config: ConfluenceConfig; ctx: ConnectorContext }): ConfluenceClient {
  const baseUrl = new URL(config.url);
  const origin = baseUrl.origin;
  const basePath = baseUrl.pathname.replace(/\/+$/, "");
  const base = origin + basePath;
  const host = baseUrl.hostname.toLowerCase();
  // A token over plain HTTP would cross the network readable; only allow-listed hosts (a local test double) may use it.
  if (baseUrl.protocol === "http:" && !ctx.guard.allowHosts.has(host))
    throw new GroundworkError("bad_request", `Use https:// for ${origin}: the token would be sent in the clear.`);
  const authorization = authorizationHeader({ config, ctx });

  /** A path of ours, or a link Confluence sent (relative to the site or to the base), as a URL on the base's origin. */
  const resolve = (pathOrUrl: string) => {
    let u: URL;
    if (/^https?:\/\//i.test(pathOrUrl)) u = new URL(pathOrUrl);
    // Links carry the context path already (`/wiki/api/v2/…`, `/confluence/rest/api/…`); our own paths do not.
    else if (basePath && (pathOrUrl === basePath || pathOrUrl.startsWith(`${basePath}/`)))
      u = new URL(pathOrUrl, origin);
    else u = new URL(base + (pathOrUrl.startsWith("/") ? pathOrUrl : `/${pathOrUrl}`));
    // Credentials are only ever sent to the configured site: a link elsewhere is refused.
    if (u.origin !== origin)
      throw new GroundworkError("bad_request", `${origin} sent a link to another host (${u.origin}).`);
    return u.toString();
  };

  async function request(pathOrUrl: string, accept: string, maxBytes?: number) {
    const url = resolve(pathOrUrl);
    const response = await ctx.guard.fetch(url, {
      headers: { authorization, accept },
      signal: ctx.signal,
      // Atlassian's cost-based limits answer 429 with Retry-After in seconds; a wait beyond a minute goes to the scheduler.
      retries: 4,
      maxRetryWaitMs: 60_000,
      ...(maxBytes ? { maxBytes, timeoutMs: 120_000 } : {}),
    });
    const path = new URL(url).pathname;
    if (response.status === 401)
      throw new ReauthorizationError(
        `${origin} refused the credentials (HTTP 401): the ${tokenKind(config, ctx)} was revoked, expired or is wrong; set a new one with ${tokenFlag(config, ctx)}.`,
      );
    if (response.status === 403)
      throw new GroundworkError(
        "bad_request",
        `${origin} answered 403 for ${path}: ${
          config.deployment === "cloud"
            ? "the account needs the Confluence product on this site, read access to the space, and (for permissions and groups) to be a Confluence admin; an OAuth token also needs the read:confluence-* scopes"
            : "the personal access token's account must read the space and administer its permissions (space admin) to list them"
        }.`,
      );
    return { response, url, path };
  }

  async function get<S extends z.ZodType>(pathOrUrl: string, schema: S): Promise<z.output<S> | null> {
    return (await page(pathOrUrl, schema))?.page ?? null;
  }

  async function page<S extends z.ZodType>(
    pathOrUrl: string,
    schema: S,
  ): Promise<{ page: z.output<S>; next: string | null } | null> {
    const { response, path } = await request(pathOrUrl, "application/json");
    if (response.status === 404) return null;
    if (response.status < 200 || response.status >= 300)
      throw new GroundworkError("bad_request", `${origin} answered HTTP ${response.status} for ${path}.`);
    let json: unknown;
    try {
      json = JSON.parse(response.text());
    } catch {
      throw new GroundworkError(
        "bad_request",
        `${origin} did not answer JSON for ${path}: is ${base} the wiki's base URL${config.deployment === "cloud" ? " (ending in /wiki)" : ""}?`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new GroundworkError(
        "bad_request",
        `${origin} answered ${path} in an unexpected shape: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`,
      );
    const links = linksSchema.safeParse((json as { _links?: unknown })?._links ?? {});
    const next = (links.success ? links.data.next : null) ?? nextFromLinkHeader(response.headers.get("link"));
    return { page: parsed.data, next: next ?? null };
  }

  async function* pages<S extends z.ZodType>(path: string, schema: S) {
    let url: string | null = path;
    const seen = new Set<string>();
    while (url) {
      // A server handing the same link back would page forever.
      if (seen.has(url)) throw new GroundworkError("bad_request", `${origin} sent the same next page twice (${path}).`);
      seen.add(url);
      const answer: { page: z.output<S>; next: string | null } | null = await page(url, schema);
      if (!answer) throw new GroundworkError("bad_request", `${origin} has no ${new URL(resolve(path)).pathname}.`);
      yield { page: answer.page, url, next: answer.next };
      url = answer.next;
      if (ctx.signal.aborted) return;
    }
  }

  async function download(pathOrUrl: string, maxBytes: number): Promise<Uint8Array> {
    const { response, path } = await request(pathOrUrl, "*/*", maxBytes);
    if (response.status === 404)
      throw new GroundworkError("not_found", `${origin} has no ${path} (deleted since listed).`);
    if (response.status < 200 || response.status >= 300)
      throw new GroundworkError("bad_request", `${origin} answered HTTP ${response.status} for ${path}.`);
    return response.body;
  }

  return { base, get, page, pages, download };
}

/** `Link: </wiki/api/v2/pages?cursor=…>; rel="next"` (RFC 8288), as v2 sends beside `_links.next`. */
export function nextFromLinkHeader(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const m = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
    if (m && /\brel="?next"?/i.test(m[2]!)) return m[1]!;
  }
  return null;
}

const tokenKind = (config: ConfluenceConfig, ctx: ConnectorContext) =>
  config.deployment === "data-center"
    ? "personal access token"
    : (ctx.secrets.oauthToken ?? config.oauthToken)
      ? "OAuth access token"
      : "API token";
const tokenFlag = (config: ConfluenceConfig, ctx: ConnectorContext) =>
  config.deployment === "data-center"
    ? "--personal-access-token"
    : (ctx.secrets.oauthToken ?? config.oauthToken)
      ? "--oauth-token"
      : "--api-token";

function authorizationHeader({ config, ctx }: { config: ConfluenceConfig; ctx: ConnectorContext }): string {
  if (config.deployment === "data-center") {
    const pat = ctx.secrets.personalAccessToken ?? config.personalAccessToken;
    if (pat) return `Bearer ${pat}`;
    throw new GroundworkError("bad_request", "Give a Data Center personal access token (--personal-access-token).");
  }
  const oauth = ctx.secrets.oauthToken ?? config.oauthToken;
  if (oauth) return `Bearer ${oauth}`;
  const token = ctx.secrets.apiToken ?? config.apiToken;
  if (token && config.email) return `Basic ${Buffer.from(`${config.email}:${token}`).toString("base64")}`;
  throw new GroundworkError(
    "bad_request",
    token
      ? "Give the e-mail of the Atlassian account the API token belongs to (--email)."
      : "Give an API token (--email and --api-token) or an OAuth access token (--oauth-token).",
  );
}
