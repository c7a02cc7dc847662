import { buildOpenApiDocument } from "~/lib/server/developer/openapi-document";
import { route } from "~/lib/server/http/route";
import { openApiDocumentResponse } from "./contract";

export const dynamic = "force-dynamic";

// Built once per process: it is a pure function of the contracts compiled into this build.
let cached: Record<string, unknown> | null = null;

/** The OpenAPI 3.1 description of the public routes, generated from their zod contracts. Public: it describes, it grants nothing. */
export const GET = route({
  policy: "public",
  response: openApiDocumentResponse,
  rateLimit: false,
  handler: async () => {
    cached ??= buildOpenApiDocument();
    return Response.json(cached, { headers: { "cache-control": "public, max-age=300" } });
  },
});
