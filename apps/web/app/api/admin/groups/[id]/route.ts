import { deleteGroup } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { deleteGroupResponse } from "./contract";

/**
 * Deletes a hand-made group (id or name): memberships go and the group leaves every document's
 * ACL in the same transaction; documents only it could read become admin-only. A group mirrored
 * from a source is refused (409): the source owns it.
 */
export const DELETE = route({
  policy: "admin",
  response: deleteGroupResponse,
  audit: { action: "group.delete", target: ({ params }) => String(params.id) },
  handler: async ({ db, params, audit }) => {
    const gone = await deleteGroup({ db, group: String(params.id) });
    audit.note({
      target: gone.id,
      detail: { name: gone.name, members: gone.members, documents: gone.documents, adminOnly: gone.adminOnly },
    });
    return Response.json({
      deleted: true,
      name: gone.name,
      members: gone.members,
      documents: gone.documents,
      adminOnly: gone.adminOnly,
    });
  },
});
