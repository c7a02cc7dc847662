import { admin, type admin_directory_v1 } from "@googleapis/admin";
import { drive, type drive_v3 } from "@googleapis/drive";
import { JWT, OAuth2Client } from "google-auth-library";
import { GroundworkError } from "@groundwork/core/errors";
import { FileError } from "../../document-model";
import { ReauthorizationError, type ConnectorContext } from "../connector";
import { RetryLaterError } from "../network-guard";
import type { GoogleDriveConfig } from "./config";

/**
 * Google Drive (and the Admin SDK Directory API for groups) through the official clients,
 * `@googleapis/drive` / `@googleapis/admin` with `google-auth-library`: a service account with
 * domain-wide delegation (a JWT for `subject`), or one user's OAuth refresh token. Both refresh
 * their access token on a 401 and retry once (`forceRefreshOnFailure`); a refusal at the token
 * endpoint that needs a person becomes a ReauthorizationError.
 *
 * Every request — API calls and token requests — goes through `ctx.guard` via gaxios'
 * `fetchImplementation` hook. google-auth-library's JWT flow posts to a fixed token URL
 * (https://oauth2.googleapis.com/token, its gtoken module has no option for it); the transport
 * sends that request to `--token-url` instead, the one place a URL is rewritten.
 */
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
export const DRIVE_SCOPE = "https://www.googleapis.com/auth/drive.readonly";
export const GROUP_SCOPES = [
  "https://www.googleapis.com/auth/admin.directory.group.readonly",
  "https://www.googleapis.com/auth/admin.directory.group.member.readonly",
];

export type GoogleSession = {
  drive: drive_v3.Drive;
  directory: admin_directory_v1.Admin;
  /** The account the connector reads as (the delegated subject, or the OAuth user). */
  viewer(): Promise<string | null>;
  /** Runs one API call, rate limits backed off; its failure becomes a reason a person can act on. */
  call<T>(what: string, run: () => Promise<T>): Promise<T>;
  /** Runs one API call, rate limits backed off; its failure as Google gave it (for callers that read the reason). */
  retrying<T>(run: () => Promise<T>): Promise<T>;
  /** An API failure as that reason. */
  explain(what: string, error: unknown): Error;
};

type ServiceAccountKey = { client_email?: string; private_key?: string; private_key_id?: string };

