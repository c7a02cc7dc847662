import { clientSearchResponse, searchChunks } from "@groundwork/retrieval";
import { route } from "~/lib/http/route";
import { searchRequestSchema } from "./search-request";

export const dynamic = "force-dynamic";

/** Permission-filtered passage search (policy lookup): results and facets (stage timings for admins only). */
export const POST = route({
  policy: "user",
  body: searchRequestSchema,
  maxBodyBytes: 8 * 1024,
  audit: { action: "search" },
  handler: async ({ db, principal, body, audit }) => {
    // Superseded versions are history for admins auditing; everyone else sees current text.
    const filters = body.filters && !principal.isAdmin ? { ...body.filters, includeSuperseded: false } : body.filters;
    // Noted first, so a search that fails still records what was asked.
    audit.note({ detail: { query: body.query, filters: filters ?? {} } });
    const response = await searchChunks({ db, principal, query: body.query, limit: body.limit, filters });
    await audit.record({ detail: { resultChunkIds: response.results.map((r) => r.chunkId) } });
    return Response.json(clientSearchResponse({ response, principal }), { headers: { "cache-control": "no-store" } });
  },
});
