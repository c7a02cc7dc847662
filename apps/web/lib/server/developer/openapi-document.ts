import "server-only";
import { z } from "zod";
import { chatEvent, chatRequestSchema } from "~/app/api/chat/contract";
import { azureChatRequest, azureChatResponse, azureErrorResponse } from "~/app/api/protocols/azure/chat/contract";
import { searchRequestSchema, searchResponse } from "~/app/api/search/contract";
import { revokeTokenResponse } from "~/app/api/tokens/[id]/contract";
import { createTokenRequest, createTokenResponse, listTokensResponse } from "~/app/api/tokens/contract";
import { bulkPushRequest, bulkPushResponse } from "~/app/api/v1/sources/[source]/bulk/contract";
import {
  pushResultResponse,
  pushStatusResponse,
  putDocumentRequest,
} from "~/app/api/v1/sources/[source]/documents/[externalId]/contract";
import { chatCompletionChunk, chatCompletionRequest, chatCompletionResponse } from "~/app/v1/chat/completions/contract";
import { modelsResponse } from "~/app/v1/models/contract";
import { SESSION_COOKIE } from "../auth/session";
import { errorResponse } from "../http/contracts";
import { openaiErrorResponse } from "./openai-errors";

/**
 * The OpenAPI 3.1 description of Groundwork's public routes (`GET /api/openapi.json`), built
 * from the same zod contracts route() validates requests with, so the document cannot drift
 * from what the server accepts. OpenAPI 3.1's schemas are JSON Schema 2020-12, which is what
 * `z.toJSONSchema` writes: requests are described as they are accepted (io "input": defaults
 * optional), responses as they are sent (io "output").
 */

type Json = Record<string, unknown>;

/** How a route authenticates: an API token with a scope (bearer only), or the web session. */
type Auth = { token: string } | "session";

type Operation = {
  method: "get" | "post" | "put" | "delete";
  path: string;
  tag: string;
  summary: string;
  description?: string;
  auth: Auth;
  /** A route taking `{source}` or `{externalId}` path params. */
  params?: { name: string; description: string }[];
  request?: { name: string; schema: z.ZodType };
  /** Status → the JSON body (or a stream's media type and the schema of one event). */
  responses: Record<string, { description: string; name?: string; schema?: z.ZodType; media?: string }>;
  /** The error body this API answers with. */
  errors: "groundwork" | "openai" | "azure";
};

const SOURCE = { name: "source", description: "The push source's name (its token scope is `ingest:write:<source>`)." };
const EXTERNAL_ID = {
  name: "externalId",
  description: "Your id for the document, unique in the source (percent-encode `/` and other reserved characters).",
};

