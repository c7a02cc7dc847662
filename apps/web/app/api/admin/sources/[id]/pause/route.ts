import { updateSource } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { sourceJson } from "~/lib/server/sources/source-json";
import { pauseSourceResponse } from "./contract";

/** Stops scheduled runs of a source (Sync now still works); its documents stay searchable. */
export const POST = route({
  policy: "admin",
  response: pauseSourceResponse,
  audit: { action: "source.pause", target: ({ params }) => String(params.id) },
  handler: async ({ db, params, audit }) => {
    const source = await updateSource({ db, source: String(params.id), paused: true });
    await audit.record({ target: source.id, detail: { name: source.name, paused: source.paused } });
    return Response.json({ source: sourceJson(source) });
  },
});
