import { z } from "zod";
import { listRuns, requestRun } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";

export const GET = route({
  policy: "admin",
  handler: async ({ db, req }) => {
    const sourceId = new URL(req.url).searchParams.get("sourceId") ?? undefined;
    return Response.json({ runs: await listRuns({ db, ...(sourceId ? { sourceId } : {}), limit: 50 }) });
  },
});

export const POST = route({
  policy: "admin",
  body: z.object({ source: z.string().trim().min(1).max(200) }),
  audit: { action: "run.request" },
  handler: async ({ db, body, principal, audit }) => {
    audit.note({ detail: { source: body.source } });
    const { runId } = await requestRun({ db, source: body.source, trigger: "user", requestedBy: principal.userId });
    await audit.record({ target: runId });
    return Response.json({ runId }, { status: 202 });
  },
});
