import { z } from "zod";

export const updateDocumentAclRequest = z.object({ acl: z.array(z.string().trim().min(1).max(200)).max(200) });
/** The ACL as stored (normalised). */
export const updateDocumentAclResponse = z.strictObject({ acl: z.array(z.string()) });
