import { sql, type SQL } from "drizzle-orm";
import { quoteLexeme } from "./build-tsquery";
import type { Term } from "./lookup-query-terms";

/** Posting volume (sum of df) scored in the first pass; common terms beyond it are pruned when provably harmless. */
export const CANDIDATE_BUDGET = 1_500;

/** How many of the rarest terms the first pass scores: at least one, then while their postings fit the budget. */
export function essentialTermCount({ terms, candidateBudget }: { terms: Term[]; candidateBudget: number }): number {
  let essential = 0;
  let volume = 0;
  while (essential < terms.length && (essential === 0 || volume + terms[essential]!.df <= candidateBudget)) {
    volume += terms[essential]!.df;
    essential += 1;
  }
  return essential;
}

export type Pair = { query: string; weight: number; lexemes: [string, string] };

/** Nearby query-term pairs as phrase tsqueries (`'a' <d> 'b'`, d as in the query, ≤ 3). */
export function proximityPairs({ terms }: { terms: Term[] }): Pair[] {
  const idf = new Map(terms.map((t) => [t.lexeme, t.idf]));
  const occurrences = terms.flatMap((t) => t.positions.map((p) => ({ lexeme: t.lexeme, p }))).sort((a, b) => a.p - b.p);
  const pairs = new Map<string, Pair>();
  for (let i = 0; i + 1 < occurrences.length; i++) {
    const a = occurrences[i]!;
    const b = occurrences[i + 1]!;
    const d = b.p - a.p;
    if (a.lexeme === b.lexeme || d < 1 || d > 3) continue;
    const query = `${quoteLexeme(a.lexeme)} <${d}> ${quoteLexeme(b.lexeme)}`;
    pairs.set(query, { query, weight: (idf.get(a.lexeme)! + idf.get(b.lexeme)!) / 2, lexemes: [a.lexeme, b.lexeme] });
  }
  return [...pairs.values()].slice(0, 16);
}

/**
 * The most one term can add to a chunk's BM25 score. The term-frequency factor grows with tf and
 * shrinks with length, so the corpus-wide max occurrences (title ones counted contextBoost times)
 * in the shortest chunk holding the term bounds it (`high`). A chunk outside the term's high
 * postings holds it exactly once in the body (tf 1), a much lower cap (`low`). Without stored
 * bounds both are weight × (k1 + 1).
 */
export function termBounds({
  term,
  weight,
  k1,
  b,
  avgdl,
  contextBoost,
}: {
  term: Term;
  weight: number;
  k1: number;
  b: number;
  avgdl: number;
  contextBoost: number;
}): { low: number; high: number } {
  if (term.maxTf <= 0) return { low: weight * (k1 + 1), high: weight * (k1 + 1) };
  const norm = k1 * (1 - b + (b * Math.max(term.minLength, 0)) / avgdl);
  const factor = (tf: number) => (tf * (k1 + 1)) / (tf + norm);
  const high = weight * factor(Math.max(term.maxTf + Math.max(contextBoost - 1, 0) * term.maxTitleTf, 1));
  return { low: Math.min(weight * factor(1), high), high };
}

const MAX_CLAUSES = 64;
const MAX_CLAUSE_TERMS = 4;

/** Chunks holding every `any` lexeme, with every `high` lexeme among their high postings. */
export type Clause = { any: string[]; high: string[] };

/**
 * Minimal conjunctions of pruned terms, each taken as "present" (low bound) or "a high posting"
 * (high bound), whose summed bounds plus the phrase pairs inside reach the threshold. Every
 * chunk that could reach the threshold satisfies one of them. When there are too many, falls
 * back to every term alone: still exact, just wider.
 */
