import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { documents, sources } from "@groundwork/db/schema";

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
    .select({
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
    })
    .from(documents)
    .innerJoin(sources, eq(sources.id, documents.sourceId))
    .where(
      and(status ? eq(documents.status, status) : undefined, sourceId ? eq(documents.sourceId, sourceId) : undefined),
    )
    .orderBy(asc(sources.name), asc(documents.path), desc(documents.version))
    .limit(limit);
}
