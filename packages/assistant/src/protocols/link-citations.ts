import { z } from "zod";
import type { Citation } from "../events";

/**
 * A citation as the developer protocols return it (the `citations` array of a chat completion,
 * an MCP answer): the passage's document and the viewer URL that opens it highlighted.
 */
export const apiCitationSchema = z.strictObject({
  /** The `[n]` marker in the answer text. */
  n: z.number().int(),
  title: z.string(),
  /** Absolute URL of the viewer at the cited passage (opens for the signed-in reader only). */
  url: z.string(),
  documentId: z.string(),
  chunkId: z.string(),
  sourceName: z.string(),
  path: z.string(),
  page: z.number().int().nullable(),
  pageTo: z.number().int().nullable(),
  /** The cited passage's text as the verifier matched it. */
  quote: z.string(),
});
export type ApiCitation = z.infer<typeof apiCitationSchema>;

/** Relative viewer links made absolute against the public origin, so they work outside the web app. */
export function absoluteUrl({ href, baseUrl }: { href: string; baseUrl: string }): string {
  return new URL(href, baseUrl).toString();
}

export function toApiCitations({
  citations,
  baseUrl,
}: {
  citations: readonly Citation[];
  baseUrl: string;
}): ApiCitation[] {
  return citations.map((c) => ({
    n: c.n,
    title: c.title,
    url: absoluteUrl({ href: c.href, baseUrl }),
    documentId: c.documentId,
    chunkId: c.chunkId,
    sourceName: c.sourceName,
    path: c.path,
    page: c.pageFrom,
    pageTo: c.pageTo,
    quote: c.snippet,
  }));
}

/** Markdown link titles are quoted; a quote or backslash inside would end the title early. */
function linkTitle(text: string): string {
  return text.replace(/["\\]/g, "").replace(/\s+/g, " ").slice(0, 200);
}

/**
 * The tail an answer's text ends with: a visible "Sources" list of markdown links and the
 * reference definitions that turn each `[n]` marker (rewritten by createCitationLinker) into a
 * link to the viewer. Empty for an answer without citations.
 */
export function citationReferences({ citations }: { citations: readonly ApiCitation[] }): string {
  if (citations.length === 0) return "";
  const list = citations.map(
    (c) => `${c.n}. [${c.title.replace(/[[\]]/g, "")}${c.page != null ? `, p. ${c.page}` : ""}](<${c.url}>)`,
  );
  const defs = citations.map((c) => `[gw-${c.n}]: <${c.url}> "${linkTitle(c.title)}"`);
  return `\n\nSources:\n${list.join("\n")}\n\n${defs.join("\n")}`;
}

/**
 * Rewrites citation markers in streamed text: `[2]` becomes `[[2]][gw-2]`, a markdown
 * reference link whose definition citationReferences appends, so the marker reads the same and
 * opens the passage — and `[2][3]` stays two links (bare `[2][3]` would be one link labelled 3).
 * The definitions come last because the viewer URLs are known only once citations are verified.
 * A marker split across two deltas is held back until it is complete.
 */
export function createCitationLinker(): { push(text: string): string; flush(): string } {
  return createMarkerRewriter({ replace: (n) => `[[${n}]][gw-${n}]` });
}

/**
 * Streams text through `replace` for every complete `[n]` marker (n of 1–3 digits), holding back
 * a marker split across two deltas until it is complete; `replace` returning null keeps the
 * marker as written. The one buffering rule behind every protocol's citation rewriting.
 */
export function createMarkerRewriter({ replace }: { replace: (n: string) => string | null }): {
  push(text: string): string;
  flush(): string;
} {
  let pending = "";
  const rewrite = (text: string) => text.replace(/\[(\d{1,3})\]/g, (m, n: string) => replace(n) ?? m);
  return {
    push(text) {
      const all = pending + text;
      const cut = /\[\d{0,3}$/.exec(all);
      pending = cut ? cut[0] : "";
      return rewrite(cut ? all.slice(0, cut.index) : all);
    },
    flush() {
      const rest = rewrite(pending);
      pending = "";
      return rest;
    },
  };
}
