import { listAuditEvents } from "@groundwork/audit";
import { route } from "~/lib/server/http/route";
import { listAuditEventsResponse, parseAuditQuery } from "./contract";

export const dynamic = "force-dynamic";

/** Admin audit viewer: newest first, filters in the query string, keyset paging via `before`. */
export const GET = route({
  policy: "admin",
  // Reading the log is itself audited: who looked, with which filter.
  audit: { action: "audit.view" },
  response: listAuditEventsResponse,
  handler: async ({ req, db, audit }) => {
    const { filter, limit, before } = parseAuditQuery(req);
    audit.note({ detail: { filter } });
    const page = await listAuditEvents({ db, filter, limit, before });
    audit.note({ detail: { returned: page.events.length } });
    return Response.json(
      { events: page.events, nextBefore: page.nextBefore },
      { headers: { "cache-control": "no-store" } },
    );
  },
});
