import { sql, type SQL } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/access/reader-scope";
import { aclVisible, principalArray } from "@groundwork/access/sql";
import type { Term } from "./lookup-query-terms";
import type { Pair } from "./proximity-pairs";
import type { LegHit } from "./run-lexical-leg";
import { floatArray, textArray } from "./sql-fragments";

/** What one lexical query needs to be scored. */
export type LexicalQuery = {
  tx: ReaderTx;
  scope: ReaderScope;
  /** The query's terms with visible df > 0, rarest first (at most 63: one bit each in a bigint mask). */
  terms: Term[];
  /** BM25 weight per term: qtf × idf × expansion factor. */
  weights: number[];
  pairs: Pair[];
  k1: number;
  b: number;
  avgdl: number;
  contextBoost: number;
  proximity: number;
  depth: number;
  /** Chunk-level predicate over `chunks c` (ACL, source, type, tags). */
  where: SQL;
  /** Row-by-row condition over `c.document_id` (the document guard). */
  guard?: SQL;
  /** Read chunk_principal_postings (the caller's principals' key ranges) instead of chunk_postings (see runLexicalLeg). */
  byPrincipal?: boolean;
};

/** Candidates fetched beyond `depth` when phrase bonuses may reorder them (doubled while not provably enough). */
const PAIR_SLACK = 40;

/**
 * Top `depth` chunks by BM25 plus the proximity bonus, from the postings table in one statement:
 *
 * 1. One aggregate over the query terms' postings (an index-only scan of chunk_postings' key per
 *    term), BM25 from the stored body/title counts and length in float8 arithmetic, with the
 *    caller's ACL applied to each posting before it is aggregated (postings carry the chunk's
 *    ACL; RLS repeats the check). A bit per term records which terms a chunk holds.
 * 2. The phrase pairs a chunk could still earn (both lexemes held) give an upper bound; candidates
 *    sorted by it go one by one (a nested loop on the chunks' primary key, so the scan stops at the
 *    LIMIT) through the chunk filters and the document guard, and only they pay for the phrase
 *    tests on their tsvector.
 *
 * Exact: a candidate left out has an upper bound at most the last fetched one's; while that bound
 * could still beat the depth-th exact score, the statement runs again with twice the candidates.
 */
export async function scoreLexicalQuery({ query }: { query: LexicalQuery }): Promise<LegHit[]> {
  const { tx, scope, terms, weights, pairs, k1, b, avgdl, contextBoost, proximity, depth, where, guard, byPrincipal } =
    query;
  if (terms.length === 0 || depth <= 0) return [];
  const bitOf = new Map(terms.map((t, i) => [t.lexeme, 1n << BigInt(i)]));
  // bigint as text: bit 63 is the sign bit, which Postgres' bit_or and & treat like any other.
  const bits = terms.map((t) => BigInt.asIntN(64, bitOf.get(t.lexeme)!).toString());
  const active = proximity > 0 ? pairs.filter((p) => bitOf.has(p.lexemes[0]) && bitOf.has(p.lexemes[1])) : [];
  const pairMask = (p: Pair) => BigInt.asIntN(64, bitOf.get(p.lexemes[0])! | bitOf.get(p.lexemes[1])!).toString();
  const held = (p: Pair) => sql`(s.mask & ${pairMask(p)}::bigint) = ${pairMask(p)}::bigint`;
  const bound =
    active.length === 0
      ? sql`0::float8`
      : sql.join(
          active.map((p) => sql`(case when ${held(p)} then ${proximity * p.weight}::float8 else 0 end)`),
          sql` + `,
        );
  // The phrase test reads the chunk's out-of-line tsvector; only for pairs whose terms it holds.
  const bonus =
    active.length === 0
      ? sql`0::float8`
      : sql.join(
          active.map(
            (p) =>
              sql`(case when ${held(p)} and c.tsv @@ ${p.query}::tsquery then ${proximity * p.weight}::float8 else 0 end)`,
          ),
          sql` + `,
        );
  const tf = sql`(p.body_tf + ${Math.max(contextBoost, 0)}::float8 * p.title_tf)`;
  const bm25 = sql`sum(q.w * ${tf} * ${k1 + 1}::float8
                   / (${tf} + ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * p.token_count / ${avgdl}::float8)))`;
  const unnestTerms = sql`unnest(${textArray(terms.map((t) => t.lexeme))}, ${floatArray(weights)},
                      ${sql.param(bits)}::bigint[]) as q(lexeme, w, bit)`;
  // Per principal: only the postings of chunks the caller's principals hold (RLS repeats the
  // test). A chunk held through m of them comes back m times for each of its terms, so its rows
  // number m × (terms it holds) and the sum is m × its score: divided out exactly (m an integer).
  const aggregate = byPrincipal
    ? sql`select p.chunk_id, ${bm25} / (count(*) / bit_count(bit_or(q.bit)::bit(64)))::float8 as base,
                 bit_or(q.bit) as mask
          from ${unnestTerms}
          cross join unnest(${principalArray(scope)}) as r(principal)
          join chunk_principal_postings p on p.principal = r.principal and p.lexeme = q.lexeme
          group by p.chunk_id`
    : sql`select p.chunk_id, ${bm25} as base, bit_or(q.bit) as mask
          from ${unnestTerms}
          join chunk_postings p on p.lexeme = q.lexeme
          where ${aclVisible({ acl: sql`p.acl`, scope, indexable: false })}
          group by p.chunk_id`;
  const run = async (limit: number) =>
    tx.execute<{ id: string; score: number; upper: number }>(sql`
      select s.chunk_id as id, s.base + x.bonus as score, s.upper
      from (
        select a.chunk_id, a.base, a.mask, a.base + (select ${bound} from (select a.mask) as s) as upper
        from (${aggregate}
        ) as a
        order by upper desc, a.chunk_id
      ) as s
      -- One primary-key probe per candidate in bound order (offset 0 keeps the planner from
      -- turning this into a join over every candidate), so the LIMIT ends the scan early.
      cross join lateral (
        select ${bonus} as bonus from chunks c
        where c.id = s.chunk_id and ${where} and ${guard ?? sql`true`}
        offset 0
      ) as x
      order by s.upper desc, s.chunk_id
      limit ${limit}`);
  const rank = (rows: { id: string; score: number }[]) =>
    rows
      .map((r) => ({ chunkId: r.id, score: Number(r.score) }))
      .sort((x, y) => y.score - x.score || (x.chunkId < y.chunkId ? -1 : 1));
  if (active.length === 0) return rank((await run(depth)).rows);
  for (let limit = depth + PAIR_SLACK; ; limit *= 2) {
    const rows = (await run(limit)).rows;
    const top = rank(rows).slice(0, depth);
    if (rows.length < limit) return top;
    // Every chunk not fetched has score ≤ its bound ≤ the last fetched bound.
    const last = Number(rows[rows.length - 1]!.upper);
    const kth = top[depth - 1]?.score ?? -Infinity;
    if (kth > last + 1e-9 * Math.max(1, Math.abs(last))) return top;
  }
}
