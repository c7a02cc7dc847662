import { Client, GraphError, ResponseType, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import { GroundworkError } from "@groundwork/core/errors";
import { ReauthorizationError, type ConnectorContext } from "../connector";
import { RetryLaterError } from "../network-guard";
import type { SharepointConfig } from "./config";

/**
 * Microsoft Graph through the official SDK (`@microsoft/microsoft-graph-client`: request
 * building, OData paging links, GraphError parsing) with its network layer replaced by two
 * middlewares of ours: one adds the app's token and, on a 401, fetches a new token and retries
 * once; the last sends the request through `ctx.guard` (host allow-list, private-address refusal
 * at connect time, redirects re-checked with the Authorization header dropped across origins —
 * which a file's `/content` 302 to its pre-authenticated download URL needs —, bounded bodies,
 * 429/503 Retry-After).
 *
 * The token is the OAuth 2.0 client credentials grant against the Entra token endpoint, sent
 * through the guard too. Not MSAL: msal-node refuses any authority that is not https
 * (`authority_uri_insecure`) and its own HTTP client would bypass the guard; the grant is one
 * form POST (RFC 6749 §4.4), and MSAL's token cache buys nothing for one token per run.
 */
export type GraphSession = {
  client: Client;
  /** A Graph path, or an absolute @odata.nextLink/@odata.deltaLink (only on the configured Graph origin). */
  get<T>(pathOrLink: string, options?: { headers?: Record<string, string> }): Promise<T>;
  /** Raw bytes of a file's content (follows the download redirect). */
  download(path: string, maxBytes: number): Promise<Uint8Array>;
  /** Every page of a collection, following @odata.nextLink. */
  all<T>(path: string): Promise<T[]>;
  /** A JSON write (subscriptions: POST to create, PATCH to renew). */
  send<T>(method: "POST" | "PATCH", path: string, body: Record<string, unknown>): Promise<T>;
};

type TokenAnswer = { access_token?: string; expires_in?: number; error?: string; error_description?: string };

export function openGraph({ config, ctx }: { config: SharepointConfig; ctx: ConnectorContext }): GraphSession {
  const secret = ctx.secrets.clientSecret ?? config.clientSecret;
  if (!secret) throw new GroundworkError("bad_request", "The client secret (--client-secret) is not set.");
  const tokenUrl = `${config.authorityUrl}/${encodeURIComponent(config.tenantId)}/oauth2/v2.0/token`;
  let token: { value: string; expiresAt: number } | null = null;
  // The SDK wraps whatever a middleware throws into a GraphError; the token failure is kept here
  // so its kind (re-authorisation, bad settings) survives.
  let tokenFailure: Error | null = null;

  async function fetchToken(): Promise<string> {
    const response = await ctx.guard.fetch(tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: config.clientId,
        client_secret: secret,
        scope: `${config.graphUrl}/.default`,
        grant_type: "client_credentials",
      }).toString(),
      signal: ctx.signal,
    });
    let answer: TokenAnswer = {};
    try {
      answer = JSON.parse(response.text()) as TokenAnswer;
    } catch {
      // An HTML error page: the status says enough.
    }
    if (response.status === 200 && answer.access_token) {
      tokenFailure = null;
      token = { value: answer.access_token, expiresAt: Date.now() + ((answer.expires_in ?? 3600) - 60) * 1000 };
      return token.value;
    }
    tokenFailure = explainTokenError({ status: response.status, answer, config });
    throw tokenFailure;
  }

  const auth: Middleware & { next?: Middleware } = {
    setNext(next) {
      this.next = next;
    },
    async execute(context: Context) {
      const send = async (forceToken: boolean) => {
        const value = !forceToken && token && token.expiresAt > Date.now() ? token.value : await fetchToken();
        const headers = headersOf(context.options?.headers);
        headers.authorization = `Bearer ${value}`;
        context.options = { ...context.options, headers };
        await this.next!.execute(context);
      };
      await send(false);
      // An expired or revoked token mid-run: one new token and one retry; a second 401 is final.
      if (context.response?.status === 401) await send(true);
    },
  };

  const transport: Middleware = {
    async execute(context: Context) {
      const url = typeof context.request === "string" ? context.request : (context.request as Request).url;
      const init = context.options ?? {};
      const maxBytes = (init as { maxBytes?: number }).maxBytes;
      const response = await ctx.guard.fetch(url, {
        method: init.method ?? "GET",
        headers: headersOf(init.headers),
        ...(typeof init.body === "string" ? { body: init.body } : {}),
        ...(maxBytes ? { maxBytes } : {}),
        signal: ctx.signal,
        timeoutMs: 120_000,
      });
      // The guard has already read the (bounded) body; the SDK parses a standard Response.
      const body = response.status === 204 || response.status === 304 ? null : new Uint8Array(response.body);
      context.response = new Response(body, { status: response.status, headers: response.headers });
    },
  };

  const origin = new URL(config.graphUrl).origin;
  const client = Client.initWithMiddleware({
    baseUrl: config.graphUrl,
    defaultVersion: "v1.0",
    middleware: chain(auth, transport),
  });

  /**
   * The SDK takes a path; a paging link is absolute. It must be on the Graph origin we were
   * configured for (a link elsewhere would carry our token to another host), and the SDK's own
   * URL parser only knows https, so the link is handed over as its path after `/v1.0/`.
   */
  const relative = (pathOrLink: string) => {
    if (!/^https?:\/\//i.test(pathOrLink)) return pathOrLink;
    const link = new URL(pathOrLink);
    if (link.origin !== origin)
      throw new GroundworkError("bad_request", `Microsoft Graph sent a paging link to another host (${link.host}).`);
    return `${link.pathname.replace(/^\/v1\.0\//, "/")}${link.search}`;
  };

  async function call<T>(path: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      if (tokenFailure) throw tokenFailure;
      throw explainGraphError({ error, path });
    }
  }

  const session: GraphSession = {
    client,
    get<T>(pathOrLink: string, options: { headers?: Record<string, string> } = {}) {
      const path = relative(pathOrLink);
      return call(path, async () => {
        let request = client.api(path);
        if (options.headers) request = request.headers(options.headers);
        return (await request.get()) as T;
      });
    },
    download(path, maxBytes) {
      return call(path, async () => {
        const buffer = (await client
          .api(path)
          .options({ maxBytes })
          .responseType(ResponseType.ARRAYBUFFER)
          .get()) as ArrayBuffer;
        return new Uint8Array(buffer);
      });
    },
    send<T>(method: "POST" | "PATCH", path: string, body: Record<string, unknown>) {
      return call(path, async () => {
        const request = client.api(path);
        return (await (method === "POST" ? request.post(body) : request.patch(body))) as T;
      });
    },
    async all<T>(path: string) {
      const out: T[] = [];
      let next: string | undefined = path;
      while (next) {
        const page: { value?: T[]; "@odata.nextLink"?: string } = await session.get(next);
        out.push(...(page.value ?? []));
        if (page["@odata.nextLink"] === next) throw new Error("Microsoft Graph sent the same page link twice.");
        next = page["@odata.nextLink"];
      }
      return out;
    },
  };
  return session;
}

