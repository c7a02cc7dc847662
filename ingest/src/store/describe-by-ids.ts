import { eq, inArray } from "drizzle-orm";
import { mapByIds } from "@groundwork/core/ids";
import type { Database } from "@groundwork/db/client";
import { documents, ingestionRuns, sources } from "@groundwork/db/schema";

export type DocumentLabel = { title: string; path: string; version: number; sourceName: string };
export type RunLabel = { sourceName: string; mode: string; status: string; createdAt: Date };

/**
 * Documents by id in one query, for admin pages that show ids stored elsewhere (the audit log).
 * Admin-only callers: no ACL applies. Absent from the map: not a uuid, or deleted since.
 */
export async function describeDocuments({
  db,
  ids,
}: {
  db: Database;
  ids: Iterable<string>;
}): Promise<Map<string, DocumentLabel>> {
  return mapByIds({
    ids,
    read: (wanted) =>
      db
        .select({
          id: documents.id,
          title: documents.title,
          path: documents.path,
          version: documents.version,
          sourceName: sources.name,
        })
        .from(documents)
        .innerJoin(sources, eq(sources.id, documents.sourceId))
        .where(inArray(documents.id, wanted)),
  });
}

/** Source names by id in one query (absent: not a uuid, or the source was deleted). */
export async function describeSources({
  db,
  ids,
}: {
  db: Database;
  ids: Iterable<string>;
}): Promise<Map<string, { name: string; kind: string }>> {
  return mapByIds({
    ids,
    read: (wanted) =>
      db
        .select({ id: sources.id, name: sources.name, kind: sources.kind })
        .from(sources)
        .where(inArray(sources.id, wanted)),
  });
}

/** Runs by id in one query, with their source's name. */
export async function describeRuns({
  db,
  ids,
}: {
  db: Database;
  ids: Iterable<string>;
}): Promise<Map<string, RunLabel>> {
  return mapByIds({
    ids,
    read: (wanted) =>
      db
        .select({
          id: ingestionRuns.id,
          sourceName: sources.name,
          mode: ingestionRuns.mode,
          status: ingestionRuns.status,
          createdAt: ingestionRuns.createdAt,
        })
        .from(ingestionRuns)
        .innerJoin(sources, eq(sources.id, ingestionRuns.sourceId))
        .where(inArray(ingestionRuns.id, wanted)),
  });
}
