import { z } from "zod";

export const updateDocumentAclRequest = z.object({ acl: z.array(z.string().trim().min(1).max(200)).max(200) });
/** The ACL as stored (normalised). */
export const updateDocumentAclResponse = z.strictObject({ acl: z.array(z.string()) });

/** What left search: every stored version of the document's path and their chunks. */
export const deleteDocumentResponse = z.strictObject({
  deleted: z.literal(true),
  title: z.string(),
  versions: z.number().int(),
  chunks: z.number().int(),
});
