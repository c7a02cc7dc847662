import { checkSource, findSource } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { checkSourceResponse } from "./contract";

/** "Test connection" with the stored settings and secrets. A failed check is a 200 with its reason: the request worked. */
export const POST = route({
  policy: "admin",
  response: checkSourceResponse,
  audit: { action: "source.check", target: ({ params }) => String(params.id) },
  handler: async ({ db, params, audit }) => {
    const found = await findSource({ db, source: String(params.id) });
    const result = await checkSource({ db, source: found.id });
    // The reason stays out of the row: it is the connector's text, shown to the admin who asked.
    await audit.record({ target: found.id, detail: { name: found.name, kind: found.kind, ok: result.ok } });
    return Response.json(result);
  },
});