export function candidateClauses({
  rest,
  pairs,
  proximity,
  threshold,
}: {
  rest: { term: Term; low: number; high: number }[];
  pairs: Pair[];
  proximity: number;
  threshold: number;
}): Clause[] {
  const all = rest.map((r) => ({ any: [r.term.lexeme], high: [] }));
  if (!Number.isFinite(threshold)) return all;
  const items = [...rest].sort((x, y) => y.high - x.high);
  const pairGain = (set: string[], lexeme: string) =>
    pairs
      .filter(
        (p) =>
          (p.lexemes[0] === lexeme && set.includes(p.lexemes[1])) ||
          (p.lexemes[1] === lexeme && set.includes(p.lexemes[0])),
      )
      .reduce((sum, p) => sum + proximity * p.weight, 0);
  // What any chunk could still add on top of a partial set: every later term and every pair.
  const allPairs = pairs.reduce((sum, p) => sum + proximity * p.weight, 0);
  const suffix = [...items.map((_, i) => items.slice(i).reduce((sum, r) => sum + r.high, 0)), 0];
  const clauses: Clause[] = [];
  let overflow = false;
  const grow = (start: number, clause: Clause, sum: number) => {
    for (let i = start; i < items.length && !overflow; i++) {
      if (sum + suffix[i]! + allPairs < threshold) return;
      const lexeme = items[i]!.term.lexeme;
      const gain = pairGain([...clause.any, ...clause.high], lexeme);
      const size = clause.any.length + clause.high.length + 1;
      // "Present" first; when that already reaches the threshold, the high variant is redundant.
      const withAny = { any: [...clause.any, lexeme], high: clause.high };
      const low = sum + items[i]!.low + gain;
      if (low >= threshold) {
        clauses.push(withAny);
      } else {
        if (size < MAX_CLAUSE_TERMS) grow(i + 1, withAny, low);
        else if (low + suffix[i + 1]! + allPairs >= threshold) overflow = true;
        const withHigh = { any: clause.any, high: [...clause.high, lexeme] };
        const high = sum + items[i]!.high + gain;
        if (high >= threshold) clauses.push(withHigh);
        else if (size < MAX_CLAUSE_TERMS) grow(i + 1, withHigh, high);
        else if (high + suffix[i + 1]! + allPairs >= threshold) overflow = true;
      }
      if (clauses.length > MAX_CLAUSES) overflow = true;
    }
  };
  grow(0, { any: [], high: [] }, 0);
  if (!overflow) return clauses;
  // Too many combinations (long queries): MaxScore instead. The terms with the smallest bounds
  // are pruned while all of them together, with every phrase pair among them, stay below the
  // threshold; a chunk holding only pruned terms cannot reach it, so every candidate holds one
  // of the others. Wider than the clauses, still exact, and never wider than every term alone.
  const pruned: string[] = [];
  let sum = 0;
  for (const r of [...rest].sort((x, y) => x.high - y.high || (x.term.lexeme < y.term.lexeme ? -1 : 1))) {
    const set = [...pruned, r.term.lexeme];
    const pairSum = pairs
      .filter((p) => set.includes(p.lexemes[0]) && set.includes(p.lexemes[1]))
      .reduce((s, p) => s + proximity * p.weight, 0);
    if (sum + r.high + pairSum >= threshold) break;
    sum += r.high;
    pruned.push(r.term.lexeme);
  }
  return all.filter((c) => !pruned.includes(c.any[0]!));
}

/**
 * The second pass's match for the clauses, and its posting volume (which picks the pass's ACL
 * form). A clause with a high literal is matched on those literals alone through the small
 * tsv_high index: a wider candidate set than the clause (still exact), at a fraction of the postings.
 */
export function secondPassMatch({
  clauses,
  volumeOf,
}: {
  clauses: Clause[];
  volumeOf: (lexemes: string[]) => number;
}): { match: SQL; volume: number } {
  const and = (lexemes: string[]) =>
    lexemes.length === 1 ? quoteLexeme(lexemes[0]!) : `(${lexemes.map(quoteLexeme).join(" & ")})`;
  const anyClauses = clauses.filter((c) => c.high.length === 0);
  const highClauses = clauses.filter((c) => c.high.length > 0);
  const arms: SQL[] = [];
  if (anyClauses.length > 0) arms.push(sql`c.tsv @@ ${anyClauses.map((c) => and(c.any)).join(" | ")}::tsquery`);
  if (highClauses.length > 0) arms.push(sql`c.tsv_high @@ ${highClauses.map((c) => and(c.high)).join(" | ")}::tsquery`);
  const volume =
    volumeOf([...new Set(anyClauses.flatMap((c) => c.any))]) +
    volumeOf([...new Set(highClauses.flatMap((c) => c.high))]) / 8;
  return { match: arms.length === 1 ? arms[0]! : sql`(${sql.join(arms, sql` or `)})`, volume };
}
