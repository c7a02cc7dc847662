import { findSource, requestRun } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { requestSourceRunRequest, requestSourceRunResponse } from "./contract";

/** "Sync now" (or a prune / access-only pass). Progress is polled from /api/admin/runs/[id], as for every run. */
export const POST = route({
  policy: "admin",
  body: requestSourceRunRequest,
  response: requestSourceRunResponse,
  audit: { action: "source.run", target: ({ params }) => String(params.id) },
  handler: async ({ db, body, params, principal, audit }) => {
    const found = await findSource({ db, source: String(params.id) });
    audit.note({ target: found.id, detail: { name: found.name, mode: body.mode } });
    const { runId } = await requestRun({
      db,
      source: found.id,
      trigger: "user",
      mode: body.mode,
      requestedBy: principal.userId,
    });
    await audit.record({ detail: { runId } });
    return Response.json({ runId }, { status: 202 });
  },
});
