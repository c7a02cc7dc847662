/**
 * Sentences that say where an answer is instead of giving it: a line of bare links ("Links:
 * https://… https://…"), a cross-reference ("For more information see section 4.2", "See also:
 * Travel policy, Expenses policy", "Details are set out in Appendix B"). Detected by shape: a
 * reference cue, then nothing but references — section numbers, links, or short capitalised
 * names of other documents — with at most a purpose phrase ("For more information,") before it.
 * A sentence that also states something ("Claims above 500 EUR need approval (see section 4.2).",
 * "see Appendix B for the 45p mileage rate") is not one: its own words or figures are content.
 */

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>()]+/gi;
// "section 4.2", "Appendix B", "clause 7", "page 12", "§ 3", and a bare "4.2.1".
const SECTION =
  /\b(?:sections?|clauses?|chapters?|appendi(?:x|ces)|annex(?:es)?|parts?|paragraphs?|pages?|pp?\.|schedules?|§)\s*(?:\d+(?:\.\d+)*[a-z]?|[A-Z](?:\.\d+)*|[IVXLC]+)\b|§\s*\d+(?:\.\d+)*|\b\d+(?:\.\d+)+\b/g;
const REF = "\u27e8ref\u27e9";
// An active cue ("see", "refer to") or a passive one ("is set out in", "are available on").
const ACTIVE_CUE = /\b(?:see(?:\s+also)?|refer\s+to|visit|consult|go\s+to)\b/i;
// "Visit Occupational Health" is something to do: these cues point only at sections and links.
const PLACE_CUE = /^(?:visit|consult|go\s+to)$/i;
const PASSIVE_CUE =
  /\b(?:is|are|can\s+be)\s+(?:set\s+out|described|explained|detailed|covered|listed|given|available|found|defined|published)\s+(?:in|at|on|under)\b/i;
// A label introducing a list of references ("See also:", "Related policies:", "Links:").
const LABEL =
  /^(?:see\s+also|related(?:\s+\p{L}+){0,2}|further\s+(?:reading|information|guidance)|more\s+information|references?|(?:useful\s+)?links?)\s*:/iu;
// A purpose phrase may lead into an active cue ("For more information, see …", "If in doubt, refer to …").
const PURPOSE = /^(?:for|to|if|about|on|in|with)\b/i;
const ARTICLE = /^(?:the|our|this|that|these|its|their|a|an)\s+/i;
const TAIL = /\s+(?:for\s+(?:more\s+|further\s+|full\s+)?(?:details|information|guidance)|below|above)$/i;

const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));

/** Whether each item of a list is a reference: a section number, a link, or a short capitalised name. */
function onlyReferences(body: string, { namesToo = true }: { namesToo?: boolean } = {}): boolean {
  const items = body
    .split(/[,;&]|\s+(?:and|or)\s+/i)
    .map((s) => s.trim().replace(/^[:–—-]\s*/, ""))
    .filter((s) => /[\p{L}\p{N}⟨]/u.test(s));
  if (items.length === 0) return false;
  return items.every((raw) => {
    const item = raw
      .replace(ARTICLE, "")
      .replace(TAIL, "")
      .replace(/["“”'’]/g, "")
      .trim();
    if (new RegExp(`^(?:${REF}\\s*)+$`).test(item)) return true;
    if (!namesToo) return false;
    // "section 4.2 of the Travel policy": the name the section is in.
    const name = item.replace(new RegExp(`^${REF}\\s+(?:of|in)\\s+`), "").replace(ARTICLE, "");
    const ws = words(name);
    // A name of another document or section: capitalised, short, and stating no figure.
    return ws.length > 0 && ws.length <= 6 && /^\p{Lu}/u.test(name) && !/\d/.test(name) && !name.includes(REF);
  });
}

export function isPointerSentence(sentence: string): boolean {
  let t = sentence
    .replace(/(?:\s*\[\d+(?:\s*,\s*\d+)*\])+\s*$/, "")
    .trim()
    .replace(/^[("“]+|[)"”.!;:]+$/g, "")
    .trim();
  const hadLink = LINK.test(t);
  LINK.lastIndex = 0;
  t = t.replace(LINK, ` ${REF} `).replace(SECTION, ` ${REF} `).replace(/\s+/g, " ").trim();
  const label = LABEL.exec(t);
  if (label) return onlyReferences(t.slice(label[0].length));
  // A line of bare links, perhaps under a short label ("Intranet: https://…").
  if (hadLink) {
    const rest = t.replace(/^[^:]{0,40}:/, "").replaceAll(REF, " ");
    if (words(rest).every((w) => /^(?:and|or)$/i.test(w))) return true;
  }
  const active = ACTIVE_CUE.exec(t);
  const passive = PASSIVE_CUE.exec(t);
  const cue = [active, passive].filter((m): m is RegExpExecArray => m !== null).sort((a, b) => a.index - b.index)[0];
  if (!cue) return false;
  const prefix = t.slice(0, cue.index).trim().replace(/,$/, "");
  const body = t.slice(cue.index + cue[0].length);
  if (prefix) {
    const ws = words(prefix);
    if (/\d/.test(prefix) || prefix.includes(REF)) return false;
    // Before "see": only a purpose phrase. Before "is set out in": only a short subject ("Details").
    if (cue === active ? !PURPOSE.test(prefix) || ws.length > 10 : ws.length > 6) return false;
  }
  return onlyReferences(body, { namesToo: !(cue === active && PLACE_CUE.test(cue[0])) });
}
