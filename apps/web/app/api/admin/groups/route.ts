import { z } from "zod";
import { createGroup, listGroups } from "@groundwork/auth";
import { route } from "~/lib/server/http/route";

export const GET = route({
  policy: "admin",
  handler: async ({ db }) => Response.json({ groups: await listGroups({ db }) }),
});

export const POST = route({
  policy: "admin",
  body: z.object({ name: z.string().trim().min(1).max(63), description: z.string().trim().max(300).default("") }),
  audit: { action: "group.create" },
  handler: async ({ db, body, audit }) => {
    audit.note({ detail: { name: body.name } });
    const { id } = await createGroup({ db, name: body.name, description: body.description });
    await audit.record({ target: id });
    return Response.json({ id }, { status: 201 });
  },
});
