import type { Principal } from "@groundwork/access/principal";
import { principalsFor } from "@groundwork/access/principal";
import { newId, sha256Hex } from "@groundwork/core/ids";
import type { Database } from "@groundwork/db/client";
import { chunks, documentFiles, documents, sources } from "@groundwork/db/schema";
import { createHashEmbedder, type Embedder } from "@groundwork/models/embeddings";

/** Test-only writers: the ingest package is the real path; these put known rows in place directly. */
export type SeedChunk = { text: string; headings?: string[]; pageFrom?: number; pageTo?: number };
export type SeedDocument = {
  source: string;
  path: string;
  title: string;
  acl: string[];
  chunks: SeedChunk[];
  mime?: string;
  tags?: string[];
  version?: number;
  status?: "active" | "superseded" | "deleted";
  supersededBy?: string;
  updatedAt?: Date;
  effectiveDate?: string;
  owner?: string;
  file?: { filename: string; content: Buffer };
  /** Override the stored embedding model (to test model mismatch). */
  embeddingModel?: string;
};

export async function ensureSource({ db, name }: { db: Database; name: string }): Promise<string> {
  const [row] = await db
    .insert(sources)
    .values({ name, kind: "folder", defaultAcl: [] })
    .onConflictDoUpdate({ target: sources.name, set: { name } })
    .returning({ id: sources.id });
  return row!.id;
}

export async function seedDocument({
  db,
  doc,
  embedder = createHashEmbedder(),
}: {
  db: Database;
  doc: SeedDocument;
  embedder?: Embedder;
}): Promise<{ documentId: string; chunkIds: string[] }> {
  const sourceId = await ensureSource({ db, name: doc.source });
  const mime = doc.mime ?? "text/markdown";
  const fullText = doc.chunks.map((c) => c.text).join("\n\n");
  const [d] = await db
    .insert(documents)
    .values({
      sourceId,
      path: doc.path,
      title: doc.title,
      mime,
      version: doc.version ?? 1,
      contentHash: sha256Hex(fullText),
      status: doc.status ?? "active",
      acl: doc.acl,
      tags: doc.tags ?? [],
      normalizedText: fullText,
      effectiveDate: doc.effectiveDate,
      owner: doc.owner,
      supersededBy: doc.supersededBy,
      pageCount: doc.chunks.some((c) => c.pageTo) ? Math.max(...doc.chunks.map((c) => c.pageTo ?? 0)) : null,
      byteSize: Buffer.byteLength(fullText),
      ...(doc.updatedAt ? { updatedAt: doc.updatedAt } : {}),
    })
    .returning({ id: documents.id });
  const documentId = d!.id;
  if (doc.file)
    await db.insert(documentFiles).values({ documentId, filename: doc.file.filename, content: doc.file.content });
  if (doc.chunks.length === 0) return { documentId, chunkIds: [] };
  const vectors = await embedder.embedDocuments(doc.chunks.map((c) => `${doc.title}\n${c.text}`));
  let offset = 0;
  const rows = await db
    .insert(chunks)
    .values(
      doc.chunks.map((c, i) => {
        const start = offset;
        offset += c.text.length + 2;
        const headings = c.headings ?? [doc.title];
        return {
          documentId,
          sourceId,
          version: doc.version ?? 1,
          ordinal: i,
          text: c.text,
          textHash: sha256Hex(c.text),
          context: headings.join(" > "),
          headings,
          pageFrom: c.pageFrom,
          pageTo: c.pageTo,
          charStart: start,
          charEnd: start + c.text.length,
          embedding: vectors[i]!,
          embeddingModel: doc.embeddingModel ?? embedder.modelId,
          acl: doc.acl,
          mime,
          tags: doc.tags ?? [],
        };
      }),
    )
    .returning({ id: chunks.id });
  return { documentId, chunkIds: rows.map((r) => r.id) };
}

/** A principal built in memory (search never trusts anything but these fields). */
export function testPrincipal({
  groups = [],
  admin = false,
  userId = newId(),
}: { groups?: string[]; admin?: boolean; userId?: string } = {}): Principal {
  return {
    userId,
    username: `u-${userId.slice(0, 8)}`,
    displayName: "Test user",
    role: admin ? "admin" : "employee",
    groups,
    principals: principalsFor({ userId, groups }),
    isAdmin: admin,
  };
}
