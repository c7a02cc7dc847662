import { GroundworkError } from "@groundwork/core/errors";
import { deleteSource, findSource, listSourceSummaries, updateSource } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { savedSourceDetail, settingNames, sourceChange, sourceJson } from "~/lib/server/sources/source-json";
import { deleteSourceResponse, getSourceResponse, updateSourceRequest, updateSourceResponse } from "./contract";

const idOf = ({ params }: { params: Record<string, string | string[]> }) => String(params.id);

export const GET = route({
  policy: "admin",
  response: getSourceResponse,
  handler: async ({ db, params }) => {
    const found = await findSource({ db, source: idOf({ params }) });
    const summary = (await listSourceSummaries({ db })).find((s) => s.id === found.id);
    // Deleted between the two reads.
    if (!summary) throw new GroundworkError("not_found", `No source named ${found.name}.`);
    return Response.json({ source: summary });
  },
});

export const PATCH = route({
  policy: "admin",
  body: updateSourceRequest,
  response: updateSourceResponse,
  audit: { action: "source.update", target: idOf },
  handler: async ({ db, body, params, audit }) => {
    audit.note({
      detail: {
        changed: Object.keys(body).sort(),
        ...(body.config ? { settings: settingNames(body.config) } : {}),
      },
    });
    // Read first so the audit row can show the change as before/after (the page renders a diff).
    const prior = await findSource({ db, source: idOf({ params }) });
    const source = await updateSource({
      db,
      source: prior.id,
      ...(body.config !== undefined ? { config: body.config } : {}),
      ...(body.defaultAcl !== undefined ? { defaultAcl: body.defaultAcl } : {}),
      ...(body.schedule !== undefined ? { schedule: body.schedule } : {}),
      ...(body.pruneSchedule !== undefined ? { pruneSchedule: body.pruneSchedule } : {}),
    });
    await audit.record({
      target: source.id,
      detail: { ...savedSourceDetail(source), ...sourceChange({ prior, source }) },
    });
    return Response.json({ source: sourceJson(source) });
  },
});

export const DELETE = route({
  policy: "admin",
  response: deleteSourceResponse,
  audit: { action: "source.delete", target: idOf },
  handler: async ({ db, params, audit }) => {
    const found = await findSource({ db, source: idOf({ params }) });
    audit.note({ target: found.id, detail: { name: found.name, kind: found.kind } });
    const { documents } = await deleteSource({ db, source: found.id });
    await audit.record({ detail: { documents } });
    return Response.json({ deleted: true, documents });
  },
});
