import { z } from "zod";
import { createUser, listUsers } from "@groundwork/auth";
import { plainText } from "~/lib/server/auth/plain-text";
import { route } from "~/lib/server/http/route";

export const GET = route({
  policy: "admin",
  handler: async ({ db }) => Response.json({ users: await listUsers({ db }) }),
});

export const POST = route({
  policy: "admin",
  body: z.object({
    username: z.string().trim().min(2).max(48),
    displayName: plainText(z.string().trim().min(1).max(120)),
    email: plainText(z.string().trim().max(200)).optional(),
    role: z.enum(["employee", "support", "admin"]),
    password: plainText(z.string().min(10, "must be at least 10 characters").max(200)),
    groups: z.array(z.string()).max(100).default([]),
  }),
  audit: { action: "user.create" },
  handler: async ({ db, body, audit }) => {
    audit.note({ detail: { username: body.username, role: body.role, groups: body.groups } });
    const { id } = await createUser({ db, username: body.username, displayName: body.displayName, email: body.email ?? null, role: body.role, password: body.password, groupNames: body.groups });
    await audit.record({ target: id });
    return Response.json({ id }, { status: 201 });
  },
});
