import { log } from "@groundwork/core/logger";
import type { AnswerEvent, ClientAnswerEvent } from "./events";

/**
 * Server-sent events framing for answers: one `event:` line naming the type, one `data:` line
 * of JSON (JSON never contains a raw newline, so a frame cannot be split or forged by content),
 * and a blank line.
 */
export function encodeSseEvent(event: ClientAnswerEvent): string {
  const { type, ...data } = event;
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment frame: keeps proxies from closing an idle stream while the model thinks. */
export const SSE_HEARTBEAT = ": keep-alive\n\n";

/**
 * Turns the event generator into a streaming body. If the client disconnects, `cancel` aborts
 * the pipeline (the model request stops too). A heartbeat goes out while nothing else does.
 */
/**
 * Stage timings reach admins only (`exposeTimings`): how long retrieval took depends on what it
 * read, so for everyone else the `done` event carries none (they go to the audit row and logs).
 */
export function clientAnswerEvent({
  event,
  exposeTimings,
}: {
  event: AnswerEvent;
  exposeTimings: boolean;
}): ClientAnswerEvent {
  if (event.type !== "done" || exposeTimings) return event;
  const { timings: _t, ...rest } = event;
  return rest;
}

export function answerEventStream({
  events,
  abort,
  heartbeatMs = 15_000,
  exposeTimings = false,
}: {
  events: AsyncGenerator<AnswerEvent>;
  abort?: AbortController;
  heartbeatMs?: number;
  exposeTimings?: boolean;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let timer: NodeJS.Timeout | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(SSE_HEARTBEAT));
        } catch {
          clearInterval(timer);
        }
      }, heartbeatMs);
    },
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) {
          clearInterval(timer);
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(encodeSseEvent(clientAnswerEvent({ event: next.value, exposeTimings }))));
      } catch (error) {
        clearInterval(timer);
        controller.enqueue(
          encoder.encode(encodeSseEvent({ type: "error", code: "internal", message: "The answer stream failed." })),
        );
        controller.close();
        log.error("answer stream failed", { error: String((error as Error)?.stack ?? error) });
      }
    },
    async cancel() {
      clearInterval(timer);
      abort?.abort(new Error("client disconnected"));
      await events.return(undefined);
    },
  });
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // Tells nginx-style proxies not to buffer the stream.
  "x-accel-buffering": "no",
} as const;
