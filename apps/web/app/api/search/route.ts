import { searchFiltersFor } from "@groundwork/access/visibility";
import { clientSearchResponse, searchChunks } from "@groundwork/retrieval";
import { route } from "~/lib/server/http/route";
import { searchRequestSchema, searchResponse } from "./contract";

export const dynamic = "force-dynamic";

/** Permission-filtered passage search (policy lookup): results and facets (stage timings for admins only). */
export const POST = route({
  policy: "user",
  body: searchRequestSchema,
  response: searchResponse,
  maxBodyBytes: 8 * 1024,
  audit: { action: "search" },
  handler: async ({ db, principal, body, audit }) => {
    // Superseded versions are admin-only (history for auditing); everyone else searches current text.
    const filters = searchFiltersFor({ filters: body.filters, principal });
    // Noted first, so a search that fails still records what was asked.
    audit.note({ detail: { query: body.query, filters: filters ?? {} } });
    const response = await searchChunks({ db, principal, query: body.query, limit: body.limit, filters });
    await audit.record({ detail: { resultChunkIds: response.results.map((r) => r.chunkId) } });
    return Response.json(clientSearchResponse({ response, principal }), { headers: { "cache-control": "no-store" } });
  },
});
