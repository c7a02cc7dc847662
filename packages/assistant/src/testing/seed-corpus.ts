import { eq } from "drizzle-orm";
import { sha256Hex } from "@groundwork/core/ids";
import type { Database } from "@groundwork/db/client";
import { chunks, documents, sources } from "@groundwork/db/schema";
import { createHashEmbedder } from "@groundwork/models/embeddings";

export type SeedDocument = {
  path: string;
  title: string;
  acl: string[];
  owner?: string | null;
  text: string;
  version?: number;
};

/**
 * Writes documents and paragraph chunks straight into the tables (owner role), with hash
 * embeddings, so assistant tests do not depend on the ingestion pipeline. Offsets are real:
 * every chunk's text is normalized_text[char_start, char_end).
 */
export async function seedCorpus({
  db,
  docs,
  sourceName = "handbook",
}: {
  db: Database;
  docs: SeedDocument[];
  sourceName?: string;
}): Promise<{ sourceId: string; documentIds: Map<string, string> }> {
  const embedder = createHashEmbedder();
  const [src] = await db
    .insert(sources)
    .values({ name: sourceName, kind: "folder", config: { path: "/tmp/none" }, defaultAcl: ["group:everyone"] })
    .returning({ id: sources.id });
  const documentIds = new Map<string, string>();
  for (const d of docs) {
    const [doc] = await db
      .insert(documents)
      .values({
        sourceId: src!.id,
        path: d.path,
        title: d.title,
        mime: "text/markdown",
        version: d.version ?? 1,
        contentHash: sha256Hex(d.text),
        owner: d.owner ?? null,
        acl: d.acl,
        normalizedText: d.text,
        byteSize: d.text.length,
      })
      .returning({ id: documents.id });
    documentIds.set(d.path, doc!.id);
    const paragraphs = [...d.text.matchAll(/[^\n]+(?:\n[^\n]+)*/g)];
    const vectors = await embedder.embedDocuments(paragraphs.map((p) => `${d.title}\n${p[0]}`));
    await db.insert(chunks).values(
      paragraphs.map((p, i) => ({
        documentId: doc!.id,
        sourceId: src!.id,
        version: d.version ?? 1,
        ordinal: i,
        text: p[0],
        textHash: sha256Hex(p[0]),
        context: d.title,
        headings: [],
        charStart: p.index ?? 0,
        charEnd: (p.index ?? 0) + p[0].length,
        embedding: vectors[i]!,
        embeddingModel: embedder.modelId,
        acl: d.acl,
        mime: "text/markdown",
      })),
    );
  }
  return { sourceId: src!.id, documentIds };
}

/** Changes a document's ACL (and its chunks'), as an admin's permission edit would. */
export async function setDocumentAcl({
  db,
  documentId,
  acl,
}: {
  db: Database;
  documentId: string;
  acl: string[];
}): Promise<void> {
  await db.update(documents).set({ acl }).where(eq(documents.id, documentId));
  await db.update(chunks).set({ acl }).where(eq(chunks.documentId, documentId));
}
