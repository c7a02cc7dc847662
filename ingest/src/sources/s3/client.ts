import dns from "node:dns";
import type { LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type * as S3Sdk from "@aws-sdk/client-s3";
import { GroundworkError } from "@groundwork/core/errors";
import type { ConnectorContext } from "../connector";
import { isPublicAddress, RetryLaterError } from "../network-guard";
import type { S3Config } from "./config";

export type S3Session = {
  client: S3Sdk.S3Client;
  /** The SDK's command classes (loaded with the first session: most processes never talk to S3). */
  sdk: typeof S3Sdk;
  bucket: string;
  /** Where requests go, for messages ("http://minio:9000", "AWS S3 (eu-west-1)"). */
  where: string;
  /** Runs one SDK call: aborts with the run, and turns its failure into an error a person can act on. */
  call<T>(run: (options: { abortSignal: AbortSignal }) => Promise<T>): Promise<T>;
};

/**
 * An S3 client whose every request passes the network guard: the host the SDK resolved
 * (virtual-hosted AWS name or the configured endpoint) is checked before the request is sent,
 * and the socket's DNS answer is checked again at connect time, so a name that re-resolves to a
 * private address between the two is still refused. The SDK never follows redirects.
 */
let loading: Promise<typeof S3Sdk> | null = null;

export async function openS3({ config, ctx }: { config: S3Config; ctx: ConnectorContext }): Promise<S3Session> {
  const accessKeyId = ctx.secrets.accessKeyId ?? config.accessKeyId;
  const secretAccessKey = ctx.secrets.secretAccessKey ?? config.secretAccessKey;
  const sessionToken = ctx.secrets.sessionToken ?? config.sessionToken;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey))
    throw new GroundworkError(
      "bad_request",
      "Give both the access key id (--access-key-id) and the secret access key (--secret-access-key), or neither to use the default AWS credentials.",
    );
  const sdk = await (loading ??= import("@aws-sdk/client-s3"));
  const lookup = guardedLookup(ctx.guard.allowHosts);
  const client = new sdk.S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: true } : {}),
    // Absent keys: the SDK's default chain (environment, shared config, instance role).
    ...(accessKeyId && secretAccessKey
      ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
      : {}),
    retryMode: "standard",
    maxAttempts: 3,
    // Many S3-compatible servers reject the newer default integrity trailers; nothing here uploads.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: {
      httpAgent: new http.Agent({ keepAlive: true, lookup }),
      httpsAgent: new https.Agent({ keepAlive: true, lookup }),
      connectionTimeout: 10_000,
      requestTimeout: 60_000,
    },
  });
  const checked = new Set<string>();
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { hostname?: string; port?: number };
      const host = request.hostname ?? "";
      if (!checked.has(host)) {
        await ctx.guard.assertAllowed({ host, port: request.port });
        checked.add(host);
      }
      return next(args);
    },
    { step: "finalizeRequest", name: "groundworkNetworkGuard", priority: "low" },
  );
  const where = config.endpoint ? new URL(config.endpoint).origin : `AWS S3 (${config.region})`;
  const secrets = [secretAccessKey, sessionToken].filter((s): s is string => Boolean(s));
  return {
    client,
    sdk,
    bucket: config.bucket,
    where,
    async call(run) {
      try {
        return await run({ abortSignal: ctx.signal });
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        throw explainS3Error({ error, bucket: config.bucket, where, region: config.region, accessKeyId, secrets });
      }
    },
  };
}

function guardedLookup(allowHosts: ReadonlySet<string>): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      if (!allowHosts.has(hostname.toLowerCase())) {
        const bad = addresses.find((a) => !isPublicAddress(a.address));
        if (bad)
          return callback(
            new GroundworkError(
              "bad_request",
              `Refused to connect to ${hostname} (${bad.address}): it is not a public address. ` +
                "Add the host to GROUNDWORK_CONNECTOR_ALLOW_HOSTS to allow it.",
            ),
            "",
            4,
          );
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`No address for ${hostname}`), "", 4);
      callback(null, first.address, first.family);
    });
  };
}

type SdkError = Error & {
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
};

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);
const THROTTLED = new Set(["SlowDown", "Throttling", "ThrottlingException", "TooManyRequests", "RequestLimitExceeded"]);

/**
 * An SDK failure as a GroundworkError naming what to fix. Server messages are kept only through
 * a redaction of the secret key and session token (a message never carries them, but a proxy's
 * error page might echo a header).
 */
export function explainS3Error({
  error,
  bucket,
  where,
  region,
  accessKeyId,
  secrets,
}: {
  error: unknown;
  bucket: string;
  where: string;
  region: string;
  accessKeyId: string | undefined;
  secrets: string[];
}): Error {
  if (error instanceof GroundworkError) return error;
  const e = error as SdkError;
  const cause = (e as { cause?: unknown }).cause;
  if (cause instanceof GroundworkError) return cause;
  const status = e.$metadata?.httpStatusCode;
  const name = e.Code ?? e.name;
  const code = e.code ?? (cause as { code?: string } | undefined)?.code;
  const redact = (text: string) => secrets.reduce((t, s) => t.split(s).join("[redacted]"), text);
  const bad = (message: string) => new GroundworkError("bad_request", redact(message), { cause: error });

  if (status === 429 || status === 503 || THROTTLED.has(name)) {
    const header = e.$response?.headers?.["retry-after"];
    const seconds = header === undefined ? NaN : Number(header);
    const waitMs = Number.isFinite(seconds) ? Math.max(1000, seconds * 1000) : 60_000;
    return new RetryLaterError(
      `${where} asked to slow down (${name}); retrying in ${Math.ceil(waitMs / 1000)} s.`,
      waitMs,
    );
  }
  if (
    (code && UNREACHABLE.has(code)) ||
    name === "TimeoutError" ||
    (status === undefined && /socket|connect/i.test(e.message))
  )
    return bad(
      `Cannot reach ${where}: ${code ?? e.message}. Check the endpoint (--endpoint) and that the server is up.`,
    );
  if (name === "NoSuchBucket" || (status === 404 && name === "NotFound"))
    return bad(`Bucket "${bucket}" does not exist at ${where}.`);
  if (name === "InvalidAccessKeyId")
    return bad(`${where} does not know the access key id ${accessKeyId ?? "(default credentials)"}.`);
  if (name === "SignatureDoesNotMatch")
    return bad(
      `${where} rejected the request signature: the secret access key does not belong to access key id ${accessKeyId ?? "(default credentials)"}.`,
    );
  if (name === "ExpiredToken" || name === "InvalidToken" || name === "TokenRefreshRequired")
    return bad(`${where} refused the session token (${name}): give fresh temporary credentials.`);
  if (name === "CredentialsProviderError")
    return bad(
      "No AWS credentials: give --access-key-id and --secret-access-key, or configure the server's default credentials.",
    );
  if (
    status === 301 ||
    name === "PermanentRedirect" ||
    name === "AuthorizationHeaderMalformed" ||
    name === "IllegalLocationConstraintException"
  ) {
    const actual = e.$response?.headers?.["x-amz-bucket-region"];
    return bad(
      `Bucket "${bucket}" is not in region ${region}${actual ? ` but in ${actual}` : ""}: set --region${actual ? ` ${actual}` : ""}.`,
    );
  }
  if (name === "AccessDenied" || status === 403)
    return bad(
      `Access denied to bucket "${bucket}" at ${where}: the credentials need s3:ListBucket and s3:GetObject on it.`,
    );
  return bad(`${where} answered ${name}${status ? ` (HTTP ${status})` : ""}: ${e.message}`);
}
