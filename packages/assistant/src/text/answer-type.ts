import { isEnglishWord } from "@groundwork/retrieval";
import { oneEditApart } from "./terms";

/**
 * What kind of answer a question asks for, and whether a sentence (or table row) states one.
 * The offline answerer prefers sentences of the asked type near the question's words: the
 * sentence that names a topic ("Jury service is paid leave.") loses to the one that answers
 * "how many days" ("… up to 10 working days").
 */
export type AnswerType =
  "duration" | "date" | "amount" | "count" | "person" | "procedure" | "definition" | "yesno" | "other";

const UNIT = String.raw`(?:working |business |calendar |consecutive |full )?(?:minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|shifts?)`;
const MONTH = String.raw`(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)`;
const WEEKDAY = String.raw`(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)`;

const STATES: Record<Exclude<AnswerType, "other">, RegExp> = {
  duration: new RegExp(
    String.raw`\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty)[\s-]*${UNIT}\b|\b(?:immediately|without delay|same day|next working day)\b`,
    "i",
  ),
  date: new RegExp(
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}\b|\b${MONTH}\s+\d{1,2}\b|\b${MONTH}\s+\d{4}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}:\d{2}\b|\b${WEEKDAY}\b|\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:19|20)\d{2}\b`,
    "i",
  ),
  // "12%" ends in a non-word character: the word boundary applies to the spelled-out units only.
  amount: /[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:%|(?:percent|usd|eur|gbp|dollars?|euros?|pounds?)\b)/i,
  count: /\b\d+\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b/i,
  // A role ("Finance Director", "the CFO", "line manager"); named people: NAMED_PERSON.
  person:
    /\b(?:manager|director|officer|coordinator|supervisor|head|lead|team|committee|board|ceo|cfo|cto|coo|vp|hr|owner|approver|partner|representative|controller|administrator|desk)\b/i,
  procedure:
    /^(?:\d+[.)]\s|[-*•]\s)|:\s*$|^(?:call|contact|report|send|email|tell|ask|open|fill|complete|submit|stop|check|take|follow|record|log|notify|inform|escalate|raise|book|use|do not|don't|never|always|make sure|ensure)\b/i,
  definition: /\b(?:means|is defined as|refers to|is when|is any|are any|covers|includes)\b|^[^.:]{2,60}:\s+\S/i,
  yesno:
    /\b(?:must|may|can|cannot|can't|not|never|only|required|allowed|permitted|entitled|eligible|no|yes|unless|except)\b/i,
};

/** The words that frame a question's type: a slip in one of them ("how meny days") hides what is asked. */
const FRAME_WORDS = ["many", "much", "long", "when", "what", "which", "whom", "where", "should", "could", "would"];

/**
 * The question with misspelt frame words put right: a word English does not have that is one
 * typing slip from a frame word, first letter kept ("meny" → "many", "shoud" → "should").
 */
function fixFrameWords(q: string): string {
  return q.replace(/\p{L}{4,}/gu, (w) => {
    if (FRAME_WORDS.includes(w) || isEnglishWord(w)) return w;
    return FRAME_WORDS.find((f) => f[0] === w[0] && oneEditApart(w, f)) ?? w;
  });
}

/** The type a question asks for; `other` when nothing specific is asked. */
export function answerTypeOf(question: string): AnswerType {
  const q = fixFrameWords(question.trim().toLowerCase());
  if (
    /\bwhat (?:should|do|must|can|would) (?:i|we|you|they|he|she) (?:need to |have to |got to )?do\b|\bwhat (?:am i|are we|is one) (?:supposed|meant|expected) to do\b|\bwhat(?:'s| is| are) the (?:process|procedure|steps)\b|\bhow (?:do|can|should) (?:i|we|you)\b(?! (?:know|tell))|\bwhat happens (?:if|when)\b|\bsteps?\b/.test(
      q,
    )
  )
    return "procedure";
  if (
    /\bhow long\b|\bhow much (?:\w+ ){0,2}(?:time|leave|holiday|notice|warning)\b|\bhow many (?:working |business |calendar )?(?:minutes|hours|days|nights|weeks|months|years|shifts)\b|\bhow (?:quickly|soon|fast|often)\b|\bwithin how\b/.test(
      q,
    )
  )
    return "duration";
  if (
    /\bhow (?:much|many)\b.*\b(?:cost|pay|paid|price|fee|charge|claim|spend|allowance|budget|salary|worth|money|excess|contribut)|\bhow much\b|\bwhat(?:'s| is) the (?:cost|price|fee|rate|limit|cap|allowance|budget|amount|maximum|minimum|salary)\b/.test(
      q,
    )
  )
    return "amount";
  if (/\bhow many\b/.test(q)) return "count";
  if (
    /^\s*(?:when|by when|what (?:date|day|time|year))\b|\bwhat time\b|\bwhen (?:do|does|is|are|can|will|must|should)\b|\bdeadline\b/.test(
      q,
    )
  )
    return "date";
  if (
    /^\s*who\b|\bwho (?:is|are|has|have|needs?|must|should|can|approves?|signs?|decides?|do i|should i)\b|\bwhich (?:person|role|team|manager|department)\b|\bwho(?:m)? to (?:contact|ask|call|tell)\b/.test(
      q,
    )
  )
    return "person";
  // A question naming a limit, budget or price asks for an amount however it is phrased
  // ("What's the spending limit on a company card?", "Hotel budget for a night in Leeds?").
  if (
    /\b(?:limits?|caps?|budgets?|costs?|prices?|fees?|rates?|allowances?|salary|salaries|stipends?|per diem|excess|maximum spend)\b/.test(
      q,
    )
  )
    return "amount";
  if (
    /\bwhat (?:does|do) .{1,60} mean\b|\bwhat(?:'s| is) (?:a|an|the) .{1,40}\?\s*$|\bdefin(?:e|ition)\b|\bmeaning of\b/.test(
      q,
    )
  )
    return "definition";
  if (/^\s*(?:can|could|do|does|did|is|are|am|should|may|must|will|would|have|has|am i|is it|are we)\b/.test(q))
    return "yesno";
  return "other";
}

/**
 * Two capitalised words in a row ("Keziah Abara") not opening the sentence: case matters here,
 * or any two words would read as a name and every sentence would "state a person".
 */
const NAMED_PERSON = /(?<!^|[.!?:]\s*)\b[A-Z][a-z]+ [A-Z][a-z]+\b/;

/** Whether the text states an answer of the type. */
export function statesType(text: string, type: AnswerType): boolean {
  if (type === "other") return false;
  return STATES[type].test(text) || (type === "person" && NAMED_PERSON.test(text));
}

/** Types whose answer is a value in the text (a figure, a date): where it sits can be measured. */
const VALUE_TYPES = new Set<AnswerType>(["duration", "date", "amount", "count"]);

/**
 * Whether the text states a value of the type within `window` words of one of the question's
 * words (`near(word)` says which words are the question's): "£110 per night elsewhere" answers a
 * hotel-night question, the "£1,000 to £10,000" of a sentence that mentions hotel rooms fifteen
 * words later does not. Types that are not values count as near wherever they are stated.
 */
export function statesTypeNear({
  text,
  type,
  near,
  window = 6,
}: {
  text: string;
  type: AnswerType;
  near: (word: string) => boolean;
  window?: number;
}): boolean {
  if (!statesType(text, type)) return false;
  if (type === "other" || !VALUE_TYPES.has(type)) return true;
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.,-]*/gu)].map((m) => ({
    at: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    hit: near(m[0]),
  }));
  const hits = words.flatMap((w, i) => (w.hit ? [i] : []));
  if (hits.length === 0) return false;
  const re = new RegExp(STATES[type].source, "gi");
  for (const m of text.matchAll(re)) {
    const from = m.index ?? 0;
    const to = from + m[0].length;
    const first = words.findIndex((w) => w.end > from);
    let last = first;
    while (last + 1 < words.length && words[last + 1]!.at < to) last += 1;
    if (first < 0) continue;
    if (hits.some((h) => h >= first - window && h <= last + window)) return true;
  }
  return false;
}