const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/v1/models",
    tag: "OpenAI-compatible",
    summary: "Models: the assistant, and one per source and tag the caller can read",
    auth: { token: "chat" },
    responses: { "200": { description: "The model list", name: "ModelList", schema: modelsResponse } },
    errors: "openai",
  },
  {
    method: "post",
    path: "/v1/chat/completions",
    tag: "OpenAI-compatible",
    summary: "A grounded answer with citations, as the token's owner",
    description:
      "The last user message is the question, earlier ones the conversation. With `stream: true` the answer is `text/event-stream` of `chat.completion.chunk` frames and `data: [DONE]`. The text cites `[n]` as markdown links to the viewer; `citations` lists the passages; `groundwork.abstained` is true when no readable passage answers.",
    auth: { token: "chat" },
    request: { name: "ChatCompletionRequest", schema: chatCompletionRequest },
    responses: {
      "200": {
        description: "The completion (or, streamed, its chunks)",
        name: "ChatCompletion",
        schema: chatCompletionResponse,
      },
    },
    errors: "openai",
  },
  {
    method: "post",
    path: "/api/search",
    tag: "Web",
    summary: "Permission-filtered passage search",
    auth: "session",
    request: { name: "SearchRequest", schema: searchRequestSchema },
    responses: { "200": { description: "Ranked passages and facets", name: "SearchResponse", schema: searchResponse } },
    errors: "groundwork",
  },
  {
    method: "post",
    path: "/api/chat",
    tag: "Web",
    summary: "Ask a question; the answer streams as server-sent events",
    description:
      "Each frame's data is one answer event: `status`, `delta`, `citations` (the verified text, citations, flags), then `done` — or `error`.",
    auth: "session",
    request: { name: "ChatRequest", schema: chatRequestSchema },
    responses: {
      "200": { description: "The answer stream", name: "ChatEvent", schema: chatEvent, media: "text/event-stream" },
    },
    errors: "groundwork",
  },
  {
    method: "post",
    path: "/api/protocols/azure/chat",
    tag: "Azure search-openai-demo",
    summary: "The demo's `/chat`: messages, context.overrides, session_state in; message, data_points out",
    auth: { token: "chat" },
    request: { name: "AzureChatRequest", schema: azureChatRequest },
    responses: { "200": { description: "The answer", name: "AzureChatResponse", schema: azureChatResponse } },
    errors: "azure",
  },
  {
    method: "post",
    path: "/api/protocols/azure/chat/stream",
    tag: "Azure search-openai-demo",
    summary: "The demo's `/chat/stream`: the answer as NDJSON (context first, then deltas)",
    auth: { token: "chat" },
    request: { name: "AzureChatRequest", schema: azureChatRequest },
    responses: { "200": { description: "One JSON object per line", media: "application/x-ndjson" } },
    errors: "azure",
  },
  {
    method: "put",
    path: "/api/v1/sources/{source}/documents/{externalId}",
    tag: "Push",
    summary: "Store (or replace) one document for the worker to index",
    description:
      "Exactly one of `content` (with `contentType` text, markdown or html) or `file` (`base64` and `mime`). `acl` names users (usernames or emails) and groups; absent, the source's default access applies, and a source without one keeps the document for admins only. Idempotent: the same content and access again answers `unchanged` with the same version. 202 when queued.",
    auth: { token: "ingest:write:{source}" },
    params: [SOURCE, EXTERNAL_ID],
    request: { name: "PushDocument", schema: putDocumentRequest },
    responses: {
      "200": {
        description: "Unchanged: the same content and access as the last push",
        name: "PushResult",
        schema: pushResultResponse,
      },
      "202": { description: "Queued for the worker", name: "PushResult", schema: pushResultResponse },
    },
    errors: "groundwork",
  },
  {
    method: "delete",
    path: "/api/v1/sources/{source}/documents/{externalId}",
    tag: "Push",
    summary: "Remove a document from search at once",
    auth: { token: "ingest:write:{source}" },
    params: [SOURCE, EXTERNAL_ID],
    responses: { "200": { description: "Deleted", name: "PushResult", schema: pushResultResponse } },
    errors: "groundwork",
  },
  {
    method: "get",
    path: "/api/v1/sources/{source}/documents/{externalId}",
    tag: "Push",
    summary: "The last push's state: queued, indexed, failed (with the reason) or deleted",
    auth: { token: "ingest:write:{source}" },
    params: [SOURCE, EXTERNAL_ID],
    responses: { "200": { description: "The document's status", name: "PushStatus", schema: pushStatusResponse } },
    errors: "groundwork",
  },
  {
    method: "post",
    path: "/api/v1/sources/{source}/bulk",
    tag: "Push",
    summary: "Up to 100 puts and deletes; a result per item, in order",
    auth: { token: "ingest:write:{source}" },
    params: [SOURCE],
    request: { name: "BulkPushRequest", schema: bulkPushRequest },
    responses: { "200": { description: "One result per item", name: "BulkPushResponse", schema: bulkPushResponse } },
    errors: "groundwork",
  },
  {
    method: "get",
    path: "/api/tokens",
    tag: "Tokens",
    summary: "The caller's personal access tokens (prefixes only)",
    auth: "session",
    responses: { "200": { description: "Tokens", name: "TokenList", schema: listTokensResponse } },
    errors: "groundwork",
  },
  {
    method: "post",
    path: "/api/tokens",
    tag: "Tokens",
    summary: "Create a personal access token; its text is in this response only",
    auth: "session",
    request: { name: "CreateTokenRequest", schema: createTokenRequest },
    responses: { "201": { description: "The new token", name: "CreatedToken", schema: createTokenResponse } },
    errors: "groundwork",
  },
  {
    method: "delete",
    path: "/api/tokens/{id}",
    tag: "Tokens",
    summary: "Revoke one of the caller's tokens (effective at the next request)",
    auth: "session",
    params: [{ name: "id", description: "The token's id" }],
    responses: { "200": { description: "The revoked token", name: "RevokedToken", schema: revokeTokenResponse } },
    errors: "groundwork",
  },
];

const ERRORS = {
  groundwork: { name: "Error", schema: errorResponse },
  openai: { name: "OpenAIError", schema: openaiErrorResponse },
  azure: { name: "AzureError", schema: azureErrorResponse },
} as const;

/** Every `$ref` in a converted schema, rewritten from its own `$defs` to the document's components. */
function rewriteRefs(value: unknown, map: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, map));
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === "$ref" && typeof v === "string" && map.has(v) ? map.get(v) : rewriteRefs(v, map),
    ]),
  );
}

