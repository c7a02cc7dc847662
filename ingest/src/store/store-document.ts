import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { chunks, documentFiles, documents } from "@groundwork/db/schema";
import type { ChunkDraft } from "../prepare/chunk-document";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type DocumentWrite = {
  sourceId: string;
  path: string;
  /** The live version this one replaces (active or superseded-by-relation), if any. */
  previousId: string | null;
  /** max(version) over every row of this path, deleted ones included, plus one. */
  version: number;
  title: string;
  mime: string;
  contentHash: string;
  effectiveDate: string | null;
  owner: string | null;
  tags: string[];
  acl: string[];
  normalizedText: string;
  pageCount: number | null;
  bytes: Uint8Array;
  filename: string;
  metadata: Record<string, unknown>;
  chunks: (ChunkDraft & { context: string; textHash: string; embedding: number[] })[];
  embeddingModel: string;
};

/**
 * Writes new versions of documents inside the caller's transaction: each old version becomes
 * history (superseded) and its chunks go, the new chunks arrive — all or nothing, so a reader
 * sees the old or the new document, never both or neither. Rows go in as multi-row statements
 * (one chunks insert per ~300 rows) so the BM25 statistics trigger fires once per statement.
 */
export async function storeDocuments({
  tx,
  docs,
}: {
  tx: Tx;
  docs: DocumentWrite[];
}): Promise<{ documentIds: string[] }> {
  if (docs.length === 0) return { documentIds: [] };
  const previousIds = docs.map((d) => d.previousId).filter((id): id is string => Boolean(id));
  if (previousIds.length) {
    await tx
      .update(documents)
      .set({ status: "superseded", updatedAt: sql`now()` })
      .where(inArray(documents.id, previousIds));
    await tx.delete(chunks).where(inArray(chunks.documentId, previousIds));
  }
  const documentIds: string[] = [];
  for (let i = 0; i < docs.length; i += 100) {
    const rows = await tx
      .insert(documents)
      .values(
        docs.slice(i, i + 100).map((doc) => ({
          sourceId: doc.sourceId,
          path: doc.path,
          title: doc.title,
          mime: doc.mime,
          version: doc.version,
          contentHash: doc.contentHash,
          status: "active" as const,
          effectiveDate: doc.effectiveDate,
          owner: doc.owner,
          tags: doc.tags,
          acl: doc.acl,
          normalizedText: doc.normalizedText,
          pageCount: doc.pageCount,
          byteSize: doc.bytes.length,
          metadata: doc.metadata,
        })),
      )
      .returning({ id: documents.id });
    // INSERT … RETURNING yields rows in VALUES order.
    documentIds.push(...rows.map((r) => r.id));
  }
  for (let i = 0; i < docs.length; i++) {
    const previousId = docs[i]!.previousId;
    if (previousId)
      await tx.update(documents).set({ supersededBy: documentIds[i]! }).where(eq(documents.id, previousId));
  }
  const files = docs.map((doc, i) => ({
    documentId: documentIds[i]!,
    filename: doc.filename,
    content: Buffer.from(doc.bytes),
  }));
  let batch: typeof files = [];
  let bytes = 0;
  for (const f of files) {
    batch.push(f);
    bytes += f.content.length;
    if (bytes > 4_000_000 || batch.length >= 100) {
      await tx.insert(documentFiles).values(batch);
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length) await tx.insert(documentFiles).values(batch);
  const chunkRows = docs.flatMap((doc, i) =>
    doc.chunks.map((c) => ({
      documentId: documentIds[i]!,
      sourceId: doc.sourceId,
      version: doc.version,
      ordinal: c.ordinal,
      text: c.text,
      textHash: c.textHash,
      context: c.context,
      headings: c.headings,
      pageFrom: c.pageFrom,
      pageTo: c.pageTo,
      charStart: c.charStart,
      charEnd: c.charEnd,
      embedding: c.embedding,
      embeddingModel: doc.embeddingModel,
      acl: doc.acl,
      mime: doc.mime,
      tags: doc.tags,
    })),
  );
  for (let i = 0; i < chunkRows.length; i += 300) await tx.insert(chunks).values(chunkRows.slice(i, i + 300));
  return { documentIds };
}

/** ACL/tags/owner of a document and its chunks, without touching text or vectors. */
export async function applyAccess({
  tx,
  documentId,
  acl,
  tags,
  owner,
  metadata,
}: {
  tx: Pick<Database, "update">;
  documentId: string;
  acl: string[];
  tags?: string[];
  owner?: string | null;
  metadata?: Record<string, unknown>;
}): Promise<void> {
  await tx
    .update(documents)
    .set({
      acl,
      ...(tags ? { tags } : {}),
      ...(owner !== undefined ? { owner } : {}),
      ...(metadata ? { metadata } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(documents.id, documentId));
  await tx
    .update(chunks)
    .set({ acl, ...(tags ? { tags } : {}), updatedAt: sql`now()` })
    .where(eq(chunks.documentId, documentId));
}

/**
 * ACL-only changes of many documents in two statements (documents, then their chunks) instead
 * of two per document. Text and vectors are untouched, so BM25 stats and embeddings stay.
 */
export async function applyAccessMany({
  tx,
  updates,
}: {
  tx: Tx;
  updates: {
    documentId: string;
    acl: string[];
    tags: string[];
    owner: string | null;
    metadata: Record<string, unknown>;
  }[];
}): Promise<void> {
  if (updates.length === 0) return;
  const rows = JSON.stringify(
    updates.map((u) => ({ id: u.documentId, acl: u.acl, tags: u.tags, owner: u.owner, metadata: u.metadata })),
  );
  await tx.execute(sql`
    update ${documents} as d set acl = v.acl, tags = v.tags, owner = v.owner, metadata = v.metadata, updated_at = now()
    from jsonb_to_recordset(${rows}::jsonb) as v(id uuid, acl text[], tags text[], owner text, metadata jsonb)
    where d.id = v.id`);
  await tx.execute(sql`
    update ${chunks} as c set acl = v.acl, tags = v.tags, updated_at = now()
    from jsonb_to_recordset(${rows}::jsonb) as v(id uuid, acl text[], tags text[])
    where c.document_id = v.id`);
}

/** A file that is gone: every version becomes `deleted` and its chunks leave the index. */
export async function deleteDocumentPath({
  tx,
  sourceId,
  path,
}: {
  tx: Tx;
  sourceId: string;
  path: string;
}): Promise<string[]> {
  const rows = await tx
    .update(documents)
    .set({ status: "deleted", updatedAt: sql`now()` })
    .where(
      and(
        eq(documents.sourceId, sourceId),
        eq(documents.path, path),
        inArray(documents.status, ["active", "superseded"]),
      ),
    )
    .returning({ id: documents.id });
  const ids = rows.map((r) => r.id);
  if (ids.length) await tx.delete(chunks).where(inArray(chunks.documentId, ids));
  return ids;
}

/** Marks an older document superseded by a newer one (front matter `supersedes:`); its chunks leave search. */
export async function supersedeDocument({ tx, oldId, newId }: { tx: Tx; oldId: string; newId: string }): Promise<void> {
  await tx
    .update(documents)
    .set({ status: "superseded", supersededBy: newId, updatedAt: sql`now()` })
    .where(eq(documents.id, oldId));
  await tx.delete(chunks).where(eq(chunks.documentId, oldId));
}
