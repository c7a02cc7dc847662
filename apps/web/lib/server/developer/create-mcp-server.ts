import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { Principal } from "@groundwork/access/principal";
import { searchFiltersFor } from "@groundwork/access/visibility";
import { answerQuestion } from "@groundwork/assistant";
import { absoluteUrl, collectOpenAICompletion } from "@groundwork/assistant/protocols";
import type { TokenContext, TokenScope } from "@groundwork/auth";
import { GroundworkError, isGroundworkError } from "@groundwork/core/errors";
import { viewerHref } from "@groundwork/core/viewer-href";
import type { Database } from "@groundwork/db/client";
import { listChunkSpans, readDocument, searchChunks, type SearchFilters } from "@groundwork/retrieval";
import type { RouteAudit } from "../http/route";
import { sharedRateLimiter } from "../http/rate-limit";

/** How much document text one fetch_document call returns; the rest is fetched by page or chunk range. */
export const MAX_FETCH_CHARS = 60_000;

const filtersShape = z
  .strictObject({
    sources: z.array(z.string().min(1).max(100)).max(50).optional().describe("Source names to search in"),
    tags: z.array(z.string().min(1).max(100)).max(50).optional(),
    types: z
      .array(z.string().min(1).max(120))
      .max(20)
      .optional()
      .describe("pdf, docx, html, md, csv, txt or MIME types"),
    updatedAfter: z.iso.datetime({ offset: true }).optional(),
  })
  .optional();

type Filters = z.infer<typeof filtersShape>;

function toSearchFilters({ filters, principal }: { filters: Filters; principal: Principal }) {
  const narrowed: SearchFilters | undefined = filters
    ? {
        ...(filters.sources ? { sourceNames: filters.sources } : {}),
        ...(filters.tags ? { tags: filters.tags } : {}),
        ...(filters.types ? { types: filters.types } : {}),
        ...(filters.updatedAfter ? { updatedAfter: new Date(filters.updatedAfter) } : {}),
      }
    : undefined;
  return searchFiltersFor({ filters: narrowed, principal });
}

function result(data: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(data, null, 2) }], structuredContent: data };
}

function failure(message: string): CallToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}

/** The tools a token may call: each needs its own scope (search, documents:read, chat). */
const TOOL_SCOPES = { search: "search", fetch_document: "documents:read", answer: "chat" } as const;

/** The scopes any tool needs: a token with none of them has nothing to call at /mcp. */
export const MCP_TOOL_SCOPES = [...new Set(Object.values(TOOL_SCOPES))] as readonly TokenScope[];

/**
 * The MCP server of one request, bound to the caller: every tool runs under the token owner's
 * principal through the same retrieval functions as the web (reader scope, RLS, ACL predicate
 * in SQL), and lists only the tools the token's scopes allow. Results carry viewer links.
 */
