import "server-only";
import { z } from "zod";
import { searchFiltersFor } from "@groundwork/access/visibility";
import { answerQuestion, readAssistantEnv } from "@groundwork/assistant";
import {
  azureChatChunks,
  collectAzureChat,
  createPreparedHolder,
  readChatMessages,
} from "@groundwork/assistant/protocols";
import type { SearchFilters } from "@groundwork/retrieval";
import { GroundworkError, isGroundworkError, STATUS_BY_CODE, type ErrorCode } from "@groundwork/core/errors";
import {
  azureChatRequest,
  azureChatResponse,
  azureErrorResponse,
} from "../../../app/api/protocols/azure/chat/contract";
import { route, type ErrorResponder, type RouteHandler } from "../http/route";
import { createRequestChatModel } from "./create-request-chat-model";
import { publicBaseUrl } from "./public-base-url";
import { streamBody } from "./stream-body";

function azureError({ code, message, headers }: { code: string; message: string; headers?: HeadersInit }): Response {
  return Response.json(
    { error: message },
    {
      status: STATUS_BY_CODE[code as ErrorCode] ?? 500,
      headers: { "cache-control": "no-store", ...Object.fromEntries(new Headers(headers)) },
    },
  );
}

/** The wrapper's failures as the demo's `{"error": "…"}`, same status, request id and Retry-After. */
const azureErrorResponder: ErrorResponder = ({ error, requestId }) => {
  const headers: Record<string, string> = { "x-request-id": requestId };
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
  return azureError({ code: error.code, message: error.message, headers });
};

/**
 * `POST /chat` (`stream: false`) and `POST /chat/stream` (NDJSON) of the Azure
 * search-openai-demo protocol, over the same pipeline as the web chat, as the token's owner.
 * proxy.ts routes the public paths here (GET /chat stays the chat page).
 */
export function azureChatRoute({ stream }: { stream: boolean }): RouteHandler {
  return route({
    policy: "user",
    token: { scope: "chat", only: true },
    errorResponse: azureErrorResponder,
    response: z.union([azureChatResponse, azureErrorResponse]),
    body: azureChatRequest,
    maxBodyBytes: 256 * 1024,
    rateLimit: "chat",
    audit: { action: "chat" },
    handler: async ({ req, db, principal, token, body, requestId, audit }) => {
      const { question, history } = readChatMessages({ messages: body.messages });
      const overrides = body.context?.overrides ?? {};
      if (overrides.exclude_category)
        throw new GroundworkError(
          "bad_request",
          "Invalid request: exclude_category is not supported (filters only narrow what you can read; use include_category).",
        );
      const env = readAssistantEnv();
      // The demo's categories are Groundwork's tags (stored lower-cased).
      const category: SearchFilters | undefined = overrides.include_category
        ? { tags: [overrides.include_category.toLowerCase()] }
        : undefined;
      audit.delegate();
      const abort = new AbortController();
      req.signal.addEventListener("abort", () => abort.abort(req.signal.reason), { once: true });
      const prepared = createPreparedHolder();
      const events = answerQuestion({
        db,
        principal,
        question,
        history,
        filters: searchFiltersFor({ filters: category, principal }),
        env: overrides.top ? { ...env, GROUNDWORK_ANSWER_SOURCES: overrides.top } : env,
        chatModel: createRequestChatModel({ temperature: overrides.temperature }),
        signal: abort.signal,
        requestId,
        auditDetail: { tokenId: token!.id },
        onPrepared: (p) => prepared.set(p),
      });
      const input = {
        events,
        prepared,
        question,
        baseUrl: publicBaseUrl({ req }),
        sessionState: body.session_state ?? null,
      };
      if (stream)
        return new Response(
          streamBody({
            chunks: azureChatChunks(input),
            abort,
            encode: (chunk) => `${JSON.stringify(chunk)}\n`,
            encodeError: ({ message }) => `${JSON.stringify({ error: message })}\n`,
          }),
          {
            headers: {
              "content-type": "application/json-lines",
              "cache-control": "no-cache, no-transform",
              "x-accel-buffering": "no",
            },
          },
        );
      try {
        const answer = await collectAzureChat(input);
        if (!answer) throw new GroundworkError("internal", "The answer stopped before it was complete.");
        return Response.json(answer, { headers: { "cache-control": "no-store" } });
      } catch (error) {
        // The pipeline has audited the failure already; answered here so the wrapper writes no second row.
        if (isGroundworkError(error)) return azureError({ code: error.code, message: error.message });
        throw error;
      }
    },
  });
}
