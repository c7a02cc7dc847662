import "server-only";
import { z } from "zod";
import { STATUS_BY_CODE, type ErrorCode } from "@groundwork/core/errors";
import type { ErrorResponder } from "../http/route";

/** OpenAI's error body: what its SDKs and LangChain parse into an APIError. */
export const openaiErrorResponse = z.strictObject({
  error: z.strictObject({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: z.string().nullable(),
  }),
});
export type OpenAIErrorBody = z.infer<typeof openaiErrorResponse>;

const TYPE_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "invalid_request_error",
  403: "permission_error",
  404: "invalid_request_error",
  409: "invalid_request_error",
  413: "invalid_request_error",
  415: "invalid_request_error",
  429: "requests",
};

/** Groundwork's stable codes in OpenAI's words where OpenAI has one (clients branch on these). */
const OPENAI_CODE: Partial<Record<string, string>> = {
  unauthorized: "invalid_api_key",
  rate_limited: "rate_limit_exceeded",
};

export function openaiErrorBody({
  code,
  message,
  param = null,
}: {
  code: string;
  message: string;
  param?: string | null;
}): OpenAIErrorBody {
  const status = STATUS_BY_CODE[code as ErrorCode] ?? 500;
  const notFoundModel = code === "not_found" && param === "model";
  return {
    error: {
      message,
      type: TYPE_BY_STATUS[status] ?? "server_error",
      param,
      code: notFoundModel ? "model_not_found" : (OPENAI_CODE[code] ?? code),
    },
  };
}

/** An OpenAI-shaped error response with the status Groundwork's code maps to. */
export function openaiErrorResponseFor({
  code,
  message,
  param,
  headers,
}: {
  code: string;
  message: string;
  param?: string | null;
  headers?: HeadersInit;
}): Response {
  const status = STATUS_BY_CODE[code as ErrorCode] ?? 500;
  return Response.json(openaiErrorBody({ code, message, param }), {
    status,
    headers: { "cache-control": "no-store", ...Object.fromEntries(new Headers(headers)) },
  });
}

/**
 * route()'s failures (authentication, validation, rate limit, database down…) in OpenAI's
 * `{error:{message,type,param,code}}` with the same status, request id and Retry-After, so an
 * OpenAI client reports them as it would OpenAI's own (route({ errorResponse })).
 */
export const openaiErrorResponder: ErrorResponder = ({ error, requestId }) => {
  const headers: Record<string, string> = { "x-request-id": requestId };
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
  else if (error.status === 503) headers["retry-after"] = "5";
  if (error.status === 413) headers.connection = "close";
  const param = typeof error.details?.param === "string" ? error.details.param : null;
  return openaiErrorResponseFor({ code: error.code, message: error.message, param, headers });
};
