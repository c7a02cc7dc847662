import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { documents } from "@groundwork/db/schema";
import { supersedeDocument } from "./store-document";

/** Applies front-matter `supersedes:` links: the older document leaves search, keeps its row. */
export async function applySupersedes({ db, sourceId }: { db: Database; sourceId: string }) {
  const linked = await db
    .select({ id: documents.id, path: documents.path, metadata: documents.metadata })
    .from(documents)
    .where(
      and(eq(documents.sourceId, sourceId), eq(documents.status, "active"), sql`${documents.metadata} ? 'supersedes'`),
    );
  if (!linked.length) return;
  const targets = linked.map((l) => String(l.metadata.supersedes));
  const olds = await db
    .select({ id: documents.id, path: documents.path })
    .from(documents)
    .where(and(eq(documents.sourceId, sourceId), eq(documents.status, "active"), inArray(documents.path, targets)));
  if (!olds.length) return;
  await db.transaction(async (tx) => {
    for (const old of olds) {
      const newer = linked.find((l) => l.metadata.supersedes === old.path && l.id !== old.id);
      if (newer) await supersedeDocument({ tx, oldId: old.id, newId: newer.id });
    }
  });
}
