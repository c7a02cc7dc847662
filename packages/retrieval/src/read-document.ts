import { sql } from "drizzle-orm";
import { aclVisible } from "@groundwork/access/sql";
import { documentStatusVisible } from "@groundwork/access/visibility";
import { documentColumns } from "./document-columns";
import { withDocumentScope, type DocumentRequest } from "./document-scope";
import type { DocumentColumns } from "./types";

export type ReadableDocument = DocumentColumns & {
  id: string;
  status: "active" | "superseded" | "deleted";
  tags: string[];
  normalizedText: string;
  pageCount: number | null;
  /** Parser-provided page layout (e.g. `pageOffsets`), passed through from documents.metadata. */
  metadata: Record<string, unknown>;
  byteSize: number;
  hasFile: boolean;
  updatedAt: string;
  supersededBy: string | null;
  /** The live version of the same path when this one is superseded and the caller may see it. */
  current: { id: string; version: number } | null;
};

export type DocumentFile = { filename: string; mime: string; content: Buffer };

/**
 * One document for the viewer, or null when it does not exist, is deleted, or the caller may
 * not see it — the same answer for all three, so probing ids reveals nothing.
 */
export async function readDocument({ db, principal, documentId }: DocumentRequest): Promise<ReadableDocument | null> {
  return withDocumentScope<ReadableDocument | null>({
    db,
    principal,
    documentId,
    missing: null,
    fn: async ({ tx, scope }) => {
      const r = await tx.execute<Record<string, unknown>>(sql`
        select d.id, d.source_id, s.name as source_name, d.title, d.path, d.mime, d.version, d.status,
               d.effective_date::text as effective_date, d.owner, d.tags, d.normalized_text, d.page_count,
               d.metadata, d.byte_size, d.updated_at, d.superseded_by,
               exists (select 1 from document_files f where f.document_id = d.id) as has_file,
               cur.id as current_id, cur.version as current_version
        from documents d
        join sources s on s.id = d.source_id
        left join lateral (
          select d2.id, d2.version from documents d2
          where d.status = 'superseded' and d2.source_id = d.source_id and d2.path = d.path
            and ${documentStatusVisible({ status: sql`d2.status`, includeSuperseded: false })} and ${aclVisible({ acl: sql`d2.acl`, scope })}
          limit 1
        ) cur on true
        where d.id = ${documentId}::uuid and ${documentStatusVisible({ status: sql`d.status`, includeSuperseded: true })} and ${aclVisible({ acl: sql`d.acl`, scope })}`);
      const row = r.rows[0];
      if (!row) return null;
      return {
        id: String(row.id),
        ...documentColumns(row),
        status: row.status as ReadableDocument["status"],
        tags: (row.tags as string[] | null) ?? [],
        normalizedText: String(row.normalized_text),
        pageCount: row.page_count == null ? null : Number(row.page_count),
        metadata: (row.metadata as Record<string, unknown> | null) ?? {},
        byteSize: Number(row.byte_size),
        hasFile: Boolean(row.has_file),
        updatedAt: new Date(row.updated_at as string | Date).toISOString(),
        supersededBy: (row.superseded_by as string | null) ?? null,
        current: row.current_id ? { id: row.current_id as string, version: Number(row.current_version) } : null,
      };
    },
  });
}

/** The original upload/file bytes for download, under the same rule as readDocument. */
export async function readDocumentFile({ db, principal, documentId }: DocumentRequest): Promise<DocumentFile | null> {
  return withDocumentScope<DocumentFile | null>({
    db,
    principal,
    documentId,
    missing: null,
    fn: async ({ tx, scope }) => {
      const r = await tx.execute<{ filename: string; mime: string; content: Buffer }>(sql`
        select f.filename, d.mime, f.content
        from document_files f join documents d on d.id = f.document_id
        where f.document_id = ${documentId}::uuid and ${documentStatusVisible({ status: sql`d.status`, includeSuperseded: true })} and ${aclVisible({ acl: sql`d.acl`, scope })}`);
      const row = r.rows[0];
      return row ? { filename: row.filename, mime: row.mime, content: Buffer.from(row.content) } : null;
    },
  });
}
