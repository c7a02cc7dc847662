import { quoteLexeme } from "./build-tsquery";
import type { Term } from "./lookup-query-terms";

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
