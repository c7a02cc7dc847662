import { cancelRun } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { cancelRunResponse } from "./contract";

export const POST = route({
  policy: "admin",
  response: cancelRunResponse,
  audit: { action: "run.cancel", target: ({ params }) => String(params.id) },
  handler: async ({ db, params }) => {
    const run = await cancelRun({ db, runId: String(params.id) });
    return Response.json({ run });
  },
});