export function openGoogle({
  config,
  ctx,
  maxBytes,
  backoffMs = 1000,
}: {
  config: GoogleDriveConfig;
  ctx: ConnectorContext;
  maxBytes: number;
  /** First wait of the rate-limit backoff (doubled each attempt). */
  backoffMs?: number;
}): GoogleSession {
  const fetchImplementation = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    let url = typeof input === "string" ? input : input instanceof URL ? input.toString() : input.url;
    if (url === GOOGLE_TOKEN_URL) url = config.tokenUrl;
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    let body: string | Uint8Array | undefined;
    if (init?.body instanceof URLSearchParams) {
      body = init.body.toString();
      headers["content-type"] ??= "application/x-www-form-urlencoded";
    } else if (typeof init?.body === "string") body = init.body;
    else if (init?.body instanceof Uint8Array) body = init.body;
    const response = await ctx.guard.fetch(url, {
      method: init?.method ?? "GET",
      headers,
      ...(body !== undefined ? { body } : {}),
      maxBytes: Math.max(maxBytes, 8 * 1024 * 1024),
      timeoutMs: 120_000,
      signal: ctx.signal,
    });
    const empty = response.status === 204 || response.status === 304;
    return new Response(empty ? null : new Uint8Array(response.body), {
      status: response.status,
      headers: response.headers,
    });
  };
  const transporterOptions = { fetchImplementation };
  const scopes = [DRIVE_SCOPE, ...(config.syncGroups ? GROUP_SCOPES : [])];

  let auth: OAuth2Client;
  let subject: string | null = null;
  if (config.serviceAccountKey && config.subject) {
    let key: ServiceAccountKey;
    try {
      key = JSON.parse(config.serviceAccountKey) as ServiceAccountKey;
    } catch {
      throw new GroundworkError(
        "bad_request",
        "The service account key (--service-account-key) is not JSON: paste the whole key file.",
      );
    }
    if (!key.client_email || !key.private_key)
      throw new GroundworkError(
        "bad_request",
        "The service account key has no client_email or private_key: paste the JSON key file of the service account.",
      );
    subject = config.subject.toLowerCase();
    auth = new JWT({
      email: key.client_email,
      key: key.private_key,
      ...(key.private_key_id ? { keyId: key.private_key_id } : {}),
      scopes,
      subject,
      transporterOptions,
    });
  } else {
    auth = new OAuth2Client({
      clientId: config.clientId!,
      clientSecret: config.clientSecret!,
      endpoints: { oauth2TokenUrl: config.tokenUrl },
      transporterOptions,
    });
    auth.setCredentials({ refresh_token: config.refreshToken! });
  }
  const rootUrl = `${config.apiUrl}/`;
  // gaxios' own retries are off: a 429 with Retry-After is waited out by the guard, and the
  // rate-limit answers Drive gives without one (403 userRateLimitExceeded, a bare 429) back off
  // in `retrying` — one policy, not two stacked ones multiplying the attempts.
  const driveClient = drive({ version: "v3", auth, rootUrl, retry: false });
  const directory = admin({ version: "directory_v1", auth, rootUrl, retry: false });

  /**
   * A 401 (the access token expired or was revoked early) gets one new token and one retry. Not
   * the library's own refresh-on-failure: it also fires on every 403 (an externally owned file's
   * insufficientFilePermissions, a rate limit), and for a service account it hands back gtoken's
   * cached token, the one just refused. Marking the token expired makes the next request mint a
   * new one, for the JWT (a fresh assertion) and the refresh-token flow alike.
   */
  const retrying = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await withBackoff({ run, signal: ctx.signal, baseMs: backoffMs });
    } catch (error) {
      if (ctx.signal.aborted || reasonOf(error).status !== 401) throw error;
      auth.setCredentials({ ...auth.credentials, expiry_date: 1 });
      return withBackoff({ run, signal: ctx.signal, baseMs: backoffMs });
    }
  };
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await retrying(run);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      throw explainGoogleError({ error, what, config, scopes });
    }
  };
  let viewer: Promise<string | null> | null = null;
  return {
    drive: driveClient,
    directory,
    call,
    retrying,
    explain: (what, error) => explainGoogleError({ error, what, config, scopes }),
    viewer: () =>
      (viewer ??= subject
        ? Promise.resolve(subject)
        : call("about", () => driveClient.about.get({ fields: "user(emailAddress)" })).then(
            (r) => r.data.user?.emailAddress?.toLowerCase() ?? null,
          )),
  };
}

/** Drive's rate-limit answers (https://developers.google.com/workspace/drive/api/guides/limits, …/handle-errors). */
const RATE_LIMIT_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "sharingRateLimitExceeded"]);

export function isRateLimited(error: unknown): boolean {
  const { status, reason } = reasonOf(error);
  return (
    status === 429 || ((status === 403 || status === 429) && reason !== undefined && RATE_LIMIT_REASONS.has(reason))
  );
}

/**
 * Exponential backoff for rate limits, as Drive's error guide asks (wait 1 s, 2 s, 4 s … plus
 * jitter): at most `attempts` tries, then the last error goes up (explained as RetryLaterError,
 * so the scheduler comes back later and nothing is lost).
 */
export async function withBackoff<T>({
  run,
  signal,
  baseMs,
  attempts = 4,
}: {
  run: () => Promise<T>;
  signal: AbortSignal;
  baseMs: number;
  attempts?: number;
}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || signal.aborted || !isRateLimited(error)) throw error;
      const wait = baseMs * 2 ** (attempt - 1) + Math.floor(Math.random() * (baseMs / 4));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  }
}

