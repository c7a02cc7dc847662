import { viewerHref } from "@groundwork/core/viewer-href";
import type { Embedder } from "@groundwork/models/embeddings";
import { supportingRange } from "./text/supporting-range";
import { isSeparatorLine } from "./text/tables";
import { contentTerms, cosine, numbersIn, sameStem, splitSentences } from "./text/terms";
import type { AnswerFlag, Citation, NumberedSource, SentenceSupport } from "./types";

export type Verification = { citations: Citation[]; flags: AnswerFlag[]; supports: SentenceSupport[] };

/** The exact passage behind `[n]`; `range` narrows it to quoted sentences when the chunk text maps 1:1 onto the document. */
export function resolveCitation(source: NumberedSource, range?: { start: number; end: number }): Citation {
  const exact = source.text.length === source.charEnd - source.charStart;
  const charStart = range && exact ? source.charStart + range.start : source.charStart;
  const charEnd = range && exact ? source.charStart + range.end : source.charEnd;
  return {
    n: source.n,
    chunkId: source.chunkId,
    documentId: source.documentId,
    title: source.title,
    path: source.path,
    sourceName: source.sourceName,
    version: source.version,
    pageFrom: source.pageFrom,
    pageTo: source.pageTo,
    headings: source.headings,
    charStart,
    charEnd,
    href: viewerHref({ documentId: source.documentId, chunkId: source.chunkId, charStart, charEnd }),
    snippet: source.snippet,
  };
}

export function citedNumbers(sentence: string): number[] {
  const out: number[] = [];
  for (const m of sentence.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g))
    for (const x of m[1]!.split(",")) out.push(Number(x.trim()));
  return [...new Set(out)];
}

/** Share of the sentence's content words found in the passage, 0..1. */
export function lexicalSupport(sentence: string, passage: string): number {
  const terms = [...new Set(contentTerms(sentence))];
  if (terms.length === 0) return 1;
  const passageTerms = [...new Set(contentTerms(passage))];
  const found = terms.filter((t) => passageTerms.some((p) => sameStem(p, t))).length;
  return found / terms.length;
}

/** Numbers in the sentence that the passage never states — a wrong figure is the costliest error. */
export function missingNumbers(sentence: string, passage: string): string[] {
  const have = new Set(numbersIn(passage));
  return numbersIn(sentence).filter((x) => !have.has(x));
}

// A sentence this short with no facts ("Here is what I found:") needs no citation.
function isConnective(sentence: string): boolean {
  return contentTerms(sentence).length < 3 && numbersIn(sentence).length === 0;
}

/**
 * Scores each sentence of an answer against the passages it cites: content-word overlap,
 * every number present, and — when a real embedding model is configured — semantic similarity
 * so faithful paraphrases are not flagged. Sentences below the threshold, and factual
 * sentences without any citation, are flagged; nothing is silently dropped.
 */
export async function verifyAnswer({
  text,
  sources,
  embedder = null,
  threshold = 0.5,
  ranges,
}: {
  text: string;
  sources: NumberedSource[];
  embedder?: Embedder | null;
  threshold?: number;
  /** Extractive answers know the exact sentence each citation quotes. */
  ranges?: Map<number, { start: number; end: number }>;
}): Promise<Verification> {
  const byN = new Map(sources.map((s) => [s.n, s]));
  const sentences = splitSentences(text).map((s) => s.text);
  const supports: SentenceSupport[] = [];
  const flags: AnswerFlag[] = [];
  const cited = new Set<number>();

  let vectors: number[][] | null = null;
  const sourceVector = new Map<number, number[]>();
  if (embedder) {
    try {
      const citedSources = [...new Set(sentences.flatMap(citedNumbers))]
        .map((n) => byN.get(n))
        .filter((s): s is NumberedSource => !!s);
      const embedded = await embedder.embedDocuments([
        ...sentences.map((s) => s.replace(/\[\d+(?:\s*,\s*\d+)*\]/g, "")),
        ...citedSources.map((s) => s.text),
      ]);
      vectors = embedded;
      citedSources.forEach((s, i) => sourceVector.set(s.n, embedded[sentences.length + i]!));
    } catch {
      vectors = null; // verification degrades to lexical support
    }
  }

  sentences.forEach((sentence, index) => {
    const nums = citedNumbers(sentence).filter((n) => byN.has(n));
    nums.forEach((n) => cited.add(n));
    if (nums.length === 0) {
      // A markdown table's header row names columns; the rows under it carry the citations.
      const header = /^\|.*\|$/.test(sentence) && isSeparatorLine(sentences[index + 1] ?? "");
      if (!isConnective(sentence) && !header)
        flags.push({ sentence, index, citations: [], support: 0, reason: "uncited" });
      supports.push({ index, sentence, citations: [], support: 0 });
      return;
    }
    let best = 0;
    let bestMissing: string[] = [];
    for (const n of nums) {
      const passage = byN.get(n)!;
      const passageText = `${passage.title}\n${passage.headings.join("\n")}\n${passage.text}`;
      let score = lexicalSupport(sentence, passageText);
      const sv = vectors?.[index];
      const pv = sourceVector.get(n);
      if (sv && pv) score = Math.max(score, Math.min(1, Math.max(0, (cosine(sv, pv) - 0.5) / 0.4)));
      const missing = missingNumbers(sentence, passageText);
      if (missing.length) score = Math.min(score, 0.25);
      if (score > best || (score === best && missing.length < bestMissing.length)) {
        best = score;
        bestMissing = missing;
      }
    }
    const support = Math.round(best * 1000) / 1000;
    supports.push({ index, sentence, citations: nums, support });
    if (support < threshold)
      flags.push({
        sentence,
        index,
        citations: nums,
        support,
        reason: bestMissing.length ? "number_mismatch" : "unsupported",
      });
  });

  // Extractive answers know the sentence they quote; a written answer's citation is narrowed to
  // the passage sentences its citing sentences rest on, so the viewer marks those, not the chunk.
  const rangeOf = (n: number) =>
    ranges?.get(n) ??
    supportingRange({
      sentences: sentences.filter((s) => citedNumbers(s).includes(n)),
      passage: byN.get(n)!.text,
    }) ??
    undefined;
  const citations = [...cited].sort((a, b) => a - b).map((n) => resolveCitation(byN.get(n)!, rangeOf(n)));
  return { citations, flags, supports };
}
