import { sql } from "drizzle-orm";
import type { Principal } from "@groundwork/auth";
import type { Database } from "@groundwork/db/client";

/** Question scaffolding Postgres' English stop list keeps; as stems. */
const FILLER_LEXEMES = ["tell", "know", "get", "pleas", "want", "need", "like", "would", "could", "much", "mani", "say", "explain", "give", "find", "anyon", "someth", "us", "may", "wonder", "look", "long", "often", "soon"];

export type TermWeight = { lexeme: string; idf: number; chunkIds: string[] };

export type Answerability = {
  /** IDF-weighted share of the question's terms found in the best single passage, 0..1. */
  coverage: number;
  bestChunkId: string | null;
  /** Per chunk id, the same coverage. */
  byChunk: Map<string, number>;
  terms: TermWeight[];
};

/**
 * How well the retrieved passages cover the question, in Postgres' own lexemes (the same
 * `english` stemming as the index). Rare terms weigh more: a question about "pets in the office"
 * is not answered by an office policy that never says "pet". Only chunks this user may see are
 * inspected (ACL predicate in the SQL).
 */
export async function checkAnswerability({
  db,
  principal,
  query,
  chunkIds,
}: {
  db: Database;
  principal: Principal;
  query: string;
  chunkIds: string[];
}): Promise<Answerability> {
  const empty: Answerability = { coverage: 0, bestChunkId: null, byChunk: new Map(), terms: [] };
  if (!query.trim()) return empty;
  const ids = JSON.stringify(chunkIds);
  // One statement, no transaction: this runs on every question, and on the embedded socket each
  // round trip of a reader-scope transaction costs more than the query. The ids come from the
  // permission-filtered search, and the ACL predicate is repeated here all the same.
  const acl = principal.isAdmin ? sql`true` : sql`c.acl && array(select jsonb_array_elements_text(${JSON.stringify(principal.principals)}::jsonb))::text[]`;
  const result = await db.execute<{ lexeme: string; df: number; n: number; hits: string[] | null }>(sql`
    with q as (
      select distinct lexeme from unnest(to_tsvector('english', ${query}))
      where lexeme not in (select jsonb_array_elements_text(${JSON.stringify(FILLER_LEXEMES)}::jsonb)) and lexeme !~ '^[0-9]+$'
    ),
    ch as (
      select c.id::text as id, tsvector_to_array(c.tsv) as lexemes from chunks c
      where c.id in (select jsonb_array_elements_text(${ids}::jsonb)::uuid) and ${acl}
    )
    select q.lexeme, coalesce(t.df, 0)::int as df,
           (select chunk_count from corpus_stats where id = 1)::int as n,
           array(select ch.id from ch where q.lexeme = any(ch.lexemes)) as hits
    from q left join term_stats t on t.lexeme = q.lexeme`);
  const rows = result.rows;
  if (rows.length === 0) return empty;
  const terms: TermWeight[] = rows.map((r) => {
    const n = Math.max(Number(r.n), 1);
    const df = Math.min(Number(r.df), n);
    return { lexeme: r.lexeme, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)), chunkIds: r.hits ?? [] };
  });
  const total = terms.reduce((s, t) => s + t.idf, 0);
  const byChunk = new Map<string, number>();
  for (const id of chunkIds) byChunk.set(id, 0);
  for (const t of terms) for (const id of t.chunkIds) byChunk.set(id, (byChunk.get(id) ?? 0) + t.idf / total);
  let bestChunkId: string | null = null;
  let coverage = 0;
  for (const id of chunkIds) {
    const c = byChunk.get(id) ?? 0;
    if (c > coverage) {
      coverage = c;
      bestChunkId = id;
    }
  }
  return { coverage, bestChunkId, byChunk, terms };
}

