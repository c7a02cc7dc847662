import { z } from "zod";
import { createSource, listSources } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";

export const GET = route({
  policy: "admin",
  handler: async ({ db }) => Response.json({ sources: await listSources({ db }) }),
});

const body = z.object({
  name: z.string().trim().min(1).max(63),
  kind: z.enum(["folder", "upload"]),
  path: z.string().trim().max(4096).optional(),
  defaultAcl: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
});

export const POST = route({
  policy: "admin",
  body,
  audit: { action: "source.create" },
  handler: async ({ db, body, audit }) => {
    audit.note({ detail: { name: body.name, kind: body.kind, defaultAcl: body.defaultAcl } });
    const source = await createSource({ db, name: body.name, kind: body.kind, ...(body.path ? { path: body.path } : {}), defaultAcl: body.defaultAcl });
    await audit.record({ target: source.id, detail: { name: source.name, kind: source.kind, defaultAcl: source.defaultAcl } });
    return Response.json({ source }, { status: 201 });
  },
});