export function createMcpServer({
  db,
  principal,
  token,
  baseUrl,
  requestId,
  audit,
  signal,
}: {
  db: Database;
  principal: Principal;
  token: TokenContext;
  baseUrl: string;
  requestId: string;
  audit: RouteAudit;
  signal: AbortSignal;
}): McpServer {
  const server = new McpServer({ name: "groundwork", version: "1.0.0" });
  const allowed = (tool: keyof typeof TOOL_SCOPES) => (token.scopes as readonly string[]).includes(TOOL_SCOPES[tool]);

  if (allowed("search"))
    server.registerTool(
      "search",
      {
        title: "Search documents",
        description:
          "Permission-filtered passage search over the documents you can read. Returns passages with viewer links.",
        inputSchema: {
          query: z.string().trim().min(1).max(1_000),
          limit: z.number().int().min(1).max(50).optional(),
          filters: filtersShape,
        },
        annotations: { readOnlyHint: true },
      },
      async ({ query, limit, filters }) => {
        audit.note({ detail: { tool: "search", query } });
        const response = await searchChunks({
          db,
          principal,
          query,
          limit: limit ?? 10,
          filters: toSearchFilters({ filters, principal }),
        });
        audit.note({ detail: { resultChunkIds: response.results.map((r) => r.chunkId) } });
        return result({
          results: response.results.map((r) => ({
            title: r.title,
            url: absoluteUrl({
              href: viewerHref({
                documentId: r.documentId,
                chunkId: r.chunkId,
                charStart: r.charStart,
                charEnd: r.charEnd,
              }),
              baseUrl,
            }),
            documentId: r.documentId,
            chunkId: r.chunkId,
            sourceName: r.sourceName,
            path: r.path,
            page: r.pageFrom,
            headings: r.headings,
            snippet: r.snippet,
            score: r.score,
          })),
          corrections: response.corrections,
        });
      },
    );

  if (allowed("fetch_document"))
    server.registerTool(
      "fetch_document",
      {
        title: "Fetch a document",
        description:
          "The text of one document you can read, whole or narrowed to a chunk or a page range (ids come from search).",
        inputSchema: {
          id: z.uuid(),
          chunk: z.uuid().optional().describe("A chunk id from search: return that passage only"),
          pageFrom: z.number().int().min(1).optional(),
          pageTo: z.number().int().min(1).optional(),
        },
        annotations: { readOnlyHint: true },
      },
      async ({ id, chunk, pageFrom, pageTo }) => {
        audit.note({ target: id, detail: { tool: "fetch_document" } });
        const doc = await readDocument({ db, principal, documentId: id });
        // Missing, deleted and unreadable read the same (readDocument's rule).
        if (!doc || doc.status === "deleted") return failure("Document not found.");
        let start = 0;
        let end = doc.normalizedText.length;
        const pages = doc.pageCount ?? 0;
        const ranged = !chunk && (pageFrom != null || pageTo != null);
        // A document without pages (Markdown, HTML, DOCX) reads as one page: page 1 is all of it.
        // A range past the last page says so rather than "no passage".
        if (ranged && (pageFrom ?? 1) > Math.max(pages, 1))
          return failure(
            pages > 0
              ? `This document has ${pages} page${pages === 1 ? "" : "s"}; page ${pageFrom} is past the end.`
              : "This document has no pages: it reads as one page (page 1), or omit pageFrom/pageTo.",
          );
        if (chunk || (ranged && pages > 0)) {
          const spans = (await listChunkSpans({ db, principal, documentId: id })).filter((s) =>
            chunk
              ? s.id === chunk
              : (pageTo == null || (s.pageFrom ?? 0) <= pageTo) && (pageFrom == null || (s.pageTo ?? 0) >= pageFrom),
          );
          if (spans.length === 0) return failure("No passage of this document matches that chunk or page range.");
          start = Math.min(...spans.map((s) => s.charStart));
          end = Math.max(...spans.map((s) => s.charEnd));
        }
        const text = doc.normalizedText.slice(start, Math.min(end, start + MAX_FETCH_CHARS));
        return result({
          id: doc.id,
          title: doc.title,
          url: absoluteUrl({
            href: viewerHref({ documentId: doc.id, charStart: start, charEnd: start + text.length }),
            baseUrl,
          }),
          sourceName: doc.sourceName,
          path: doc.path,
          version: doc.version,
          updatedAt: doc.updatedAt,
          pageCount: doc.pageCount,
          charStart: start,
          charEnd: start + text.length,
          truncated: start + text.length < end,
          text,
        });
      },
    );

  if (allowed("answer"))
    server.registerTool(
      "answer",
      {
        title: "Answer a question",
        description:
          "A grounded answer from the documents you can read, with citations (viewer links); declines when they do not answer it.",
        inputSchema: { question: z.string().trim().min(1).max(4_000), filters: filtersShape },
        annotations: { readOnlyHint: true },
      },
      async ({ question, filters }) => {
        audit.note({ detail: { tool: "answer" } });
        // An answer costs a chat turn: counted in the chat bucket, under the same key the route
        // uses. A token with its own per-minute limit has one budget across every route, which
        // the route already took from for this request; the chat bucket's default size must not
        // cap (or double-count) it.
        if (!token.rateLimitPerMinute) {
          const decision = await sharedRateLimiter().take({ bucket: "chat", key: `token:${token.id}` });
          if (!decision.allowed)
            return failure(`Too many chat requests. Try again in ${decision.retryAfterSeconds} s.`);
        }
        const events = answerQuestion({
          db,
          principal,
          question,
          filters: toSearchFilters({ filters, principal }),
          signal,
          requestId,
          auditDetail: { tokenId: token.id, tool: "answer" },
        });
        try {
          const done = await collectOpenAICompletion({
            id: requestId,
            model: "groundwork",
            created: 0,
            baseUrl,
            events,
            promptText: question,
          });
          if (!done) throw new GroundworkError("internal", "The answer stopped before it was complete.");
          return result({
            answer: done.choices[0].message.content,
            citations: done.citations,
            abstained: done.groundwork.abstained,
            groundwork: done.groundwork,
          });
        } catch (error) {
          if (isGroundworkError(error)) return failure(error.message);
          throw error;
        }
      },
    );

  return server;
}
