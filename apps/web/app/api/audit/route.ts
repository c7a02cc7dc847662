import { listAuditEvents, recordAuditEvent } from "@groundwork/audit";
import { route } from "~/lib/http/route";
import { parseAuditQuery } from "./parse-audit-query";

export const dynamic = "force-dynamic";

/** Admin audit viewer: newest first, filters in the query string, keyset paging via `before`. */
export const GET = route({
  policy: "admin",
  handler: async ({ req, db, principal, requestId }) => {
    const t0 = performance.now();
    const { filter, limit, before } = parseAuditQuery(req);
    const page = await listAuditEvents({ db, filter, limit, before });
    // Reading the log is itself audited: who looked, with which filter.
    await recordAuditEvent({
      db,
      actor: { userId: principal.userId, username: principal.username },
      action: "audit.view",
      requestId,
      latencyMs: performance.now() - t0,
      detail: { filter, returned: page.events.length },
    });
    return Response.json({ events: page.events, nextBefore: page.nextBefore }, { headers: { "cache-control": "no-store" } });
  },
});
