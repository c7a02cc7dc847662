import type { SearchResponse } from "@groundwork/retrieval";
import { answerabilityFeatures, answerProbability, concentrationFeatures } from "./answerability-model";
import { checkAnswerability, type Answerability } from "./check-answerability";
import type { AssistantEnv } from "./env";
import type { AnswerConfidence, ClosestDocument, NumberedSource } from "./types";
import { viewerHref } from "@groundwork/core/viewer-href";

/** Up to three distinct documents from the user's own results, best first — safe to show on abstention. */
export function closestDocuments({
  search,
  answerability,
}: {
  search: SearchResponse;
  answerability: Answerability;
}): ClosestDocument[] {
  const seen = new Set<string>();
  const out: ClosestDocument[] = [];
  for (const r of search.results) {
    if (seen.has(r.documentId)) continue;
    // A passage sharing no word with the question is noise, not "closest".
    if ((answerability.byChunk.get(r.chunkId) ?? 0) <= 0) continue;
    seen.add(r.documentId);
    out.push({
      documentId: r.documentId,
      title: r.title,
      path: r.path,
      owner: r.owner,
      score: r.score,
      href: viewerHref({ documentId: r.documentId, chunkId: r.chunkId, charStart: r.charStart, charEnd: r.charEnd }),
    });
    if (out.length === 3) break;
  }
  return out;
}

/**
 * From the caller's own search results to what the answer stands on: the numbered passages,
 * whether they answer the question (else the assistant declines) and, for an offline answer,
 * whether it presents an answer or the closest passage. A pure function of the search response
 * (whose statistics count only what the caller may read), so the evaluation can replay it.
 */
export function decideAnswer({ search, env }: { search: SearchResponse; env: AssistantEnv }): {
  sources: NumberedSource[];
  answerability: Answerability;
  answerable: boolean;
  confidence: AnswerConfidence;
} {
  const query = search.searchedQuery;
  const rarity = { chunkCount: search.chunkCount, df: search.wordStats };
  const numbered = search.results.slice(0, env.GROUNDWORK_ANSWER_SOURCES).map((r, i) => ({ ...r, n: i + 1 }));
  const answerability = checkAnswerability({ query, results: search.results, rarity, expansions: search.expansions });
  const { coverage, focus } = answerability;
  // A question naming something the caller's documents never mention ("study leave" against a
  // passage on annual leave) is at best near its passage, however well its other words match:
  // with a strong match it is shown as the closest passage, not as an answer; with a weak one it
  // is declined. (Declining every such question was measured: it gained out-of-scope declines
  // on the tuning halves but lost more answerable held-out questions.)
  const namesAbsent = answerability.brokenGroups.length > 0;
  let sure: boolean;
  let near: boolean;
  if (env.GROUNDWORK_ANSWERABILITY === "model") {
    // The model weighs the same signals plus how concentrated the top passages are in one
    // document (answerability-model.ts); a phrase naming something absent is one of its inputs.
    const p = answerProbability(
      answerabilityFeatures({
        results: search.results,
        answerability,
        documentChunks: search.documentChunks,
        chunkCount: search.chunkCount,
      }),
    );
    sure = p >= env.GROUNDWORK_ANSWER_PROBABILITY && !namesAbsent;
    near = p >= env.GROUNDWORK_CLOSEST_PROBABILITY;
  } else {
    const strong = coverage >= env.GROUNDWORK_ABSTAIN_THRESHOLD && focus >= env.GROUNDWORK_FOCUS_THRESHOLD;
    // A weaker match is the closest passage only when retrieval's top passages point to its
    // document more than that document's share of the caller's chunks would by chance: an
    // out-of-scope question's common words scatter over unrelated documents.
    sure = strong && !namesAbsent;
    near =
      coverage >= env.GROUNDWORK_CLOSEST_THRESHOLD &&
      focus >= env.GROUNDWORK_CLOSEST_FOCUS_THRESHOLD &&
      (strong || !namesAbsent) &&
      // The concentration is computed only for a weaker match the condition is on for (the
      // binomial tail per question is no cost worth paying for a decision already made).
      (strong ||
        env.GROUNDWORK_CLOSEST_SURPRISE <= 0 ||
        concentrationFeatures({
          results: search.results,
          documentChunks: search.documentChunks,
          chunkCount: search.chunkCount,
        }).sameDocumentSurprise >= env.GROUNDWORK_CLOSEST_SURPRISE);
  }
  const answerable = numbered.length > 0 && (sure || near);
  // Passages that share nothing with the question only distract the model and the extractor.
  const sources = numbered
    .filter((s, i) => i === 0 || (answerability.byChunk.get(s.chunkId) ?? 0) > 0)
    .map((s, i) => ({ ...s, n: i + 1 }));
  return { sources, answerability, answerable, confidence: sure ? "answer" : "closest" };
}
