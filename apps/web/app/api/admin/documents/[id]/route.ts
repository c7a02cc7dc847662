import { updateDocumentAcl } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { updateDocumentAclRequest, updateDocumentAclResponse } from "./contract";

/** ACL edit: document and chunks in one transaction, effective at the next query. */
export const PATCH = route({
  policy: "admin",
  body: updateDocumentAclRequest,
  response: updateDocumentAclResponse,
  audit: { action: "acl.update", target: ({ params }) => String(params.id) },
  handler: async ({ db, body, params, audit }) => {
    const documentId = String(params.id);
    audit.note({ detail: { acl: body.acl } });
    const { acl, previous } = await updateDocumentAcl({ db, documentId, acl: body.acl });
    audit.note({ detail: { acl, before: previous } });
    return Response.json({ acl });
  },
});
