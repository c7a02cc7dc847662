import "server-only";
import type { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";

/** A media type's essence ("application/json" of "Application/JSON; charset=utf-8"). */
export function mediaTypeOf(contentType: string | null): string | null {
  const essence = contentType?.split(";")[0]?.trim().toLowerCase();
  return essence ? essence : null;
}

/**
 * Refuses a body whose declared type the route does not take. Without this, a JSON route
 * parses `text/plain` too — the one body type a cross-site form can send without a preflight.
 * A request without a body needs no type (POSTs like sign-out carry none).
 */
export function checkContentType({
  req,
  accept,
  hasBody,
}: {
  req: Request;
  accept: readonly string[];
  hasBody: boolean;
}): void {
  const type = mediaTypeOf(req.headers.get("content-type"));
  if (!type && !hasBody) return;
  if (type && accept.includes(type)) return;
  throw new GroundworkError(
    "unsupported",
    `Unsupported content type ${type ? `"${type.slice(0, 100)}"` : "(none)"}; this endpoint accepts ${accept.join(" or ")}.`,
  );
}

export function tooLarge({ maxBytes, message }: { maxBytes: number; message?: string | undefined }): GroundworkError {
  return new GroundworkError("payload_too_large", message ?? `Request body is larger than ${maxBytes} bytes.`);
}

/** A request and its route's body limit; `message` replaces the default 413 wording. */
type BodyLimit = { req: Request; maxBytes: number; message?: string | undefined };

/**
 * The declared Content-Length, checked before anything else is done for the request
 * (no session lookup, no read): a body that says it is over the limit is refused unread.
 */
export function checkDeclaredLength({ req, maxBytes, message }: BodyLimit): void {
  const declared = req.headers.get("content-length");
  if (declared === null) return;
  const n = Number(declared);
  if (!/^\d+$/.test(declared.trim()) || !Number.isSafeInteger(n))
    throw new GroundworkError("bad_request", "Invalid Content-Length header.");
  if (n > maxBytes) throw tooLarge({ maxBytes, message });
}

/**
 * Reads the body as a stream and stops at `maxBytes`: a chunked body (no Content-Length) or
 * one that lies about its length is cut off at the limit, never buffered past it, and the
 * rest of the stream is cancelled so the server stops reading from the socket.
 */
export async function readBodyLimited({ req, maxBytes, message }: BodyLimit): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel("body over the limit").catch(() => undefined);
        throw tooLarge({ maxBytes, message });
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof GroundworkError) throw error;
    // The client went away or sent a broken chunked encoding.
    throw new GroundworkError("bad_request", "The request body could not be read.", { cause: error });
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The request as the handler sees it once the wrapper has read the body: same URL, method,
 * headers and abort signal, its body the bytes already read. Built with the original's own
 * class, so a NextRequest stays a NextRequest (Auth.js reads `nextUrl`).
 */
export function withBufferedBody({ req, bytes }: { req: Request; bytes: Uint8Array }): Request {
  const Ctor = req.constructor as typeof Request;
  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers: req.headers,
    signal: req.signal,
    body: bytes.byteLength ? (bytes as Uint8Array<ArrayBuffer>) : null,
  };
  return new Ctor(req.url, init);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A JSON body as a request value: an empty body is `{}` (a POST without fields); bytes that are
 * not UTF-8 or text that is not JSON are the same 400.
 */
export function parseJsonText({ body }: { body: string | Uint8Array }): unknown {
  try {
    const text = typeof body === "string" ? body : utf8.decode(body);
    return text.trim() ? JSON.parse(text) : {};
  } catch {
    throw new GroundworkError("bad_request", "Request body must be JSON.");
  }
}

/** A request value checked against its contract; the 400 names the first bad field, in the same words on every route. */
export function checkRequest<S extends z.ZodType>({ schema, value }: { schema: S; value: unknown }): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new GroundworkError(
      "bad_request",
      `Invalid request: ${first ? `${first.path.join(".") || "body"} ${first.message}` : "bad body"}.`,
    );
  }
  return result.data;
}
