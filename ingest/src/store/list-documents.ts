import { and, asc, desc, eq, ilike, or, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { documents, sources } from "@groundwork/db/schema";
import { containsPattern } from "@groundwork/db/like-pattern";

export type DocumentListing = {
  id: string;
  title: string;
  path: string;
  mime: string;
  version: number;
  status: "active" | "superseded" | "deleted";
  acl: string[];
  tags: string[];
  effectiveDate: string | null;
  updatedAt: Date;
  sourceId: string;
  sourceName: string;
};

/** The columns of a DocumentListing (listDocuments and pageDocuments read the same row). */
const listingColumns = {
  id: documents.id,
  title: documents.title,
  path: documents.path,
  mime: documents.mime,
  version: documents.version,
  status: documents.status,
  acl: documents.acl,
  tags: documents.tags,
  effectiveDate: documents.effectiveDate,
  updatedAt: documents.updatedAt,
  sourceId: documents.sourceId,
  sourceName: sources.name,
};

/** Every stored version of every document for the admin console (all statuses), by source, path, newest version first. */
export async function listDocuments({
  db,
  status,
  sourceId,
  limit = 200,
}: {
  db: Database;
  status?: DocumentListing["status"];
  sourceId?: string;
  limit?: number;
}): Promise<DocumentListing[]> {
  return db
    .select(listingColumns)
    .from(documents)
    .innerJoin(sources, eq(sources.id, documents.sourceId))
    .where(
      and(status ? eq(documents.status, status) : undefined, sourceId ? eq(documents.sourceId, sourceId) : undefined),
    )
    .orderBy(asc(sources.name), asc(documents.path), desc(documents.version))
    .limit(limit);
}

/**
 * One page of the admin documents list: title or path containing `q` (any case), optional
 * status and source, the real total of matches for the pager. Same order as listDocuments.
 */
export async function pageDocuments({
  db,
  q,
  status,
  sourceId,
  page = 1,
  pageSize = 50,
}: {
  db: Database;
  q?: string;
  status?: DocumentListing["status"];
  sourceId?: string;
  page?: number;
  pageSize?: number;
}): Promise<{ documents: DocumentListing[]; total: number; page: number; pageSize: number }> {
  const size = Math.min(Math.max(Math.trunc(pageSize), 1), 200);
  const text = q?.trim().slice(0, 200);
  const where = and(
    status ? eq(documents.status, status) : undefined,
    sourceId ? eq(documents.sourceId, sourceId) : undefined,
    text ? or(ilike(documents.title, containsPattern(text)), ilike(documents.path, containsPattern(text))) : undefined,
  );
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(documents)
    .where(where);
  // A page past the end shows the last one rather than an empty table.
  const last = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(Math.trunc(page) || 1, 1), last);
  const rows = await db
    .select(listingColumns)
    .from(documents)
    .innerJoin(sources, eq(sources.id, documents.sourceId))
    .where(where)
    .orderBy(asc(sources.name), asc(documents.path), desc(documents.version), asc(documents.id))
    .limit(size)
    .offset((current - 1) * size);
  return { documents: rows, total, page: current, pageSize: size };
}
