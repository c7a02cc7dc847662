import { sql } from "drizzle-orm";
import { newId, sha256Hex, shortId } from "@groundwork/core/ids";
import { principalsFor, type Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import { chunks, documents, sources } from "@groundwork/db/schema";
import type { Embedder } from "@groundwork/models/embeddings";
import { searchChunks } from "@groundwork/retrieval";
import type { SearchOptions } from "@groundwork/retrieval";
import type { BeirDataset, BeirDoc } from "./beir-dataset";
import { mrrAt, ndcgAt, recallAt } from "./retrieval-metrics";
import { tidySearchIndexes } from "@groundwork/db/maintenance";

/** A reader who sees everything a plain employee sees (the BEIR corpus is shared with everyone). */
export function evalPrincipal(): Principal {
  const userId = newId();
  return {
    userId,
    username: "eval",
    displayName: "Evaluation",
    role: "employee",
    groups: [],
    principals: principalsFor({ userId, groups: [] }),
    isAdmin: false,
  };
}

/**
 * Writes a BEIR corpus straight into documents + chunks (one chunk per document, the title as
 * the weighted context), embedded with the given embedder. Returns chunk-document → corpus id.
 *
 * Into a scratch database, so the HNSW index is dropped for the load and built once after it
 * (the migration's definition): inserting into HNSW row by row was over half of the 53 s a
 * SciFact load took embedded (profile in this package's README).
 */
export async function ingestBeirCorpus({
  db,
  corpus,
  embedder,
  batchSize = 500,
  stages,
}: {
  db: Database;
  corpus: BeirDoc[];
  embedder: Embedder;
  batchSize?: number;
  /** Wall milliseconds per stage, added up (time-ingest reports them). */
  stages?: Record<string, number>;
}): Promise<Map<string, string>> {
  let mark = performance.now();
  // Charges the time since the previous mark to one stage.
  const lap = (stage: string) => {
    const now = performance.now();
    if (stages) stages[stage] = (stages[stage] ?? 0) + now - mark;
    mark = now;
  };
  await db.execute(sql`drop index if exists chunks_embedding_idx`);
  const [source] = await db
    .insert(sources)
    .values({ name: `beir-${shortId()}`, kind: "folder", defaultAcl: ["group:everyone"] })
    .returning({ id: sources.id });
  if (!source) throw new Error("could not create the evaluation source");
  const idByDocument = new Map<string, string>();
  for (let i = 0; i < corpus.length; i += batchSize) {
    const batch = corpus.slice(i, i + batchSize);
    lap("other");
    const vectors = await embedder.embedDocuments(batch.map((d) => `${d.title}\n${d.text}`));
    lap("embed");
    const docRows = await db
      .insert(documents)
      .values(
        batch.map((d) => ({
          sourceId: source.id,
          path: d.id,
          externalId: d.id,
          title: d.title || d.id,
          mime: "text/plain",
          contentHash: sha256Hex(d.text),
          acl: ["group:everyone"],
          normalizedText: d.text,
        })),
      )
      .returning({ id: documents.id, externalId: documents.externalId });
    for (const r of docRows) idByDocument.set(r.id, r.externalId ?? "");
    lap("insert documents");
    await db.insert(chunks).values(
      batch.map((d, j) => ({
        documentId: docRows[j]!.id,
        sourceId: source.id,
        version: 1,
        ordinal: 0,
        text: d.text,
        textHash: sha256Hex(d.text),
        context: d.title,
        headings: d.title ? [d.title] : [],
        charStart: 0,
        charEnd: d.text.length,
        embedding: vectors[j]!,
        embeddingModel: embedder.modelId,
        acl: ["group:everyone"],
        mime: "text/plain",
      })),
    );
    lap("insert chunks");
  }
  await db.execute(
    sql`create index chunks_embedding_idx on chunks using hnsw (embedding vector_cosine_ops) with (m = 16, ef_construction = 64)`,
  );
  lap("build hnsw");
  // As an ingestion run ends (GIN pending lists merged, statistics, postings vacuumed for index-only scans).
  await tidySearchIndexes({ db, changedRows: corpus.length });
  await db.execute(sql`analyze documents`);
  lap("tidy indexes");
  return idByDocument;
}

export type BeirMetrics = {
  ndcg_at_10: number;
  recall_at_100: number;
  mrr_at_10: number;
  queries: number;
  ms_per_query: number;
};

export async function evaluateBeir({
  db,
  dataset,
  idByDocument,
  embedder,
  options,
  principal = evalPrincipal(),
  queryLimit,
}: {
  db: Database;
  dataset: BeirDataset;
  idByDocument: Map<string, string>;
  embedder: Embedder;
  options?: SearchOptions;
  principal?: Principal;
  queryLimit?: number;
}): Promise<BeirMetrics> {
  const queries = queryLimit ? dataset.queries.slice(0, queryLimit) : dataset.queries;
  let ndcg = 0;
  let recall = 0;
  let mrr = 0;
  const started = performance.now();
  for (const q of queries) {
    const relevant = dataset.qrels.get(q.id) ?? new Map<string, number>();
    const response = await searchChunks({
      db,
      principal,
      query: q.text,
      limit: 100,
      embedder,
      reranker: null,
      options: { depth: 100, ...options, idsOnly: true },
    });
    const ranked: string[] = [];
    for (const r of response.results) {
      const id = idByDocument.get(r.documentId);
      if (id && !ranked.includes(id)) ranked.push(id);
    }
    ndcg += ndcgAt(10, ranked, relevant);
    recall += recallAt(100, ranked, relevant);
    mrr += mrrAt(10, ranked, relevant);
  }
  const n = Math.max(queries.length, 1);
  return {
    ndcg_at_10: ndcg / n,
    recall_at_100: recall / n,
    mrr_at_10: mrr / n,
    queries: queries.length,
    ms_per_query: (performance.now() - started) / n,
  };
}
