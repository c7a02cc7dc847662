import { z } from "zod";
import { updateDocumentAcl } from "@groundwork/ingest";
import { audit } from "~/lib/admin-actions";
import { route } from "~/lib/http/route";

/** ACL edit: document and chunks in one transaction, effective at the next query. */
export const PATCH = route({
  policy: "admin",
  body: z.object({ acl: z.array(z.string().trim().min(1).max(200)).max(200) }),
  handler: async ({ db, body, params, principal, requestId }) => {
    const documentId = String(params.id);
    const { acl } = await updateDocumentAcl({ db, documentId, acl: body.acl });
    await audit({ db, principal, action: "acl.update", target: documentId, requestId, detail: { acl } });
    return Response.json({ acl });
  },
});
