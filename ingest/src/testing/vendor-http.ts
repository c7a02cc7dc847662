import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The plumbing every in-suite vendor server (Confluence, Google Drive, Microsoft Graph,
 * Zendesk) shares, so each file holds only its vendor's wire format: a loopback listener on a
 * free port, JSON replies, request bodies, and the "next n requests answer 429" switch the
 * connectors' back-off tests arm.
 */

/**
 * Starts `handler` on 127.0.0.1 at a free port. A handler that throws answers 500 through
 * `onError` (the vendor's error shape; plain JSON by default).
 */
export async function listenLoopback({
  handler,
  onError = (res, error) => sendJson({ res, status: 500, body: { error: error.message } }),
}: {
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => unknown;
  onError?: (res: http.ServerResponse, error: Error) => void;
}): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) onError(res, error instanceof Error ? error : new Error(String(error)));
        else res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function sendJson({
  res,
  status,
  body,
  headers = {},
}: {
  res: http.ServerResponse;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

export async function readBody(req: http.IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

/**
 * The vendor's rate limiter as a test sets it: `arm(count, seconds, { after })` makes `count`
 * requests, starting `after` requests from now, refused with Retry-After `seconds`; `take()` is
 * asked once per request and returns those seconds when this request is one of them.
 */
export function createThrottle(): {
  arm(count: number, seconds: number, options?: { after?: number }): void;
  take(): number | null;
} {
  let remaining = 0;
  let skip = 0;
  let wait = 1;
  return {
    arm(count, seconds, { after = 0 } = {}) {
      remaining = count;
      skip = after;
      wait = seconds;
    },
    take() {
      if (remaining <= 0) return null;
      if (skip > 0) {
        skip -= 1;
        return null;
      }
      remaining -= 1;
      return wait;
    },
  };
}
