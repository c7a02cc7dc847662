import { cancelRun } from "@groundwork/ingest";
import { audit } from "~/lib/admin-actions";
import { route } from "~/lib/http/route";

export const POST = route({
  policy: "admin",
  handler: async ({ db, params, principal, requestId }) => {
    const run = await cancelRun({ db, runId: String(params.id) });
    await audit({ db, principal, action: "run.cancel", target: run.id, requestId });
    return Response.json({ run });
  },
});
