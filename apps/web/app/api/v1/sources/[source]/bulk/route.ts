import { pushDocumentsInBulk } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { pushToken } from "~/lib/server/developer/push-token";
import { bulkPushRequest, bulkPushResponse } from "./contract";

export const dynamic = "force-dynamic";

const MAX_BULK_BYTES = 32 * 1024 * 1024;

/** Many puts and deletes in one request; one run indexes them all. */
export const POST = route({
  policy: "user",
  token: pushToken,
  body: bulkPushRequest,
  response: bulkPushResponse,
  maxBodyBytes: MAX_BULK_BYTES,
  audit: { action: "push.bulk", target: ({ params }) => String(params.source) },
  handler: async ({ db, params, body, principal, audit }) => {
    const results = await pushDocumentsInBulk({
      db,
      source: String(params.source),
      items: body.items,
      pushedBy: principal.userId,
    });
    audit.note({ detail: { items: results.length, failed: results.filter((r) => !r.ok).length } });
    return Response.json({ results });
  },
});
