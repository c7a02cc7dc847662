import { createSource, listSourceSummaries } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { savedSourceDetail, settingNames, sourceJson } from "~/lib/server/sources/source-json";
import { createSourceRequest, createSourceResponse, listSourcesResponse } from "./contract";

type SourceKind = Parameters<typeof createSource>[0]["kind"];

export const GET = route({
  policy: "admin",
  response: listSourcesResponse,
  handler: async ({ db }) => Response.json({ sources: await listSourceSummaries({ db }) }),
});

export const POST = route({
  policy: "admin",
  body: createSourceRequest,
  response: createSourceResponse,
  audit: { action: "source.create" },
  handler: async ({ db, body, audit }) => {
    // Noted before the work, so a refused create is audited too — with setting names only.
    audit.note({ detail: { name: body.name, kind: body.kind, settings: settingNames(body.config) } });
    const source = await createSource({
      db,
      name: body.name,
      kind: body.kind as SourceKind,
      ...(body.path ? { path: body.path } : {}),
      config: body.config,
      defaultAcl: body.defaultAcl,
      ...(body.schedule !== undefined ? { schedule: body.schedule } : {}),
      ...(body.pruneSchedule !== undefined ? { pruneSchedule: body.pruneSchedule } : {}),
    });
    await audit.record({ target: source.id, detail: savedSourceDetail(source) });
    return Response.json({ source: sourceJson(source) }, { status: 201 });
  },
});
