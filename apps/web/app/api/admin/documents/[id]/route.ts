import { z } from "zod";
import { updateDocumentAcl } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";

/** ACL edit: document and chunks in one transaction, effective at the next query. */
export const PATCH = route({
  policy: "admin",
  body: z.object({ acl: z.array(z.string().trim().min(1).max(200)).max(200) }),
  audit: { action: "acl.update", target: ({ params }) => String(params.id) },
  handler: async ({ db, body, params, audit }) => {
    const documentId = String(params.id);
    audit.note({ detail: { acl: body.acl } });
    const { acl } = await updateDocumentAcl({ db, documentId, acl: body.acl });
    audit.note({ detail: { acl } });
    return Response.json({ acl });
  },
});
