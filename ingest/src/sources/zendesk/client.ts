import { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";
import { ReauthorizationError, type ConnectorContext } from "../connector";
import type { ZendeskConfig } from "./config";
import { pageSchema } from "./wire";

/**
 * A typed fetch client for the Zendesk REST API, every request through the context's network
 * guard. Zendesk publishes no official Node SDK; the community `node-zendesk` package brings its
 * own HTTP transport (which would bypass the guard's connect-time address check and its
 * Retry-After handling) and models the Support API, not the Help Center's incremental export
 * and user segments this connector needs — so the handful of GETs are typed here, their answers
 * validated with zod (wire.ts).
 */
export type ZendeskClient = {
  /** The account's origin ("https://acme.zendesk.com"), for messages. */
  origin: string;
  /** GET a path (or a same-origin URL Zendesk gave, e.g. `links.next`) as validated JSON; null on 404. */
  get<S extends z.ZodType>(pathOrUrl: string, schema: S): Promise<z.output<S> | null>;
  /** Every page of a list (cursor pagination when the endpoint answers it, else offset `next_page`). */
  pages<S extends z.ZodType>(path: string, key: string, item: S): AsyncGenerator<z.output<S>[]>;
};

export function openZendesk({ config, ctx }: { config: ZendeskConfig; ctx: ConnectorContext }): ZendeskClient {
  const origin = new URL(config.url).origin;
  const host = new URL(config.url).hostname.toLowerCase();
  // An API token over plain HTTP would cross the network readable; only hosts the admin allow-listed (a local test double) may use it.
  if (new URL(config.url).protocol === "http:" && !ctx.guard.allowHosts.has(host))
    throw new GroundworkError("bad_request", `Use https:// for ${origin}: the API token would be sent in the clear.`);
  const authorization = authorizationHeader({ config, ctx });
  const sameOrigin = (url: string) => {
    const u = new URL(url, origin);
    // Credentials are only ever sent to the configured account: a next link elsewhere is refused.
    if (u.origin !== origin)
      throw new GroundworkError("bad_request", `${origin} sent a link to another host (${u.origin}).`);
    return u.toString();
  };

  async function get<S extends z.ZodType>(pathOrUrl: string, schema: S): Promise<z.output<S> | null> {
    const url = sameOrigin(pathOrUrl);
    const response = await ctx.guard.fetch(url, {
      headers: { authorization, accept: "application/json" },
      signal: ctx.signal,
      // Zendesk's own limits are per minute; a Retry-After beyond 60 s goes to the scheduler (RetryLaterError).
      retries: 3,
      maxRetryWaitMs: 60_000,
    });
    if (response.status === 404) return null;
    if (response.status === 401)
      throw new ReauthorizationError(
        `${origin} refused the credentials (HTTP 401): the API token or OAuth token was revoked or is wrong; set new ones with --api-token or --oauth-token.`,
      );
    if (response.status === 403)
      throw new GroundworkError(
        "bad_request",
        `${origin} answered 403 for ${new URL(url).pathname}: the account must be a Zendesk agent or admin with access to the Help Center (Guide).`,
      );
    if (response.status < 200 || response.status >= 300)
      throw new GroundworkError(
        "bad_request",
        `${origin} answered HTTP ${response.status} for ${new URL(url).pathname}.`,
      );
    let json: unknown;
    try {
      json = JSON.parse(response.text());
    } catch {
      throw new GroundworkError("bad_request", `${origin} did not answer JSON for ${new URL(url).pathname}.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new GroundworkError(
        "bad_request",
        `${origin} answered ${new URL(url).pathname} in an unexpected shape: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`,
      );
    return parsed.data;
  }

  async function* pages<S extends z.ZodType>(path: string, key: string, item: S): AsyncGenerator<z.output<S>[]> {
    const schema = pageSchema.extend({ [key]: z.array(item) });
    const first = new URL(path, origin);
    if (!first.searchParams.has("page[size]")) first.searchParams.set("page[size]", String(config.pageSize));
    let next: string | null = first.toString();
    const seen = new Set<string>();
    while (next) {
      // A server handing the same link back would page forever.
      if (seen.has(next))
        throw new GroundworkError("bad_request", `${origin} sent the same next page twice (${path}).`);
      seen.add(next);
      const page = (await get(next, schema)) as (z.infer<typeof pageSchema> & Record<string, unknown>) | null;
      if (!page) throw new GroundworkError("bad_request", `${origin} has no ${new URL(path, origin).pathname}.`);
      yield page[key] as z.output<S>[];
      if (page.meta) next = page.meta.has_more ? (page.links?.next ?? null) : null;
      else next = page.next_page ?? null;
      if (ctx.signal.aborted) return;
    }
  }

  return { origin, get, pages };
}

function authorizationHeader({ config, ctx }: { config: ZendeskConfig; ctx: ConnectorContext }): string {
  const oauth = ctx.secrets.oauthToken ?? config.oauthToken;
  if (oauth) return `Bearer ${oauth}`;
  const token = ctx.secrets.apiToken ?? config.apiToken;
  if (token && config.email) return `Basic ${Buffer.from(`${config.email}/token:${token}`).toString("base64")}`;
  throw new GroundworkError(
    "bad_request",
    token
      ? "Give the e-mail of the agent the API token belongs to (--email)."
      : "Give an API token (--email and --api-token) or an OAuth token (--oauth-token).",
  );
}
