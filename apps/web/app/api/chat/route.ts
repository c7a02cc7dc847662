import { searchFiltersFor } from "@groundwork/access/visibility";
import { answerQuestion } from "@groundwork/assistant";
import { answerEventStream, SSE_HEADERS } from "@groundwork/assistant/sse";
import { route } from "~/lib/server/http/route";
import { chatRequestSchema } from "./contract";

export const dynamic = "force-dynamic";

/**
 * Asks a question; the answer streams back as server-sent events: `status`, `delta`,
 * `citations` (the verified final text, citations, flags), then `done` — or `error`.
 * A client that disconnects aborts the pipeline, including the model request.
 */
export const POST = route({
  policy: "user",
  body: chatRequestSchema,
  maxBodyBytes: 16 * 1024,
  audit: { action: "chat" },
  handler: async ({ req, db, principal, body, requestId, audit }) => {
    // The pipeline writes the row once the stream ends, with its outcome, chunks and models.
    audit.delegate();
    const abort = new AbortController();
    req.signal.addEventListener("abort", () => abort.abort(req.signal.reason), { once: true });
    // Superseded versions are admin-only, as in search.
    const filters = searchFiltersFor({ filters: body.filters, principal });
    const events = answerQuestion({
      db,
      principal,
      question: body.question,
      conversationId: body.conversationId ?? null,
      filters,
      signal: abort.signal,
      requestId,
    });
    return new Response(answerEventStream({ events, abort, exposeTimings: principal.isAdmin }), {
      headers: SSE_HEADERS,
    });
  },
});
