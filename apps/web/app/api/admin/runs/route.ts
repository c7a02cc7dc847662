import { listRuns, requestRun } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { listRunsResponse, requestRunRequest, requestRunResponse } from "./contract";

export const GET = route({
  policy: "admin",
  response: listRunsResponse,
  handler: async ({ db, req }) => {
    const sourceId = new URL(req.url).searchParams.get("sourceId") ?? undefined;
    return Response.json({ runs: await listRuns({ db, ...(sourceId ? { sourceId } : {}), limit: 50 }) });
  },
});

export const POST = route({
  policy: "admin",
  body: requestRunRequest,
  response: requestRunResponse,
  audit: { action: "run.request" },
  handler: async ({ db, body, principal, audit }) => {
    audit.note({ detail: { source: body.source } });
    const { runId } = await requestRun({ db, source: body.source, trigger: "user", requestedBy: principal.userId });
    await audit.record({ target: runId });
    return Response.json({ runId }, { status: 202 });
  },
});
