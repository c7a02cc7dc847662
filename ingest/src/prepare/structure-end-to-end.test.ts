import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { describe, expect, it } from "vitest";
import { chunkDocument } from "./chunk-document";
import { readIngestEnv } from "../env";
import { parseFile } from "./parse-file";

/** Headings, lists and tables of DOCX and HTML must survive parsing and chunking, not just parsing. */

const env = readIngestEnv({});
const rows = Array.from({ length: 60 }, (_, i) => [
  `Country ${i}`,
  `${20 + (i % 10)} days`,
  i % 2 ? "Manager" : "Director",
]);
const items = [
  "Submit the request in Hearth.",
  "Your manager approves it within two days.",
  "Payroll records the leave.",
];

async function docx(): Promise<Uint8Array> {
  const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: "Leave Policy", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: "Requesting leave", heading: HeadingLevel.HEADING_2 }),
          ...items.map((t) => new Paragraph({ text: t, bullet: { level: 0 } })),
          new Paragraph({ text: "Allowance by country", heading: HeadingLevel.HEADING_2 }),
          new Table({
            rows: [
              new TableRow({ tableHeader: true, children: ["Country", "Allowance", "Approver"].map(cell) }),
              ...rows.map((r) => new TableRow({ children: r.map(cell) })),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const html = `<!doctype html><html><head><title>Leave Policy</title></head><body>
<h1>Leave Policy</h1>
<h2>Requesting leave</h2>
<ul>${items.map((t) => `<li>${t}</li>`).join("")}</ul>
<h2>Allowance by country</h2>
<table><thead><tr><th>Country</th><th>Allowance</th><th>Approver</th></tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>
</body></html>`;

describe.each([
  ["leave.docx", docx],
  ["leave.html", async () => new TextEncoder().encode(html)],
])("%s end to end", (filename, bytes) => {
  it("keeps headings as breadcrumbs, list items whole in their section, and table rows with the header repeated", async () => {
    const parsed = await parseFile({ filename, bytes: await bytes(), env });
    const { normalizedText, chunks } = await chunkDocument(parsed);
    expect(
      parsed.blocks.filter((b) => b.kind === "heading").map((b) => b.kind === "heading" && [b.text, b.level]),
    ).toEqual([
      ["Leave Policy", 1],
      ["Requesting leave", 2],
      ["Allowance by country", 2],
    ]);
    // The short list section is one chunk with its heading, each item on its own block.
    const list = chunks.filter((c) => c.headings.join(" › ") === "Leave Policy › Requesting leave");
    expect(list).toHaveLength(1);
    expect(list[0]!.text).toBe(["Leave Policy", "Requesting leave", ...items].join("\n\n"));
    expect(normalizedText.slice(list[0]!.charStart, list[0]!.charEnd)).toBe(list[0]!.text);
    // The long table is split between rows, each piece under its heading and led by the header row.
    const table = chunks.filter((c) => c.headings.join(" › ") === "Leave Policy › Allowance by country");
    expect(table.length).toBeGreaterThan(1);
    const seen: string[] = [];
    for (const c of table) {
      const lines = c.text.split("\n").filter((l) => l && l !== "Allowance by country");
      expect(lines[0]).toBe("Country | Allowance | Approver");
      for (const l of lines.slice(1)) expect(l).toMatch(/^Country \d+ \| \d+ days \| (Manager|Director)$/);
      seen.push(...lines.slice(1));
    }
    expect(seen).toEqual(rows.map((r) => r.join(" | ")));
  });
});
