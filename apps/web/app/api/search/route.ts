import { recordAuditEvent } from "@groundwork/audit";
import { searchChunks } from "@groundwork/retrieval";
import { route } from "~/lib/http/route";
import { searchRequestSchema } from "./search-request";

export const dynamic = "force-dynamic";

/** Permission-filtered passage search (policy lookup): results, facets, timings. */
export const POST = route({
  policy: "user",
  body: searchRequestSchema,
  maxBodyBytes: 8 * 1024,
  handler: async ({ db, principal, body, requestId }) => {
    const started = performance.now();
    // Superseded versions are history for admins auditing; everyone else sees current text.
    const filters = body.filters && !principal.isAdmin ? { ...body.filters, includeSuperseded: false } : body.filters;
    const response = await searchChunks({ db, principal, query: body.query, limit: body.limit, filters });
    await recordAuditEvent({
      db,
      actor: { userId: principal.userId, username: principal.username },
      action: "search",
      requestId,
      latencyMs: performance.now() - started,
      detail: { query: body.query, filters: filters ?? {}, resultChunkIds: response.results.map((r) => r.chunkId) },
    });
    return Response.json(response, { headers: { "cache-control": "no-store" } });
  },
});
