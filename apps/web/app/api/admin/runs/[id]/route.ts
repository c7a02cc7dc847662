import { getRun, listRunFiles } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { getRunResponse } from "./contract";

/** One run with its per-file outcomes; the run page polls this for live progress. */
export const GET = route({
  policy: "admin",
  response: getRunResponse,
  handler: async ({ db, params }) => {
    const runId = String(params.id);
    const run = await getRun({ db, runId });
    const files = await listRunFiles({ db, runId });
    return Response.json({ run, files }, { headers: { "cache-control": "no-store" } });
  },
});
