import { spawn, type ChildProcess } from "node:child_process";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

export type S3ServerRequest = { method: string; path: string; query: URLSearchParams };

export type TestS3Server = {
  /** `http://127.0.0.1:<port>`: path-style addressing only (bucket names are not resolvable hosts here). */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Every request the server received, in order (tests count GETs of object bodies). */
  requests: S3ServerRequest[];
  stop(): Promise<void>;
};

// s3rver's one built-in key pair.
const ACCESS_KEY_ID = "S3RVER";
const SECRET_ACCESS_KEY = "S3RVER";

// s3rver's continuation tokens are DES-encrypted, which OpenSSL 3 only has in its legacy provider:
// it runs in a child node with that provider on, never in the test process.
const CHILD = `
const S3rver = require(process.env.S3RVER_MODULE);
new S3rver({ address: "127.0.0.1", port: 0, directory: process.env.S3RVER_DIR, silent: true, vhostBuckets: false })
  .run()
  .then((address) => process.stdout.write(JSON.stringify({ port: address.port }) + "\\n"))
  .catch((error) => { console.error(error); process.exit(1); });
`;

/**
 * An S3-compatible server for tests: s3rver (ListObjectsV2 with continuation tokens and
 * start-after, GetObject, HeadBucket, MD5 ETags) in a child process with its data in a temp dir,
 * behind a proxy on a free port of 127.0.0.1 that records every request and verifies SigV4
 * signatures, which s3rver itself does not: a wrong secret key gets SignatureDoesNotMatch as
 * from S3.
 */
export async function startS3Server(): Promise<TestS3Server> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), "groundwork-s3-"));
  const child = spawn(process.execPath, ["--openssl-legacy-provider", "-e", CHILD], {
    env: { ...process.env, S3RVER_MODULE: createRequire(import.meta.url).resolve("s3rver"), S3RVER_DIR: directory },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const killChild = () => child.kill("SIGKILL");
  process.once("exit", killChild);
  let upstreamPort: number;
  try {
    upstreamPort = await childPort(child);
  } catch (error) {
    killChild();
    await fs.rm(directory, { recursive: true, force: true });
    throw error;
  }

  const requests: S3ServerRequest[] = [];
  const agent = new http.Agent({ keepAlive: true });
  const proxy = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://s3.test");
    requests.push({ method: req.method ?? "GET", path: decodeURIComponent(url.pathname), query: url.searchParams });
    const refusal = verifySignature(req, { [ACCESS_KEY_ID]: SECRET_ACCESS_KEY });
    if (refusal) {
      req.resume();
      res.writeHead(403, { "content-type": "application/xml" });
      res.end(
        req.method === "HEAD"
          ? undefined
          : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${refusal.message}</Message></Error>`,
      );
      return;
    }
    const upstream = http.request(
      { host: "127.0.0.1", port: upstreamPort, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.headersSent || res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
    requests,
    stop: async () => {
      // Keep-alive sockets of SDK clients would hold close() open until they time out.
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      agent.destroy();
      process.off("exit", killChild);
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}

function childPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("s3rver did not start within 20 s")), 20_000);
    child.once("exit", (code) => reject(new Error(`s3rver exited (${code}) before listening`)));
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      clearTimeout(timer);
      lines.close();
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
}

// RFC 3986 unreserved characters stay, everything else is %XX: SigV4's canonical encoding.
const encodeStrict = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256Hex = (s: string) => createHash("sha256").update(s).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

/** SigV4 header authentication (what the SDK sends); null when the signature matches. */
function verifySignature(
  req: http.IncomingMessage,
  keys: Record<string, string>,
): { code: string; message: string } | null {
  const auth = req.headers.authorization;
  if (!auth) return { code: "AccessDenied", message: "Anonymous access is not allowed." };
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/.exec(
    auth,
  );
  if (!match) return { code: "AuthorizationHeaderMalformed", message: "Unsupported Authorization header." };
  const [, accessKeyId, scope, signedHeaders, signature] = match as unknown as [string, string, string, string, string];
  const secret = keys[accessKeyId];
  if (!secret)
    return { code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records." };
  const [date, region, service] = scope.split("/") as [string, string, string];
  const [rawPath, rawQuery = ""] = (req.url ?? "/").split("?", 2) as [string, string?];
  const query = rawQuery
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf("=");
      const [k, v] = eq === -1 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
      return [encodeStrict(decodeURIComponent(k)), encodeStrict(decodeURIComponent(v))] as const;
    })
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const headers = signedHeaders
    .split(";")
    .map((name) => {
      const value = req.headers[name];
      const text = Array.isArray(value) ? value.join(",") : (value ?? "");
      return `${name}:${text.trim().replace(/\s+/g, " ")}\n`;
    })
    .join("");
  const payloadHash = String(req.headers["x-amz-content-sha256"] ?? "UNSIGNED-PAYLOAD");
  const canonical = [req.method, rawPath, query, headers, signedHeaders, payloadHash].join("\n");
  const amzDate = String(req.headers["x-amz-date"] ?? "");
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
  const expected = createHmac("sha256", signingKey).update(stringToSign).digest();
  const given = Buffer.from(signature, "hex");
  if (given.length === expected.length && timingSafeEqual(given, expected)) return null;
  return {
    code: "SignatureDoesNotMatch",
    message:
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  };
}
