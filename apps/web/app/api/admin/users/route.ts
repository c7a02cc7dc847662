import { createUser, listUsers } from "@groundwork/auth";
import { route } from "~/lib/server/http/route";
import { createUserRequest, createUserResponse, listUsersResponse } from "./contract";

export const GET = route({
  policy: "admin",
  response: listUsersResponse,
  handler: async ({ db }) => Response.json({ users: await listUsers({ db }) }),
});

export const POST = route({
  policy: "admin",
  body: createUserRequest,
  response: createUserResponse,
  audit: { action: "user.create" },
  handler: async ({ db, body, audit }) => {
    audit.note({ detail: { username: body.username, role: body.role, groups: body.groups } });
    const { id } = await createUser({
      db,
      username: body.username,
      displayName: body.displayName,
      email: body.email ?? null,
      role: body.role,
      password: body.password,
      groupNames: body.groups,
    });
    await audit.record({ target: id });
    return Response.json({ id }, { status: 201 });
  },
});
