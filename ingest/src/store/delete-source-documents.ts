import { eq, inArray } from "drizzle-orm";
import { chunks, documents } from "@groundwork/db/schema";
import type { Tx } from "./store-document";

/**
 * Every chunk of a source leaves the index inside the caller's transaction (the BM25 statistics
 * triggers see the deletes, as they would for a vanished file); the documents themselves go
 * with the source row (foreign keys cascade).
 */
export async function deleteSourceDocuments({ tx, sourceId }: { tx: Tx; sourceId: string }): Promise<void> {
  const ids = tx.select({ id: documents.id }).from(documents).where(eq(documents.sourceId, sourceId));
  await tx.delete(chunks).where(inArray(chunks.documentId, ids));
}
