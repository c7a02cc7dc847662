import { probeRoute } from "~/lib/server/http/route";
import { checkReadiness } from "~/lib/server/check-readiness";
import { readyResponse } from "./contract";

export const dynamic = "force-dynamic";

/** Readiness: database reachable, migrations current, an ingestion worker alive. 503 with the failing checks otherwise. */
export const GET = probeRoute({
  response: readyResponse,
  handler: async () => {
    const report = await checkReadiness();
    return Response.json(report, {
      status: report.ready ? 200 : 503,
      headers: { "cache-control": "no-store", ...(report.ready ? {} : { "retry-after": "5" }) },
    });
  },
});
