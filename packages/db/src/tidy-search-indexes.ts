import { sql } from "drizzle-orm";
import type { Database } from "./client";

/**
 * GIN indexes that queue inserts in a pending list (fastupdate, the default): on chunks, and the
 * trigram index typo correction searches the lexicon with (term_stats, upserted by every ingest:
 * with its pending list unmerged after a SciFact load the planner chose a sequential scan and
 * one correction took 150–200 ms instead of 1–2 ms).
 */
const GIN_INDEXES = ["chunks_tsv_idx", "chunks_acl_idx", "term_stats_lexeme_trgm_idx"] as const;

/**
 * After a batch of chunk writes (an ingestion run, a bulk load): merge the GIN pending lists
 * into the indexes and refresh planner statistics when much changed.
 *
 * Every full-text or ACL query scans a GIN index's whole pending list, so a few megabytes left
 * there after an ingest slow every search until (auto)vacuum runs — and embedded PGlite has no
 * autovacuum, nor do servers run with it off. Statistics matter because the retrieval legs rely
 * on the planner's row estimates for the ACL and full-text conditions.
 */
export async function tidySearchIndexes({
  db,
  changedRows,
}: {
  db: Database;
  changedRows: number;
}): Promise<{ merged: number; analyzed: boolean }> {
  let merged = 0;
  for (const name of GIN_INDEXES) {
    // Per leaf index: on a partitioned chunks (partition-chunks.ts) the named index is the parent's, which holds no pages.
    const r = await db.execute<{ pages: number }>(
      // pg_partition_tree lists nothing for a plain (unpartitioned) index, so that index is taken by itself.
      sql`select coalesce(sum(gin_clean_pending_list(l.relid)), 0)::int as pages from (
            select c.oid::regclass as relid from pg_class c where c.oid = ${name}::regclass and c.relkind = 'i'
            union all
            select t.relid from pg_partition_tree(${name}::regclass) t where t.isleaf and t.relid <> ${name}::regclass
          ) l`,
    );
    merged += Number(r.rows[0]?.pages ?? 0);
  }
  // Re-analyze once a tenth of the table (or 10k rows) changed: the threshold autovacuum would use.
  const count = await db.execute<{ n: number }>(sql`select chunk_count::int as n from corpus_stats where id = 1`);
  const total = Number(count.rows[0]?.n ?? 0);
  const analyzed = changedRows > 0 && changedRows >= Math.min(10_000, Math.max(50, total * 0.1));
  if (analyzed) {
    await db.execute(sql`analyze chunks`);
    await db.execute(sql`analyze term_stats`);
    // The lexical leg reads chunk_postings by an index-only scan, which must fetch the heap page
    // of every posting until VACUUM marks the pages all-visible (5x slower on SciFact). PGlite
    // has no autovacuum, and a server's may not have run yet after a bulk load.
    await db.execute(sql`vacuum (analyze) chunk_postings`);
    // Same for the per-principal postings (migration 0025), which non-admin searches read.
    await db.execute(sql`vacuum (analyze) chunk_principal_postings`);
  }
  return { merged, analyzed };
}
