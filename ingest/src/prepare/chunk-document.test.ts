import { describe, expect, it } from "vitest";
import { CHUNK_TARGET, chunkDocument } from "./chunk-document";
import type { Block } from "../document-model";

const sentence = (i: number) => `Sentence number ${i} explains one more detail of the expense policy.`;

describe("chunkDocument", () => {
  it("starts a chunk per section, keeps the breadcrumb, and offsets slice the normalized text exactly", async () => {
    const blocks: Block[] = [
      { kind: "heading", level: 1, text: "Expenses" },
      { kind: "heading", level: 2, text: "Meals" },
      { kind: "paragraph", text: "Meals are reimbursed up to 50 EUR per day." },
      { kind: "heading", level: 2, text: "Travel" },
      { kind: "paragraph", text: "Book economy class.", page: 2 },
      { kind: "paragraph", text: "Trains beat planes under four hours.", page: 3 },
    ];
    const { normalizedText, chunks } = await chunkDocument({ blocks });
    expect(chunks.map((c) => c.headings)).toEqual([
      ["Expenses", "Meals"],
      ["Expenses", "Travel"],
    ]);
    expect(chunks.map((c) => c.ordinal)).toEqual([0, 1]);
    expect(chunks[0]!.text).toBe("Expenses\n\nMeals\n\nMeals are reimbursed up to 50 EUR per day.");
    expect(chunks[1]).toMatchObject({ pageFrom: 2, pageTo: 3 });
    for (const c of chunks) expect(normalizedText.slice(c.charStart, c.charEnd)).toBe(c.text);
  });

  it("splits a long paragraph recursively near the target with overlap, offsets still exact", async () => {
    const text = Array.from({ length: 60 }, (_, i) => sentence(i)).join(" ");
    const { normalizedText, chunks } = await chunkDocument({
      blocks: [
        { kind: "heading", level: 1, text: "Policy" },
        { kind: "paragraph", text },
      ],
    });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      // The first piece also carries its section heading line.
      expect(c.text.length).toBeLessThanOrEqual(CHUNK_TARGET + (c.ordinal === 0 ? "Policy\n\n".length : 0));
      expect(c.text.length).toBeGreaterThan(CHUNK_TARGET / 2);
      expect(normalizedText.slice(c.charStart, c.charEnd)).toBe(c.text);
    }
    // Overlap: each piece starts before the previous one ended.
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.charStart).toBeLessThan(chunks[i - 1]!.charEnd);
    // Nothing lost: every sentence is in some chunk.
    for (let i = 0; i < 60; i++) expect(chunks.some((c) => c.text.includes(sentence(i)))).toBe(true);
  });

  it("never splits inside a table row and repeats the header row in every piece", async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [`Customer ${i}`, `Plan ${i % 3}`, `${100 + i} EUR per month`]);
    const { normalizedText, chunks } = await chunkDocument({
      blocks: [{ kind: "table", header: ["Customer", "Plan", "Price"], rows }],
    });
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      const lines = c.text.split("\n");
      expect(lines[0]).toBe("Customer | Plan | Price");
      for (const line of lines.slice(1)) expect(line).toMatch(/^Customer \d+ \| Plan \d \| \d+ EUR per month$/);
      // The span covers whole rows of the normalized text.
      const span = normalizedText.slice(c.charStart, c.charEnd);
      expect(c.text.endsWith(span) || span === c.text).toBe(true);
    }
    const all = chunks.flatMap((c) => c.text.split("\n").slice(1));
    expect(all).toHaveLength(80);
  });
});
