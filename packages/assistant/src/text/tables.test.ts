import { describe, expect, it } from "vitest";
import { isSeparatorLine, markdownTable, tableBlocks, tableCells } from "./tables";

const chunk =
  "2. Service credits\n\nIf Monthly Uptime falls below the commitment, a credit applies.\n\n" +
  "Service level | Monthly Uptime achieved | Service credit (% of monthly fee)\n" +
  "Standard | 99.0% to below 99.5% | 5%\n" +
  "Premium | below 99.0% | 30%\n\n" +
  "Credits are the sole remedy.";

describe("tables in chunk text", () => {
  it("finds each run of row lines with its first line as header, offsets exact", () => {
    const [block, ...more] = tableBlocks(chunk);
    expect(more).toEqual([]);
    expect(block!.header.text).toBe("Service level | Monthly Uptime achieved | Service credit (% of monthly fee)");
    expect(block!.rows.map((r) => r.text)).toEqual([
      "Standard | 99.0% to below 99.5% | 5%",
      "Premium | below 99.0% | 30%",
    ]);
    for (const l of [block!.header, ...block!.rows]) expect(chunk.slice(l.start, l.end)).toBe(l.text);
  });

  it("reads markdown pipe tables and skips their separator row", () => {
    const md = "| Claim amount | Approver |\n|---|---|\n| up to $1,000 | Your line manager |";
    const [block] = tableBlocks(md);
    expect(block!.header.text).toBe("| Claim amount | Approver |");
    expect(block!.rows.map((r) => r.text)).toEqual(["| up to $1,000 | Your line manager |"]);
    expect(isSeparatorLine("|---|:---:|")).toBe(true);
    expect(isSeparatorLine("| a | b |")).toBe(false);
    expect(tableCells("| up to $1,000 | Your line manager |")).toEqual(["up to $1,000", "Your line manager"]);
  });

  it("ignores prose and single lines that merely contain a pipe", () => {
    expect(tableBlocks("Use a | b in the shell.\n\nNothing else.")).toEqual([]);
  });

  it("renders a header with rows as a markdown table, citation in the last cell", () => {
    expect(markdownTable({ header: "Tier | Credit", rows: ["Premium | 30%"], cite: "[2]" })).toBe(
      "| Tier | Credit |\n| --- | --- |\n| Premium | 30% [2] |",
    );
  });
});
