import type { ReaderTx } from "@groundwork/access/reader-scope";
import type { SearchContext } from "./build-search-context";
import { planQuery, type QueryPlan } from "./plan-query";
import { lexicalWhere, runLexicalLeg, type LegHit } from "./run-lexical-leg";
import { timeStage } from "./time-stage";

export type LexicalPart = { plan: QueryPlan; lexical: LegHit[] };

/** Plan (`terms_ms`: term statistics, visibility, correction), then the lexical leg (`lexical_ms`) unless it is off. */
export async function runLexicalPart({ ctx, tx }: { ctx: SearchContext; tx: ReaderTx }): Promise<LexicalPart> {
  const { scope, filters, opts, legs, depth, guard, embedder, queryText, timings } = ctx;
  const plan = await timeStage({
    timings,
    key: "terms_ms",
    run: () =>
      planQuery({
        tx,
        scope,
        queryText,
        preferredModel: embedder.modelId,
        wordStats: ctx.wordStats,
        correct: opts.correct,
        expand: opts.expand,
      }),
  });
  const where = lexicalWhere({ scope, filters });
  const { k1, b, contextBoost, proximity } = opts;
  const run = () =>
    runLexicalLeg({
      tx,
      scope,
      queryText: plan.lexicalText,
      where,
      guard,
      depth,
      k1,
      b,
      contextBoost,
      proximity,
      queryTerms: plan.stats,
      termWeights: plan.termWeights,
    });
  const lexical: LegHit[] = legs.lexical ? await timeStage({ timings, key: "lexical_ms", run }) : [];
  return { plan, lexical };
}
