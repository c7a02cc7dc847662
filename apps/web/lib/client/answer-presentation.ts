/**
 * How an answer is laid out, as plain data the chat and lookup components render: the passage
 * card of an offline answer, section paths, page wording, and the "Searched for" line.
 */
import { queryCorrectionSchema, type QueryCorrection } from "@groundwork/assistant/events";

export type PassageCitation = {
  n: number;
  title: string;
  headings: string[];
  pageFrom: number | null;
  pageTo: number | null;
  href: string;
};

export type Correction = QueryCorrection;

/** Title then section headings, for "Leave policy › Carry-over"; a first heading repeating the title is dropped. */
export function sectionPath({ title, headings }: { title: string; headings?: readonly string[] | null }): string[] {
  const rest = (Array.isArray(headings) ? headings : [])
    .map((h) => (typeof h === "string" ? h.trim() : ""))
    .filter(Boolean);
  const path = rest[0]?.toLowerCase() === title.trim().toLowerCase() ? rest.slice(1) : rest;
  return [title, ...path].filter(Boolean);
}

/** "page 4", "pages 4–5", or null when the passage has no page (Markdown, HTML). */
export function pageWords(pageFrom: number | null | undefined, pageTo: number | null | undefined): string | null {
  if (pageFrom == null) return null;
  return pageTo != null && pageTo !== pageFrom ? `pages ${pageFrom}–${pageTo}` : `page ${pageFrom}`;
}

/** Answers quoted from the documents without a model: these lead with a passage card. */
export function isOfflineMode(mode: string | null | undefined): boolean {
  return mode === "extractive" || mode === "fallback";
}

/**
 * The passage an offline answer leads with and up to two supporting ones. The lead is the
 * citation the answer text quotes first (its key sentences are the answer text), the others are
 * the remaining openable citations in the order the answer cites them.
 */
export function offlineLayout<C extends PassageCitation>({
  content,
  citations,
}: {
  content: string;
  citations: readonly C[];
}): { lead: C; supporting: C[] } | null {
  const openable = citations.filter((c) => typeof c.href === "string" && c.href);
  if (openable.length === 0) return null;
  const order = [...content.matchAll(/\[(\d{1,3})\]/g)].map((m) => Number(m[1]));
  const rank = (c: C) => {
    const at = order.indexOf(c.n);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const sorted = openable.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i);
  const [lead, ...rest] = sorted.map((x) => x.c);
  return { lead: lead!, supporting: rest.slice(0, 2) };
}

/**
 * Corrections as the API sent them (an answer event, a stored message, a search response),
 * keeping only pairs the answer contract accepts that changed something.
 */
export function validCorrections(value: unknown): Correction[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((c) => {
    const parsed = queryCorrectionSchema.safeParse(c);
    return parsed.success && parsed.data.from !== parsed.data.to && parsed.data.to !== "" ? [parsed.data] : [];
  });
}

export type SearchedFor = {
  /** The query with each corrected word in place; `corrected` marks the replacements. */
  parts: Array<{ text: string; corrected: boolean }>;
  /** The words as typed, for "you typed hearnig, servcies". */
  typed: string[];
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The "Searched for …" line: the query as typed with the corrected words swapped in. A word the
 * text does not contain (the question was condensed from a follow-up) is listed after it, so
 * every correction shows. Null when nothing was corrected: then nothing is shown at all.
 */
export function searchedFor({
  text,
  corrections,
}: {
  text: string;
  corrections: readonly Correction[];
}): SearchedFor | null {
  const valid = validCorrections(corrections);
  if (valid.length === 0) return null;
  const byWord = new Map(valid.map((c) => [c.from.toLowerCase(), c.to]));
  const re = new RegExp(
    `(?<![\\p{L}\\p{N}])(${valid.map((c) => escapeRe(c.from)).join("|")})(?![\\p{L}\\p{N}])`,
    "giu",
  );
  const parts: SearchedFor["parts"] = [];
  const seen = new Set<string>();
  let last = 0;
  const source = text.replace(/\s+/g, " ").trim();
  for (const m of source.matchAll(re)) {
    const typed = m[0];
    const to = byWord.get(typed.toLowerCase())!;
    if (m.index > last) parts.push({ text: source.slice(last, m.index), corrected: false });
    // Keep the capital of a sentence-initial word ("Hearnig" → "Hearing").
    parts.push({ text: /^\p{Lu}/u.test(typed) ? to.charAt(0).toUpperCase() + to.slice(1) : to, corrected: true });
    seen.add(typed.toLowerCase());
    last = m.index + typed.length;
  }
  if (last < source.length) parts.push({ text: source.slice(last), corrected: false });
  const missing = valid.filter((c) => !seen.has(c.from.toLowerCase()));
  if (seen.size === 0) {
    // None found in the text: show the corrected words alone.
    return {
      parts: missing.flatMap((c, i) => [
        ...(i ? [{ text: ", ", corrected: false }] : []),
        { text: c.to, corrected: true },
      ]),
      typed: missing.map((c) => c.from),
    };
  }
  for (const c of missing) parts.push({ text: ", ", corrected: false }, { text: c.to, corrected: true });
  return { parts, typed: valid.map((c) => c.from) };
}
