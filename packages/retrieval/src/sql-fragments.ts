import { sql, type SQL } from "drizzle-orm";
import type { ReaderScope } from "@groundwork/access/reader-scope";
import { aclCountKeys, aclVisible, heldPrincipal } from "@groundwork/access/sql";
import { documentStatusVisible } from "@groundwork/access/visibility";
import { mimesForKinds } from "@groundwork/ingest/formats";
import type { SearchFilters } from "./types";

/**
 * SQL pieces every leg shares. Arrays travel as one bound parameter (never spliced into the
 * text), so any principal, tag or MIME string is data, not syntax. A bound array (rather than
 * a subquery) lets the planner see the values and estimate ACL selectivity per caller.
 */
export function uuidArray(values: readonly string[]): SQL {
  return sql`${sql.param([...values])}::uuid[]`;
}

export function textArray(values: readonly string[]): SQL {
  return sql`${sql.param([...values])}::text[]`;
}

export function floatArray(values: readonly number[]): SQL {
  return sql`${sql.param([...values])}::float8[]`;
}

/** MIME types a type filter names: MIME types as given, kinds through ingest's format registry. */
export function mimesFor(types: readonly string[]): string[] {
  return mimesForKinds(types);
}

/**
 * The first wall for a `chunks c` alias (see @groundwork/access/sql: RLS repeats it as the second
 * wall). `indexable: false` keeps the planner off the acl GIN index (see aclVisible for when).
 */
export function chunkAcl(scope: ReaderScope, { indexable = true }: { indexable?: boolean } = {}): SQL {
  return aclVisible({ acl: sql`c.acl`, scope, indexable });
}

/**
 * The live-document guard for a relation aliased `c` with a `document_id` column: the document is
 * active (or not deleted, with superseded versions asked for), updated after the filter date, and
 * visible. Superseded versions have no chunks, but the guard keeps a half-finished re-ingest
 * invisible. A scalar subquery, not EXISTS: the planner must not turn it into a join that starts
 * from documents; it is checked per row, after the indexed conditions.
 */
export function documentGuard(scope: ReaderScope, filters: SearchFilters = {}): SQL {
  const doc: SQL[] = [
    documentStatusVisible({ status: sql`d.status`, includeSuperseded: Boolean(filters.includeSuperseded) }),
  ];
  if (filters.updatedAfter) doc.push(sql`d.updated_at > ${filters.updatedAfter.toISOString()}::timestamptz`);
  if (!scope.isAdmin) doc.push(aclVisible({ acl: sql`d.acl`, scope }));
  return sql`coalesce((select ${sql.join(doc, sql` and `)} from documents d where d.id = c.document_id), false)`;
}

/** Chunk-level filters (ACL, source, type, tags) plus, unless turned off, the document guard; for a `chunks c` alias. */
export function chunkFilters(
  scope: ReaderScope,
  filters: SearchFilters = {},
  { documentGuard: withGuard = true, aclIndexable = true }: { documentGuard?: boolean; aclIndexable?: boolean } = {},
): SQL {
  const parts: SQL[] = [chunkAcl(scope, { indexable: aclIndexable })];
  if (filters.sourceIds) parts.push(sql`c.source_id::text = any(${textArray(filters.sourceIds)})`);
  if (filters.sourceNames) {
    parts.push(sql`c.source_id in (select s.id from sources s where s.name = any(${textArray(filters.sourceNames)}))`);
  }
  if (filters.types) parts.push(sql`c.mime = any(${textArray(mimesFor(filters.types))})`);
  if (filters.tags) parts.push(sql`c.tags && ${textArray(filters.tags)}`);
  if (withGuard) parts.push(documentGuard(scope, filters));
  return sql.join(parts, sql` and `);
}

/**
 * Document frequency of `lexeme` (an SQL expression) among the chunks the caller may read, each
 * counted once. When no chunk the caller reads names two of their principals (one principal per
 * ACL, as folders produce), that is the sum of the per-principal counts (term_principal_stats),
 * a few primary-key lookups. When some do, the sum would count those chunks once per principal,
 * so the lexeme's postings are counted instead (an index-only range scan of chunk_postings,
 * whose ACL copy is the chunk's): exact, at the cost of the postings the lexical leg reads anyway.
 * Either way only visible chunks count: a word that occurs only in documents the caller cannot
 * read has df 0, as if it occurred nowhere. Admins read everything and get the corpus-wide figure.
 */
export function visibleDf(scope: ReaderScope, lexeme: SQL): SQL {
  if (scope.isAdmin) return sql`(select coalesce(max(t.df), 0) from term_stats t where t.lexeme = ${lexeme})`;
  const summed = sql`(select coalesce(sum(p.df), 0) from term_principal_stats p where ${heldPrincipal({ principal: sql`p.principal`, scope })} and p.lexeme = ${lexeme})`;
  const counted = sql`(select count(*) from chunk_postings p where p.lexeme = ${lexeme} and ${aclVisible({ acl: sql`p.acl`, scope, indexable: false })})`;
  // Postgres evaluates only the CASE branch it takes; the overlap test is uncorrelated (once per statement).
  return sql`(case when ${sharedChunks(scope)} then ${counted} else ${summed} end)`;
}

/** Chunks the caller may read (the N behind their idf figures), each counted once (chunk_acl_counts). */
export function visibleChunkCount(scope: ReaderScope): SQL {
  if (scope.isAdmin) return sql`(select chunk_count::bigint from corpus_stats where id = 1)`;
  return sql`(select coalesce(sum(a.n), 0)::bigint from chunk_acl_counts a where ${aclVisible({ acl: sql`a.acl`, scope })})`;
}

/**
 * True when some chunk the caller may read names two or more of their principals: the
 * per-principal counts (chunk_counts) then add up to more than the distinct chunks.
 */
function sharedChunks(scope: ReaderScope): SQL {
  return sql`(${summedPrincipalChunks(scope)} > ${visibleChunkCount(scope)})`;
}

/** The caller's principals' chunk counts (chunk_counts) added up: a shared chunk counts once per principal. */
function summedPrincipalChunks(scope: ReaderScope): SQL {
  return sql`(select coalesce(sum(n), 0) from chunk_counts where key = any(${aclCountKeys(scope)}))`;
}

/**
 * Chunks held by each of the caller's principals, summed (a chunk shared by two counts twice):
 * how many rows the lexical leg reads per lexeme-share from chunk_principal_postings. Null for
 * admins, who read chunk_postings.
 */
export function principalChunkSum(scope: ReaderScope): SQL {
  if (scope.isAdmin) return sql`null::float8`;
  return sql`${summedPrincipalChunks(scope)}::float8`;
}

/**
 * A json object word → visible df (the largest over the word's `english` lexemes; null when
 * Postgres drops the word as a stop word), for callers that weigh words by rarity.
 */
export function wordStatsSql(scope: ReaderScope, words: readonly string[]): SQL {
  return sql`(select coalesce(json_object_agg(w.word, x.df), '{}'::json)
    from unnest(${textArray([...new Set(words)])}) as w(word)
    cross join lateral (
      select case when count(u.lexeme) = 0 then null else max(${visibleDf(scope, sql`u.lexeme`)}) end as df
      from unnest(to_tsvector('english', w.word)) as u
    ) as x)`;
}

/** Reads wordStatsSql's json into a map (null: a stop word to Postgres). */
export function readWordStats(value: unknown): Map<string, number | null> {
  const out = new Map<string, number | null>();
  if (value && typeof value === "object")
    for (const [w, df] of Object.entries(value as Record<string, unknown>)) out.set(w, df === null ? null : Number(df));
  return out;
}
