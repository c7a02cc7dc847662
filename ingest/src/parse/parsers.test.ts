import { describe, expect, it } from "vitest";
import { decodeText } from "../prepare/clean-text";
import { FileError } from "../document-model";
import { readIngestEnv } from "../env";
import { parseFile } from "../prepare/parse-file";
import { makeDocx, makeEncryptedPdf, makePdf } from "../testing/make-fixtures";
import { elementsToBlocks } from "./parse-unstructured";

const env = readIngestEnv({});
const enc = (s: string) => new TextEncoder().encode(s);
const parse = (filename: string, bytes: Uint8Array | string, e = env) =>
  parseFile({ filename, bytes: typeof bytes === "string" ? enc(bytes) : bytes, env: e });

describe("markdown", () => {
  it("reads front matter, headings, lists, tables and strips inline markup and comments", async () => {
    const doc = await parse(
      "hr/leave.md",
      [
        "---",
        "title: Annual Leave Policy",
        "effective_date: 2024-03-01",
        "owner: People Team",
        "tags: [hr, leave]",
        "supersedes: hr/leave-2023.md",
        "---",
        "# Annual leave",
        "",
        "Employees get **25 days** of [paid leave](https://example.com).",
        "<!-- internal: do not publish -->",
        "",
        "## Carry-over",
        "- Up to *five* days",
        "- Must be used by `March`",
        "",
        "1. Ask your manager",
        "   in writing.",
        "",
        "| Tenure | Days |",
        "|---|---|",
        "| 0-2 years | 25 |",
        "| 3+ years | 28 |",
      ].join("\n"),
    );
    expect(doc.meta).toEqual({
      title: "Annual Leave Policy",
      effectiveDate: "2024-03-01",
      owner: "People Team",
      tags: ["hr", "leave"],
      supersedes: "hr/leave-2023.md",
    });
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 1, text: "Annual leave" },
      { kind: "paragraph", text: "Employees get 25 days of paid leave." },
      { kind: "heading", level: 2, text: "Carry-over" },
      { kind: "paragraph", text: "Up to five days", list: "bullet" },
      { kind: "paragraph", text: "Must be used by March", list: "bullet" },
      { kind: "paragraph", text: "Ask your manager in writing.", list: "ordered" },
      {
        kind: "table",
        header: ["Tenure", "Days"],
        rows: [
          ["0-2 years", "25"],
          ["3+ years", "28"],
        ],
      },
    ]);
    expect(JSON.stringify(doc)).not.toContain("internal");
  });

  it("rejects a binary file named .md and an invalid front matter", async () => {
    await expect(parse("x.md", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]))).rejects.toThrow(
      /binary/,
    );
    await expect(parse("x.md", "---\ntitle: [unclosed\n---\nbody")).rejects.toBeInstanceOf(FileError);
  });
});

describe("text hygiene", () => {
  it("decodes UTF-8 (with BOM), UTF-16 LE/BE with BOM and Latin-1", () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc("café")]))).toBe("café");
    const le = Buffer.from("\ufeffnaïve", "utf16le");
    expect(decodeText(le)).toBe("naïve");
    const be = Buffer.from(le).swap16();
    expect(decodeText(be)).toBe("naïve");
    expect(decodeText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]))).toBe("café");
  });

  it("refuses invalid UTF-8 that is not Latin-1 and an empty or oversize file", async () => {
    await expect(parse("bad.txt", Uint8Array.from([0x61, 0xe2, 0x82, 0x20, 0x8f, 0x62]))).rejects.toThrow(
      /invalid UTF-8/,
    );
    await expect(parse("empty.md", "")).rejects.toThrow(/empty file/);
    await expect(parse("big.txt", "x".repeat(2000), { ...env, maxFileBytes: 1000 })).rejects.toThrow(/too large/);
  });

  it("normalizes to NFC and strips control and zero-width characters", async () => {
    const doc = await parse("a.txt", "Cafe\u0301 menu\u0007 with\u200B hidden\u202E marks");
    expect(doc.blocks).toEqual([{ kind: "paragraph", text: "Café menu with hidden marks" }]);
  });
});

describe("html", () => {
  it("keeps headings, paragraphs and tables; drops scripts, styles, comments and hidden elements", async () => {
    const doc = await parse(
      "sla.html",
      `<!doctype html><html><head><title>SLA Schedule</title><meta name="effective-date" content="2025-01-15"><meta name="owner" content="Legal">
       <style>.x{color:red}</style><script>var secret = "token";</script></head>
       <body><h1>Service levels</h1><p>Uptime is <b>99.9%</b> &amp; measured monthly.</p><!-- draft note -->
       <div hidden>hidden div</div><p style="display: none">invisible para</p><span aria-hidden="true">aria</span>
       <h2>Credits</h2><table><tr><th>Uptime</th><th>Credit</th></tr><tr><td>&lt; 99.9%</td><td>10%</td></tr></table>
       <noscript>enable js</noscript></body></html>`,
    );
    expect(doc.meta).toMatchObject({ title: "SLA Schedule", effectiveDate: "2025-01-15", owner: "Legal" });
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 1, text: "Service levels" },
      { kind: "paragraph", text: "Uptime is 99.9% & measured monthly." },
      { kind: "heading", level: 2, text: "Credits" },
      { kind: "table", header: ["Uptime", "Credit"], rows: [["< 99.9%", "10%"]] },
    ]);
    const all = JSON.stringify(doc);
    for (const bad of ["secret", "color", "draft", "hidden div", "invisible", "aria", "enable js"])
      expect(all).not.toContain(bad);
  });
});

