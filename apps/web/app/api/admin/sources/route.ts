import { createSource, listSources } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { createSourceRequest, createSourceResponse, listSourcesResponse } from "./contract";

export const GET = route({
  policy: "admin",
  response: listSourcesResponse,
  handler: async ({ db }) => Response.json({ sources: await listSources({ db }) }),
});

export const POST = route({
  policy: "admin",
  body: createSourceRequest,
  response: createSourceResponse,
  audit: { action: "source.create" },
  handler: async ({ db, body, audit }) => {
    audit.note({ detail: { name: body.name, kind: body.kind, defaultAcl: body.defaultAcl } });
    const source = await createSource({
      db,
      name: body.name,
      kind: body.kind,
      ...(body.path ? { path: body.path } : {}),
      defaultAcl: body.defaultAcl,
    });
    await audit.record({
      target: source.id,
      detail: { name: source.name, kind: source.kind, defaultAcl: source.defaultAcl },
    });
    return Response.json({ source }, { status: 201 });
  },
});
