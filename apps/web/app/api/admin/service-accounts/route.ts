import { createServiceAccount, listServiceAccounts } from "@groundwork/auth";
import { route } from "~/lib/server/http/route";
import { createServiceAccountRequest, createServiceAccountResponse, listServiceAccountsResponse } from "./contract";

export const GET = route({
  policy: "admin",
  response: listServiceAccountsResponse,
  handler: async ({ db }) => Response.json({ serviceAccounts: await listServiceAccounts({ db }) }),
});

/** A service account: no password, no sign-in; it acts through its tokens with its own groups. */
export const POST = route({
  policy: "admin",
  body: createServiceAccountRequest,
  response: createServiceAccountResponse,
  audit: { action: "service_account.create" },
  handler: async ({ db, body, audit }) => {
    audit.note({ detail: { name: body.name, groups: body.groups } });
    const created = await createServiceAccount({
      db,
      name: body.name,
      groupNames: body.groups,
      ...(body.displayName ? { displayName: body.displayName } : {}),
    });
    await audit.record({ target: created.id });
    return Response.json(created, { status: 201 });
  },
});
