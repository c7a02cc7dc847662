import { updateSource } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { sourceJson } from "~/lib/server/sources/source-json";
import { resumeSourceResponse } from "./contract";

/** Puts a paused source back on its schedule. */
export const POST = route({
  policy: "admin",
  response: resumeSourceResponse,
  audit: { action: "source.resume", target: ({ params }) => String(params.id) },
  handler: async ({ db, params, audit }) => {
    const source = await updateSource({ db, source: String(params.id), paused: false });
    await audit.record({ target: source.id, detail: { name: source.name, paused: source.paused } });
    return Response.json({ source: sourceJson(source) });
  },
});
