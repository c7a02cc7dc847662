import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHUNK_TARGET, chunkDocument, layoutBlocks } from "./chunk-document";
import type { Block } from "../document-model";

const WORDS = [
  "leave",
  "expense",
  "policy",
  "manager",
  "approval",
  "days",
  "claim",
  "receipt",
  "travel",
  "office",
  "laptop",
  "team",
  "within",
  "the",
  "a",
  "of",
  "for",
  "3.5",
  "e.g.",
  "Dr.",
  "No.",
];

/** One sentence: a capital first word, words (some with commas or abbreviations inside), a terminal mark. */
const sentence = fc
  .tuple(
    fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 24 }),
    fc.constantFrom(".", "?", "!", '."'),
    fc.boolean(),
  )
  .map(([words, end, comma]) => {
    const body = words.map((w, i) => (comma && i === 2 ? `${w},` : w)).join(" ");
    return `${body[0]!.toUpperCase()}${body.slice(1)}${end}`;
  });
/** A sentence longer than a chunk: only clause marks and spaces to cut at. */
const longSentence = fc
  .array(fc.constantFrom(...WORDS.slice(0, 14)), { minLength: 200, maxLength: 420 })
  .map((w) => `Long ${w.map((x, i) => (i % 17 === 16 ? `${x},` : x)).join(" ")}.`);

type GenParagraph = { kind: "paragraph"; sentences: string[]; list?: "bullet" };
type GenBlock = Block | GenParagraph;

const block: fc.Arbitrary<GenBlock> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("heading" as const),
      level: fc.integer({ min: 1, max: 3 }),
      text: fc.constantFrom("Annual leave", "Expenses", "Travel", "Equipment"),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("paragraph" as const),
      sentences: fc.array(fc.oneof({ weight: 12, arbitrary: sentence }, { weight: 1, arbitrary: longSentence }), {
        minLength: 1,
        maxLength: 40,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("paragraph" as const),
      sentences: fc.array(sentence, { minLength: 1, maxLength: 2 }),
      list: fc.constant("bullet" as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("table" as const),
      header: fc.constant<string[]>(["Plan", "Price"]),
      rows: fc.array(
        fc.tuple(
          fc.constantFrom("Team", "Business", "Enterprise"),
          fc.integer({ min: 1, max: 999 }).map((n) => `${n} EUR`),
        ),
        { minLength: 1, maxLength: 120 },
      ),
    }),
  },
);

describe("chunkDocument on random documents", () => {
  it("starts and ends chunks on sentence or block boundaries, never with a separator, and loses nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(block, fc.integer({ min: 1, max: 9 })), { minLength: 1, maxLength: 14 }),
        async (generated) => {
          const blocks: Block[] = generated.map(([b, page]) =>
            b.kind === "paragraph" && "sentences" in b
              ? { kind: "paragraph", text: b.sentences.join(" "), page, ...(b.list ? { list: b.list } : {}) }
              : { ...b, page },
          );
          const { normalizedText, chunks } = await chunkDocument({ blocks });
          const { placed } = layoutBlocks(blocks);
          // Every offset where a chunk may begin or end, and the ranges inside over-long sentences where it may too.
          const starts = new Set<number>();
          const ends = new Set<number>();
          const insideLong: [number, number][] = [];
          placed.forEach((p, k) => {
            starts.add(p.start);
            ends.add(p.end);
            for (const r of p.rows ?? []) {
              starts.add(r.start);
              ends.add(r.end);
            }
            const g = generated[k]![0];
            if (g.kind !== "paragraph" || !("sentences" in g)) return;
            let at = p.start;
            for (const s of g.sentences) {
              starts.add(at);
              ends.add(at + s.length);
              if (s.length > CHUNK_TARGET) insideLong.push([at, at + s.length]);
              at += s.length + 1;
            }
          });
          const inLong = (x: number) => insideLong.some(([a, b]) => x > a && x < b);
          for (const c of chunks) {
            expect(c.text).not.toMatch(/^[\p{P}\s]/u);
            expect(c.text).not.toMatch(/\s$/u);
            expect(starts.has(c.charStart) || inLong(c.charStart), `start ${c.charStart}: ${c.text.slice(0, 40)}`).toBe(
              true,
            );
            expect(ends.has(c.charEnd) || inLong(c.charEnd), `end ${c.charEnd}: ${c.text.slice(-40)}`).toBe(true);
            const span = normalizedText.slice(c.charStart, c.charEnd);
            // A continued table repeats its header above its rows; every other chunk is its span exactly.
            expect(c.text === span || c.text.endsWith(`\n${span}`)).toBe(true);
            expect(c.text.length).toBeLessThanOrEqual(2 * CHUNK_TARGET);
            expect(c.pageFrom! <= c.pageTo!).toBe(true);
          }
          // Nothing lost: every non-space character of the document lies in some chunk.
          const covered = new Uint8Array(normalizedText.length);
          for (const c of chunks) covered.fill(1, c.charStart, c.charEnd);
          const lost = [...normalizedText].findIndex((ch, x) => !covered[x] && !/\s/.test(ch));
          expect(lost, `lost text at ${lost}`).toBe(-1);
        },
      ),
      { numRuns: 150 },
    );
  });
});
