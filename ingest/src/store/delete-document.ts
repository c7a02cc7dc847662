import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/core/errors";
import { isUuid } from "@groundwork/core/ids";
import { chunks, documents, sources } from "@groundwork/db/schema";

/** What deleting a document removes: every stored version of its path and their chunks. */
export type DocumentFootprint = {
  id: string;
  title: string;
  path: string;
  sourceId: string;
  sourceName: string;
  versions: number;
  chunks: number;
};

async function footprint({
  db,
  documentId,
}: {
  db: Pick<Database, "select">;
  documentId: string;
}): Promise<DocumentFootprint> {
  if (!isUuid(documentId)) throw new GroundworkError("not_found", "No such document.");
  const [doc] = await db
    .select({
      id: documents.id,
      title: documents.title,
      path: documents.path,
      sourceId: documents.sourceId,
      sourceName: sources.name,
    })
    .from(documents)
    .innerJoin(sources, eq(sources.id, documents.sourceId))
    .where(eq(documents.id, documentId));
  if (!doc) throw new GroundworkError("not_found", "No such document.");
  const versions = db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.sourceId, doc.sourceId), eq(documents.path, doc.path)));
  const [{ v, c } = { v: 0, c: 0 }] = await db
    .select({
      v: sql<number>`(select count(*)::int from ${documents} where ${documents.sourceId} = ${doc.sourceId} and ${documents.path} = ${doc.path})`,
      c: sql<number>`count(*)::int`,
    })
    .from(chunks)
    .where(inArray(chunks.documentId, versions));
  return { ...doc, versions: v, chunks: c };
}

/** The confirmation dialog's figures, read before anything is deleted. */
export async function documentFootprint({
  db,
  documentId,
}: {
  db: Database;
  documentId: string;
}): Promise<DocumentFootprint> {
  return footprint({ db, documentId });
}

/**
 * An admin's delete: every version of the document's path goes — rows, originals and chunks — in
 * one transaction, so search (and the BM25 statistics the chunk triggers keep) no longer holds it
 * when the transaction commits. Hard, not the `deleted` status a vanished file gets: an admin
 * deleting a document wants its text gone. The source is untouched: if the file is still there,
 * the source's next sync adds it back (the confirmation says so).
 */
export async function deleteDocument({
  db,
  documentId,
}: {
  db: Database;
  documentId: string;
}): Promise<DocumentFootprint> {
  return db.transaction(async (tx) => {
    // The row lock orders this against a concurrent ACL edit or run writing the same path.
    if (isUuid(documentId))
      await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, documentId)).for("update");
    const found = await footprint({ db: tx, documentId });
    const ids = tx
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.sourceId, found.sourceId), eq(documents.path, found.path)));
    // Chunks first and explicitly: the statement-level stats triggers see one delete of them all.
    await tx.delete(chunks).where(inArray(chunks.documentId, ids));
    await tx.delete(documents).where(and(eq(documents.sourceId, found.sourceId), eq(documents.path, found.path)));
    return found;
  });
}
