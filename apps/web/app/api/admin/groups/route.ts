import { createGroup, listGroups } from "@groundwork/auth";
import { route } from "~/lib/server/http/route";
import { createGroupRequest, createGroupResponse, listGroupsResponse } from "./contract";

export const GET = route({
  policy: "admin",
  response: listGroupsResponse,
  handler: async ({ db }) => Response.json({ groups: await listGroups({ db }) }),
});

export const POST = route({
  policy: "admin",
  body: createGroupRequest,
  response: createGroupResponse,
  audit: { action: "group.create" },
  handler: async ({ db, body, audit }) => {
    audit.note({ detail: { name: body.name } });
    const { id } = await createGroup({ db, name: body.name, description: body.description });
    await audit.record({ target: id });
    return Response.json({ id }, { status: 201 });
  },
});