function createComponents() {
  const schemas: Record<string, Json> = {};
  const added = new Map<string, z.ZodType>();
  /** A named component for `schema` (one JSON Schema per name and direction), and a $ref to it. */
  const ref = (name: string, schema: z.ZodType, io: "input" | "output"): Json => {
    const key = name;
    if (added.get(key) === schema) return { $ref: `#/components/schemas/${key}` };
    if (added.has(key)) throw new Error(`two schemas are named ${key}`);
    added.set(key, schema);
    const converted = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
    const { $schema: _dialect, $defs, ...body } = converted;
    const map = new Map<string, string>();
    for (const id of Object.keys(($defs as Json | undefined) ?? {}))
      map.set(`#/$defs/${id}`, `#/components/schemas/${key}_${id}`);
    for (const [id, def] of Object.entries(($defs as Json | undefined) ?? {}))
      schemas[`${key}_${id}`] = rewriteRefs(def, map) as Json;
    schemas[key] = rewriteRefs(body, map) as Json;
    return { $ref: `#/components/schemas/${key}` };
  };
  return { schemas, ref };
}

function securityOf(auth: Auth): Json[] {
  return auth === "session" ? [{ session: [] }] : [{ apiToken: [auth.token] }];
}

function authNote(auth: Auth): string {
  if (auth === "session")
    return "Web session (the `gw_session` cookie); mutations also need the session's `x-csrf-token` header and a same-origin `Origin`.";
  return `API token only (\`Authorization: Bearer gw_…\`) with scope \`${auth.token}\`; a session cookie is refused.`;
}

/** The document, for `GET /api/openapi.json`. */
export function buildOpenApiDocument({ serverUrl }: { serverUrl?: string } = {}): Json {
  const { schemas, ref } = createComponents();
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of OPERATIONS) {
    const error = ERRORS[op.errors];
    const errorRef = ref(error.name, error.schema, "output");
    const responses: Record<string, Json> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      const media = r.media ?? "application/json";
      responses[status] = {
        description: r.description,
        content: { [media]: r.schema && r.name ? { schema: ref(r.name, r.schema, "output") } : {} },
      };
    }
    for (const [status, description] of Object.entries({
      "400": "Invalid request (the message names the field)",
      "401": "No valid credentials",
      "403": "Not allowed (a token without the scope)",
      "404": "Not found",
      "413": "Body too large",
      "415": "Unsupported content or file type",
      "429": "Rate limited (Retry-After)",
      "503": "Database or model unavailable",
    }))
      responses[status] = { description, content: { "application/json": { schema: errorRef } } };
    const parameters: Json[] = (op.params ?? []).map((p) => ({
      name: p.name,
      in: "path",
      required: true,
      description: p.description,
      schema: { type: "string" },
    }));
    if (op.auth === "session" && op.method !== "get")
      parameters.push({
        name: "x-csrf-token",
        in: "header",
        required: true,
        description: "The session's CSRF token (GET /api/session).",
        schema: { type: "string" },
      });
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: `${op.method}${op.path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
      tags: [op.tag],
      summary: op.summary,
      description: [op.description, authNote(op.auth)].filter(Boolean).join("\n\n"),
      security: securityOf(op.auth),
      ...(parameters.length ? { parameters } : {}),
      ...(op.request
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: ref(op.request.name, op.request.schema, "input") } },
            },
          }
        : {}),
      responses,
    };
  }
  // The streamed chunk has no route of its own: described for clients that decode the stream.
  ref("ChatCompletionChunk", chatCompletionChunk, "output");
  return {
    openapi: "3.1.0",
    info: {
      title: "Groundwork API",
      version: "1",
      description:
        "Every route answers as the caller — the token's owner or the signed-in user — with the same row-level permissions as the web app. The MCP server (Streamable HTTP at /mcp, tools search, fetch_document, answer) speaks JSON-RPC and is not described here.",
    },
    servers: [{ url: serverUrl ?? "/" }],
    tags: [
      { name: "OpenAI-compatible" },
      { name: "Azure search-openai-demo" },
      { name: "Push" },
      { name: "Tokens" },
      { name: "Web" },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        apiToken: {
          type: "http",
          scheme: "bearer",
          description:
            "A Groundwork API token (`gw_pat_…` personal, `gw_sa_…` service account); the security requirement lists the scope each route needs.",
        },
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "The web app's session cookie." },
      },
    },
  };
}

/** The public operations, for the test that checks each is described and authenticates as documented. */
export const OPENAPI_OPERATIONS: readonly Pick<Operation, "method" | "path" | "auth">[] = OPERATIONS;
