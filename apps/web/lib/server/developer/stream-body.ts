import "server-only";
import { isGroundworkError } from "@groundwork/core/errors";
import { log } from "@groundwork/core/logger";

/**
 * A protocol's chunks as a streaming body (OpenAI's SSE, the Azure demo's NDJSON): each chunk
 * encoded as it is produced, a heartbeat while none is (proxies close idle streams while a
 * model thinks), the protocol's end marker, and on failure the protocol's error frame — with a
 * GroundworkError's own safe message, never internals. A client that disconnects aborts the
 * pipeline (the model request too).
 */
export function streamBody<C>({
  chunks,
  abort,
  encode,
  encodeError,
  end = "",
  heartbeat,
  heartbeatMs = 15_000,
}: {
  chunks: AsyncGenerator<C>;
  abort: AbortController;
  encode: (chunk: C) => string;
  encodeError: (error: { code: string; message: string }) => string;
  end?: string;
  /** A frame the protocol's readers ignore (an SSE comment); none for NDJSON, whose readers parse every line. */
  heartbeat?: string;
  heartbeatMs?: number;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let timer: NodeJS.Timeout | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (!heartbeat) return;
      timer = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(heartbeat));
        } catch {
          clearInterval(timer);
        }
      }, heartbeatMs);
    },
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) {
          clearInterval(timer);
          if (end) controller.enqueue(encoder.encode(end));
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(encode(next.value)));
      } catch (error) {
        clearInterval(timer);
        const known = isGroundworkError(error);
        if (!known) log.error("protocol stream failed", { error: String((error as Error)?.stack ?? error) });
        controller.enqueue(
          encoder.encode(
            encodeError(
              known
                ? { code: error.code, message: error.message }
                : { code: "internal", message: "The answer stream failed." },
            ),
          ),
        );
        controller.close();
      }
    },
    async cancel() {
      clearInterval(timer);
      abort.abort(new Error("client disconnected"));
      await chunks.return(undefined);
    },
  });
}
