import { z } from "zod";
import { searchFiltersFor } from "@groundwork/access/visibility";
import { answerQuestion } from "@groundwork/assistant";
import { collectOpenAICompletion, openaiChunks, readChatMessages } from "@groundwork/assistant/protocols";
import { SSE_HEADERS } from "@groundwork/assistant/sse";
import { GroundworkError, isGroundworkError } from "@groundwork/core/errors";
import { createRequestChatModel } from "~/lib/server/developer/create-request-chat-model";
import {
  openaiErrorBody,
  openaiErrorResponse,
  openaiErrorResponder,
  openaiErrorResponseFor,
} from "~/lib/server/developer/openai-errors";
import { publicBaseUrl } from "~/lib/server/developer/public-base-url";
import { resolveApiModel } from "~/lib/server/developer/resolve-api-model";
import { streamBody } from "~/lib/server/developer/stream-body";
import { route } from "~/lib/server/http/route";
import { chatCompletionRequest, chatCompletionResponse } from "./contract";

export const dynamic = "force-dynamic";

/**
 * OpenAI-compatible chat completions over the grounded-answer pipeline, as the caller: the
 * last user message is the question, earlier user messages the conversation (condensed like
 * the web chat), `model` the scope retrieval is narrowed to. Streamed (`stream: true`) as
 * `chat.completion.chunk` SSE frames and `data: [DONE]`, or one `chat.completion`.
 */
export const POST = route({
  policy: "user",
  // Bearer tokens only: an OpenAI client has no session, and a cookie must never authorise a cross-site POST here.
  token: { scope: "chat", only: true },
  errorResponse: openaiErrorResponder,
  response: z.union([chatCompletionResponse, openaiErrorResponse]),
  body: chatCompletionRequest,
  maxBodyBytes: 256 * 1024,
  rateLimit: "chat",
  audit: { action: "chat" },
  handler: async ({ req, db, principal, token, body, requestId, audit }) => {
    const { question, history } = readChatMessages({ messages: body.messages });
    let filters;
    try {
      filters = (await resolveApiModel({ db, principal, model: body.model })).filters;
    } catch (error) {
      if (isGroundworkError(error) && error.code === "not_found")
        return openaiErrorResponseFor({ code: error.code, message: error.message, param: "model" });
      throw error;
    }
    // The pipeline writes the row once the answer ends, with its outcome, chunks and models.
    audit.delegate();
    const abort = new AbortController();
    req.signal.addEventListener("abort", () => abort.abort(req.signal.reason), { once: true });
    const events = answerQuestion({
      db,
      principal,
      question,
      history,
      // Superseded versions are admin-only, as in search and the web chat.
      filters: searchFiltersFor({ filters, principal }),
      chatModel: createRequestChatModel({
        temperature: body.temperature,
        maxTokens: body.max_completion_tokens ?? body.max_tokens,
      }),
      signal: abort.signal,
      requestId,
      // The pipeline writes this request's audit row: it names the token like the wrapper's rows.
      auditDetail: { tokenId: token!.id },
    });
    const meta = {
      id: `chatcmpl-${requestId}`,
      model: body.model,
      created: Math.floor(Date.now() / 1000),
      baseUrl: publicBaseUrl({ req }),
    };
    if (body.stream) {
      const chunks = openaiChunks({ ...meta, events });
      return new Response(
        streamBody({
          chunks,
          abort,
          encode: (chunk) => `data: ${JSON.stringify(chunk)}\n\n`,
          encodeError: ({ code, message }) => `data: ${JSON.stringify(openaiErrorBody({ code, message }))}\n\n`,
          end: "data: [DONE]\n\n",
          heartbeat: ": keep-alive\n\n",
        }),
        { headers: SSE_HEADERS },
      );
    }
    try {
      const completion = await collectOpenAICompletion({ ...meta, events, promptText: question });
      if (!completion) throw new GroundworkError("internal", "The answer stopped before it was complete.");
      return Response.json(completion, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      // The pipeline has audited the failure already; answered here so the wrapper writes no second row.
      if (isGroundworkError(error)) return openaiErrorResponseFor({ code: error.code, message: error.message });
      throw error;
    }
  },
});
