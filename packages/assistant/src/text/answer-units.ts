import { tableBlocks } from "./tables";
import { splitSentences } from "./terms";

/**
 * One unit an answer is judged or quoted from: a table row with its header row (`header`), or a
 * prose sentence with the one after it (`lines`, one or two sentences; `header` null). A passage
 * that holds a question's words only scattered over unrelated lines or rows does not answer it.
 */
export type AnswerUnit = { header: string | null; lines: string[] };

/** The passage's table rows (each with its header), then its prose sentence pairs, in order. */
export function answerUnits(text: string): AnswerUnit[] {
  const units: AnswerUnit[] = [];
  const tableLines: Array<{ start: number; end: number }> = [];
  for (const block of tableBlocks(text)) {
    for (const row of block.rows) units.push({ header: block.header.text, lines: [row.text] });
    tableLines.push(...block.rows, block.header);
  }
  const inTable = (at: number) => tableLines.some((l) => at >= l.start && at < l.end);
  const prose = splitSentences(text).filter((s) => !inTable(s.start) && !/^[|:\-\s]+$/.test(s.text));
  prose.forEach((s, i) => {
    const next = prose[i + 1];
    units.push({ header: null, lines: next ? [s.text, next.text] : [s.text] });
  });
  return units;
}

// Chunk text never changes under its id (a new version gets new chunks): a passage is split once
// per process, however many stages (answerability focus, passage order) read its units.
const cache = new Map<string, AnswerUnit[]>();
const CACHE_SIZE = 5_000;

/** `answerUnits` of a retrieved passage, split once per process per chunk. */
export function passageUnits(passage: { chunkId: string; text: string }): AnswerUnit[] {
  const key = `${passage.chunkId}:${passage.text.length}`;
  let units = cache.get(key);
  if (!units) {
    units = answerUnits(passage.text);
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(key, units);
  }
  return units;
}