function chain(...middlewares: Middleware[]): Middleware[] {
  for (let i = 0; i < middlewares.length - 1; i++) middlewares[i]!.setNext?.(middlewares[i + 1]!);
  return middlewares;
}

function headersOf(headers: RequestInit["headers"] | undefined): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return { ...(headers as Record<string, string>) };
}

/** A token endpoint refusal as what to fix; a revoked or expired secret needs a person (re-authorisation). */
function explainTokenError({
  status,
  answer,
  config,
}: {
  status: number;
  answer: TokenAnswer;
  config: SharepointConfig;
}): Error {
  const aadsts = /AADSTS(\d+)/.exec(answer.error_description ?? "")?.[1];
  if (aadsts === "7000215" || aadsts === "7000222")
    return new ReauthorizationError(
      `Microsoft Entra refused the client secret of app ${config.clientId} (${aadsts === "7000222" ? "expired" : "invalid"}): create a new secret and update --client-secret.`,
    );
  if (aadsts === "700016")
    return new GroundworkError(
      "bad_request",
      `No app with client id ${config.clientId} in tenant ${config.tenantId}: check --client-id and that the app is consented in this tenant.`,
    );
  if (aadsts === "90002" || aadsts === "900023")
    return new GroundworkError("bad_request", `Tenant ${config.tenantId} does not exist: check --tenant-id.`);
  if (answer.error === "invalid_client" || answer.error === "unauthorized_client")
    return new ReauthorizationError(
      `Microsoft Entra refused the app's credentials (${answer.error}): update --client-secret.`,
    );
  return new GroundworkError(
    "bad_request",
    `The Microsoft Entra token endpoint answered HTTP ${status}${answer.error ? ` (${answer.error})` : ""}.`,
  );
}

const PERMISSION_HINT: Array<[RegExp, string]> = [
  [/^\/?groups/, "GroupMember.Read.All"],
  [/^\/?(sites|drives)/, "Sites.Read.All"],
];

/** A delta token Graph no longer honours (410 Gone, resyncRequired): the drive is enumerated again. */
export class DeltaExpiredError extends Error {
  override name = "DeltaExpiredError";
}

/** A Graph failure as a reason a person can act on; throttling carries its wait to the scheduler. */
export function explainGraphError({ error, path }: { error: unknown; path: string }): Error {
  if (error instanceof GroundworkError || error instanceof ReauthorizationError) return error;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof GroundworkError) return cause;
  if (!(error instanceof GraphError)) return error as Error;
  if (error.statusCode === 410) return new DeltaExpiredError(`Microsoft Graph: ${error.message}`);
  if (error.statusCode === 401)
    return new ReauthorizationError(
      `Microsoft Graph refused the app's token twice (${error.code ?? "401"}): check the app registration and its secret.`,
    );
  if (error.statusCode === 403) {
    const needed = PERMISSION_HINT.find(([re]) => re.test(path))?.[1] ?? "Sites.Read.All";
    return new GroundworkError(
      "bad_request",
      `Microsoft Graph denied access (${error.code ?? "accessDenied"}): the app lacks ${needed} (an application permission, with admin consent).`,
    );
  }
  if (error.statusCode === 404)
    return new GroundworkError(
      "bad_request",
      `Microsoft Graph has no ${path.split("?")[0]}: check --sites and --drives.`,
    );
  if (error.statusCode === 429 || error.statusCode === 503)
    return new RetryLaterError("Microsoft Graph asked to slow down.", 60_000);
  return new GroundworkError(
    "bad_request",
    `Microsoft Graph answered ${error.code ?? "an error"} (HTTP ${error.statusCode}): ${error.message}`,
  );
}
