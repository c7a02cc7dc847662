/**
 * Output hygiene for model text, applied while it streams: citations to numbers that were not
 * provided are removed, markdown images and HTML are dropped (an image URL is fetched the moment
 * the answer renders — the classic prompt-injection exfiltration channel), and links are kept
 * only when relative or to an allowlisted host.
 */
import { isAllowedHttpsUrl, isSafeLocalPath } from "@groundwork/auth/safe-url";

export type SanitizeReport = { citations: number[]; images: number; links: string[] };

export type AnswerSanitizer = {
  /** Feed a delta; returns the text that is safe to show now (may be empty while a construct is open). */
  push(text: string): string;
  /** End of stream: returns whatever was held back. */
  flush(): string;
  readonly report: SanitizeReport;
};

// Past this, a still-open bracket is treated as text (escaped) so a stream never stalls.
const MAX_HOLD = 1_500;

/**
 * A link may stay when it is a same-origin path no browser can reinterpret as another origin
 * (`/\evil.example`, `/%09/evil.example` and `//evil.example` are all off-site in a browser),
 * an in-page anchor, or https to an allowlisted host.
 */
function hostAllowed(url: string, allowedHosts: readonly string[]): boolean {
  if (url.startsWith("#")) return /^#[\w-]*$/.test(url);
  if (url.startsWith("/")) return isSafeLocalPath(url);
  return isAllowedHttpsUrl({ href: url, allowedHosts });
}

function sanitizeSegment(
  text: string,
  maxCitation: number,
  allowedHosts: readonly string[],
  report: SanitizeReport,
): string {
  let out = text;
  out = out.replace(/\s*(?:!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\])/g, () => {
    report.images += 1;
    return "";
  });
  // Reference definitions can smuggle a URL that a later [text][ref] renders.
  out = out.replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, (m) => {
    report.links.push(m.trim());
    return "";
  });
  out = out.replace(/\s*<\s*\/?\s*[a-zA-Z][^>]*>/g, (m) => {
    if (/^\s*<\s*img/i.test(m)) report.images += 1;
    return "";
  });
  out = out.replace(/\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g, (_m, label: string, url: string) => {
    if (hostAllowed(url, allowedHosts)) return `[${label}](${url})`;
    report.links.push(url);
    return label;
  });
  out = out.replace(/\b(?:https?:\/\/|www\.)[^\s<>()\]]+/gi, (url) => {
    const clean = url.replace(/[.,;:!?]+$/, "");
    const tail = url.slice(clean.length);
    if (hostAllowed(clean.startsWith("www.") ? `https://${clean}` : clean, allowedHosts)) return url;
    report.links.push(clean);
    return `[link removed]${tail}`;
  });
  out = out.replace(/(\s*)\[(\d+(?:\s*,\s*\d+)*)\]/g, (_m, space: string, list: string) => {
    const nums = list.split(",").map((s) => Number(s.trim()));
    const kept = [...new Set(nums.filter((n) => Number.isInteger(n) && n >= 1 && n <= maxCitation))];
    for (const n of nums) if (!kept.includes(n)) report.citations.push(n);
    return kept.length ? `${space}${kept.map((n) => `[${n}]`).join("")}` : "";
  });
  return out;
}

/**
 * Index up to which `buffer` can be released: the last whitespace outside any open `[`, `(` of
 * a link, or `<` tag — so a construct is always sanitised whole, never in two halves.
 */
function safeCut(buffer: string): number {
  let square = 0;
  let paren = 0;
  let angle = 0;
  let cut = 0;
  for (let i = 0; i < buffer.length; i++) {
    const ch = buffer[i]!;
    if (ch === "[") square += 1;
    else if (ch === "]") {
      square = Math.max(0, square - 1);
      if (buffer[i + 1] === "(") paren += 1;
    } else if (ch === ")" && paren > 0) paren -= 1;
    else if (ch === "<") angle += 1;
    else if (ch === ">") angle = Math.max(0, angle - 1);
    else if (/\s/.test(ch) && square === 0 && paren === 0 && angle === 0 && buffer[i - 1] !== "!") cut = i;
  }
  return cut;
}

export function createAnswerSanitizer({
  maxCitation,
  allowedHosts = [],
}: {
  maxCitation: number;
  allowedHosts?: readonly string[];
}): AnswerSanitizer {
  const report: SanitizeReport = { citations: [], images: 0, links: [] };
  let buffer = "";
  return {
    report,
    push(text) {
      buffer += text;
      let cut = safeCut(buffer);
      if (cut === 0 && buffer.length > MAX_HOLD) {
        // An unbalanced bracket held this long is prose, not markup; escape it so a later
        // `](url)` in another delta cannot complete a link in the reader's renderer.
        buffer = buffer.replace(/[[<]/g, (c) => `\\${c}`);
        cut = buffer.length;
      }
      if (cut === 0) return "";
      const ready = buffer.slice(0, cut);
      buffer = buffer.slice(cut);
      return sanitizeSegment(ready, maxCitation, allowedHosts, report);
    },
    flush() {
      const rest = buffer;
      buffer = "";
      return sanitizeSegment(rest, maxCitation, allowedHosts, report);
    },
  };
}

/** Whole-text form of the streaming sanitizer (same rules). */
export function sanitizeAnswer({
  text,
  maxCitation,
  allowedHosts = [],
}: {
  text: string;
  maxCitation: number;
  allowedHosts?: readonly string[];
}): { text: string; report: SanitizeReport } {
  const s = createAnswerSanitizer({ maxCitation, allowedHosts });
  const out = s.push(text) + s.flush();
  return { text: out, report: s.report };
}
