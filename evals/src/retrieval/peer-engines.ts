import MiniSearch from "minisearch";
import bm25 from "wink-bm25-text-search";
import nlp from "wink-nlp-utils";
import { sql } from "drizzle-orm";
import type { Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import { scopeOf, withReaderScope } from "@groundwork/access/reader-scope";
import { chunkAcl, orTsquery } from "@groundwork/retrieval/legs";

/**
 * The peers bench:retrieval measures Groundwork against, fed the same documents and queries:
 * two in-memory JavaScript engines (wink-bm25-text-search, MiniSearch) and PostgreSQL's own
 * full-text ranking over the same chunks table. Each answers document ids, best first.
 */
export type PeerDoc = { id: string; title: string; text: string };
export type PeerEngine = { name: string; buildMs: number; search(query: string, k: number): Promise<string[]> };

/** English analysis both JavaScript peers share: lower case, words, stop words out, Porter2 stems. */
function analyse(text: string): string[] {
  return nlp.tokens.stem(nlp.tokens.removeWords(nlp.string.tokenize0(nlp.string.lowerCase(text))));
}

/** wink-bm25-text-search with its defaults (k1 1.2, b 0.75), the title weighted twice like Groundwork's context. */
export function buildWink(docs: readonly PeerDoc[]): PeerEngine {
  const started = performance.now();
  const engine = bm25();
  engine.defineConfig({ fldWeights: { title: 2, body: 1 } });
  engine.definePrepTasks([analyse]);
  for (const d of docs) engine.addDoc({ title: d.title, body: d.text }, d.id);
  engine.consolidate();
  return {
    name: "wink-bm25-text-search",
    buildMs: performance.now() - started,
    search: async (q, k) => engine.search(q, k).map(([id]) => id),
  };
}

/** MiniSearch (its BM25+ ranking) over title and text, OR of the query terms, title boosted 2. */
export function buildMiniSearch(docs: readonly PeerDoc[]): PeerEngine {
  const started = performance.now();
  // One term at a time: stop words dropped (an empty removeWords result), the rest stemmed;
  // remembered per word, as a real integration would.
  const stems = new Map<string, string | null>();
  const mini = new MiniSearch<PeerDoc>({
    fields: ["title", "text"],
    storeFields: [],
    processTerm: (term) => {
      const lower = term.toLowerCase();
      let stem = stems.get(lower);
      if (stem === undefined) {
        stem = nlp.tokens.removeWords([lower]).length === 0 ? null : nlp.string.stem(lower);
        stems.set(lower, stem);
      }
      return stem;
    },
    searchOptions: { boost: { title: 2 }, combineWith: "OR" },
  });
  mini.addAll(docs);
  return {
    name: "MiniSearch + stemmer",
    buildMs: performance.now() - started,
    search: async (q, k) =>
      mini
        .search(q)
        .slice(0, k)
        .map((r) => String(r.id)),
  };
}

/**
 * PostgreSQL full-text search as a peer: the query's lexemes as an OR tsquery, ranked by
 * `ts_rank(tsv, q, 1)` (length-normalised), permission-filtered like every Groundwork leg.
 * `externalIdOf` maps a chunk's document to the corpus id.
 */
export function postgresFts({
  db,
  principal,
  externalIdOf,
}: {
  db: Database;
  principal: Principal;
  externalIdOf: ReadonlyMap<string, string>;
}): PeerEngine {
  const scope = scopeOf(principal);
  return {
    name: "PostgreSQL FTS, OR, ts_rank",
    buildMs: 0,
    search: async (query, k) => {
      const r = await withReaderScope({
        db,
        scope,
        fn: (tx) =>
          tx.execute<{ document_id: string }>(sql`
            select c.document_id from chunks c, (select ${orTsquery(query)} as q) q
            where c.tsv @@ q.q and ${chunkAcl(scope)}
            order by ts_rank(c.tsv, q.q, 1) desc, c.id
            limit ${k}`),
      });
      return r.rows.map((row) => externalIdOf.get(row.document_id) ?? "");
    },
  };
}
