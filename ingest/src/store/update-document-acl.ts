import { eq } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/core/errors";
import { documents } from "@groundwork/db/schema";
import { normalizeAcl } from "@groundwork/access/acl";
import { applyAccess } from "./store-document";

/**
 * An admin's ACL change on one document: document and chunks in one transaction, no
 * re-embedding. (A later run re-applies access files, which remain the source of truth for folders.)
 */
export async function updateDocumentAcl({
  db,
  documentId,
  acl,
}: {
  db: Database;
  documentId: string;
  acl: string[];
}): Promise<{ acl: string[]; previous: string[] }> {
  const normalized = normalizeAcl(acl);
  if (!/^[0-9a-f-]{36}$/i.test(documentId)) throw new GroundworkError("not_found", "No such document.");
  // The ACL it replaces, read under the same row lock, so the audit row holds both values.
  const previous = await db.transaction(async (tx) => {
    const [doc] = await tx
      .select({ id: documents.id, acl: documents.acl })
      .from(documents)
      .where(eq(documents.id, documentId))
      .for("update");
    if (!doc) throw new GroundworkError("not_found", "No such document.");
    await applyAccess({ tx, documentId, acl: normalized });
    return doc.acl;
  });
  return { acl: normalized, previous };
}