describe("html lists", () => {
  it("marks <ul> and <ol> items, nested ones included, and leaves lists inside table cells as cell text", async () => {
    const doc = await parse(
      "steps.html",
      `<html><body><h1>Refunds</h1><p>Before you start:</p>
       <ul><li>Check the <b>order</b> date</li><li>Outer item<ol><li>First step</li><li><p>Second step</p></li></ol></li></ul>
       <p>After the list.</p><li>Stray item</li>
       <table><tr><td><ul><li>in a cell</li></ul></td><td>x</td></tr></table></body></html>`,
    );
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 1, text: "Refunds" },
      { kind: "paragraph", text: "Before you start:" },
      { kind: "paragraph", text: "Check the order date", list: "bullet" },
      { kind: "paragraph", text: "Outer item", list: "bullet" },
      { kind: "paragraph", text: "First step", list: "ordered" },
      { kind: "paragraph", text: "Second step", list: "ordered" },
      { kind: "paragraph", text: "After the list." },
      { kind: "paragraph", text: "Stray item", list: "bullet" },
      { kind: "table", header: null, rows: [["in a cell", "x"]] },
    ]);
  });
});

describe("pdf", () => {
  it("extracts text with page numbers and the document title", async () => {
    const bytes = await makePdf({
      title: "Security Handbook",
      pages: [["Passwords must be 14 characters."], ["Report incidents within 24 hours."]],
    });
    const doc = await parse("it/security.pdf", bytes);
    expect(doc.pageCount).toBe(2);
    expect(doc.meta.title).toBe("Security Handbook");
    expect(doc.blocks).toEqual([
      { kind: "paragraph", text: "Passwords must be 14 characters.", page: 1 },
      { kind: "paragraph", text: "Report incidents within 24 hours.", page: 2 },
    ]);
  });

  it("fails corrupt, encrypted and over-long PDFs with clear messages", async () => {
    await expect(parse("c.pdf", "%PDF-1.7\nthis is not really a pdf")).rejects.toThrow(/corrupt PDF/);
    await expect(parse("e.pdf", makeEncryptedPdf())).rejects.toThrow(/encrypted PDF/);
    const three = await makePdf({ pages: [["a"], ["b"], ["c"]] });
    await expect(parse("l.pdf", three, { ...env, maxPages: 2 })).rejects.toThrow(/too many pages: 3/);
  });
});

describe("docx", () => {
  it("keeps Word headings and tables", async () => {
    const bytes = await makeDocx({
      title: "Remote Work Policy",
      sections: [
        {
          heading: "Eligibility",
          paragraphs: ["All staff after probation."],
          table: [
            ["Role", "Days"],
            ["Engineer", "5"],
          ],
        },
      ],
    });
    const doc = await parse("hr/remote.docx", bytes);
    expect(doc.meta.title).toBe("Remote Work Policy");
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 1, text: "Remote Work Policy" },
      { kind: "heading", level: 2, text: "Eligibility" },
      { kind: "paragraph", text: "All staff after probation." },
      {
        kind: "table",
        header: null,
        rows: [
          ["Role", "Days"],
          ["Engineer", "5"],
        ],
      },
    ]);
    await expect(parse("bad.docx", "PK not a zip")).rejects.toThrow(/corrupt DOCX/);
  });

  it("keeps bulleted and numbered paragraphs as list items", async () => {
    const bytes = await makeDocx({
      title: "Onboarding",
      sections: [
        {
          heading: "First week",
          paragraphs: ["Bring these:"],
          bullets: ["Passport", "Bank details"],
          numbered: ["Sign the contract", "Meet your buddy"],
        },
      ],
    });
    const doc = await parse("hr/onboarding.docx", bytes);
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 1, text: "Onboarding" },
      { kind: "heading", level: 2, text: "First week" },
      { kind: "paragraph", text: "Bring these:" },
      { kind: "paragraph", text: "Passport", list: "bullet" },
      { kind: "paragraph", text: "Bank details", list: "bullet" },
      { kind: "paragraph", text: "Sign the contract", list: "ordered" },
      { kind: "paragraph", text: "Meet your buddy", list: "ordered" },
    ]);
  });
});

describe("csv", () => {
  it("reads records with quoted fields and keeps the header", async () => {
    const doc = await parse(
      "plans.csv",
      'Plan,Price,Notes\nStarter,10,"Includes ""basic"" support"\nPro,20,"Multi\nline"\n',
    );
    expect(doc.blocks).toEqual([
      {
        kind: "table",
        header: ["Plan", "Price", "Notes"],
        rows: [
          ["Starter", "10", 'Includes "basic" support'],
          ["Pro", "20", "Multi line"],
        ],
      },
    ]);
  });
});

describe("unsupported formats", () => {
  it("fail per file pointing at Unstructured", async () => {
    await expect(parse("deck.pptx", "PK")).rejects.toThrow("unsupported format .pptx — set UNSTRUCTURED_API_URL");
  });

  it("maps Unstructured element JSON to blocks", () => {
    const { blocks, pageCount } = elementsToBlocks([
      { type: "Header", text: "Quillfeather Confidential", metadata: { page_number: 1 } },
      { type: "Title", text: "Pricing", metadata: { page_number: 1, category_depth: 0 } },
      { type: "NarrativeText", text: "Prices are  per seat.", metadata: { page_number: 1 } },
      {
        type: "Table",
        text: "Plan Price Pro 20",
        metadata: {
          page_number: 2,
          text_as_html: "<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>20</td></tr></table>",
        },
      },
      { type: "PageBreak", text: "" },
    ]);
    expect(pageCount).toBe(2);
    expect(blocks).toEqual([
      { kind: "heading", level: 1, text: "Pricing", page: 1 },
      { kind: "paragraph", text: "Prices are per seat.", page: 1 },
      { kind: "table", header: ["Plan", "Price"], rows: [["Pro", "20"]], page: 2 },
    ]);
  });
});
