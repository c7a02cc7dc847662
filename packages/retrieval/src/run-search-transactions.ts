import { databaseMode } from "@groundwork/db/client";
import { withReaderScope, type ReaderTx } from "@groundwork/access/reader-scope";
import type { SearchContext } from "./build-search-context";
import { runFinishPart, type FinishPart } from "./run-finish-part";
import { runLexicalPart, type LexicalPart } from "./run-lexical-part";
import { probeVisibility } from "./run-vector-leg";
import { runVectorPart, type VectorPart } from "./run-vector-part";

export type SearchParts = LexicalPart & VectorPart & FinishPart;

/**
 * The transaction layout: on a Postgres server the lexical part and the vector part (with its own
 * visibility probe) run in two transactions at once, then the finish part in a third; on embedded
 * PGlite, which runs one statement at a time (or with `parallelLegs: false`, or a single leg), all in one.
 */
export async function runSearchTransactions({ ctx }: { ctx: SearchContext }): Promise<SearchParts> {
  const { db, scope, opts, legs, embedder, queryVector } = ctx;
  if ((opts.parallelLegs ?? databaseMode(db) === "server") && queryVector && legs.lexical) {
    // Two transactions, each holding its connection only for its own statements (a transaction
    // that waited for the other while holding one could starve a small pool).
    const [lex, vec] = await Promise.all([
      withReaderScope({ db, scope, fn: (tx) => runLexicalPart({ ctx, tx }) }),
      withReaderScope({
        db,
        scope,
        fn: async (tx) =>
          runVectorPart({ ctx, tx, visibility: await probeVisibility({ tx, preferred: embedder.modelId, scope }) }),
      }),
    ]);
    const done = await withReaderScope({
      db,
      scope,
      fn: (tx) =>
        runFinishPart({ ctx, tx, lexical: lex.lexical, vector: vec.vector, lexicalText: lex.plan.lexicalText }),
    });
    return { ...lex, ...vec, ...done };
  }
  const noVector: VectorPart = { vector: [], vectorPath: null, model: null };
  const fn = async (tx: ReaderTx) => {
    const lex = await runLexicalPart({ ctx, tx });
    const vec = queryVector ? await runVectorPart({ ctx, tx, visibility: lex.plan.visibility }) : noVector;
    const done = await runFinishPart({
      ctx,
      tx,
      lexical: lex.lexical,
      vector: vec.vector,
      lexicalText: lex.plan.lexicalText,
    });
    return { ...lex, ...vec, ...done };
  };
  return withReaderScope({ db, scope, fn });
}
