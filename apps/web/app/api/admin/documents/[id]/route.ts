import { deleteDocument, updateDocumentAcl } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { deleteDocumentResponse, updateDocumentAclRequest, updateDocumentAclResponse } from "./contract";

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

/**
 * Deletes a document (every version of its path): rows, original and chunks in one transaction,
 * so no search finds it once this answers. The audit row names what went.
 */
export const DELETE = route({
  policy: "admin",
  response: deleteDocumentResponse,
  audit: { action: "document.delete", target: ({ params }) => String(params.id) },
  handler: async ({ db, params, audit }) => {
    const gone = await deleteDocument({ db, documentId: String(params.id) });
    audit.note({
      detail: {
        title: gone.title,
        path: gone.path,
        source: gone.sourceName,
        versions: gone.versions,
        chunks: gone.chunks,
      },
    });
    return Response.json({ deleted: true, title: gone.title, versions: gone.versions, chunks: gone.chunks });
  },
});