type GoogleErrorLike = Error & {
  status?: number;
  code?: number | string;
  response?: { status?: number; headers?: Headers | Record<string, string>; data?: unknown };
  cause?: unknown;
};

/** The `reason` of a Google API error ("insufficientFilePermissions", "rateLimitExceeded", …). */
export function reasonOf(error: unknown): { status: number | undefined; reason: string | undefined; message: string } {
  const e = error as GoogleErrorLike;
  const data = e.response?.data as
    | {
        error?: { errors?: { reason?: string }[]; message?: string; status?: string } | string;
        error_description?: string;
      }
    | undefined;
  const status = e.response?.status ?? (typeof e.status === "number" ? e.status : undefined);
  if (typeof data?.error === "string")
    return { status, reason: data.error, message: data.error_description ?? data.error };
  return {
    status,
    reason: data?.error?.errors?.[0]?.reason ?? data?.error?.status,
    message: data?.error?.message ?? e.message,
  };
}

export function explainGoogleError({
  error,
  what,
  config,
  scopes,
}: {
  error: unknown;
  what: string;
  config: GoogleDriveConfig;
  scopes: string[];
}): Error {
  if (error instanceof GroundworkError || error instanceof ReauthorizationError || error instanceof FileError)
    return error;
  let cause: unknown = (error as GoogleErrorLike).cause;
  while (cause) {
    if (cause instanceof GroundworkError) return cause;
    cause = (cause as GoogleErrorLike).cause;
  }
  const { status, reason, message } = reasonOf(error);
  const text = `${reason ?? ""} ${message}`;
  // Token endpoint refusals (gtoken formats them as "error: description"; the refresh flow keeps the body).
  if (/unauthorized_client/.test(text))
    return new GroundworkError(
      "bad_request",
      `Domain-wide delegation is not granted for scope ${scopes.join(", ")} to the service account's client id: add them in the Admin console (Security → API controls → Domain-wide delegation).`,
    );
  if (/invalid_grant/.test(text) && /Invalid email or User ID|sub|impersonat/i.test(text))
    return new GroundworkError(
      "bad_request",
      `Google refused to act as ${config.subject}: --subject must be a user of the Workspace domain.`,
    );
  if (/invalid_grant/.test(text) && /JWT Signature|key/i.test(text))
    return new ReauthorizationError(
      "Google refused the service account key (deleted or disabled): create a new key and update --service-account-key.",
    );
  if (/invalid_grant/.test(text))
    return new ReauthorizationError(
      "Google refused the refresh token (expired or revoked): sign in again and update --refresh-token.",
    );
  if (/invalid_client/.test(text))
    return new ReauthorizationError("Google refused the OAuth client (--client-id / --client-secret): update them.");
  if (status === 401)
    return new ReauthorizationError(
      `Google refused the credentials twice while reading ${what}: check the account's access.`,
    );
  if (isRateLimited(error))
    return new RetryLaterError(`Google asked to slow down (${reason ?? status}) while reading ${what}.`, 60_000);
  if (status === 403 && what.startsWith("groups"))
    return new GroundworkError(
      "bad_request",
      `The Directory API refused to list groups (${reason ?? "forbidden"}): --subject must be a Workspace admin, and the Admin SDK API enabled.`,
    );
  if (status === 403 && (reason === "accessNotConfigured" || /has not been used|is disabled/.test(message)))
    return new GroundworkError(
      "bad_request",
      `The Google Drive API is not enabled for the service account's project: ${message}`,
    );
  if (status === 403)
    return new GroundworkError("bad_request", `Google denied ${what} (${reason ?? "forbidden"}): ${message}`);
  if (status === 404) return new GroundworkError("bad_request", `Google has no ${what} (${message}).`);
  return new GroundworkError("bad_request", `Google answered ${status ?? "an error"} for ${what}: ${message}`);
}
