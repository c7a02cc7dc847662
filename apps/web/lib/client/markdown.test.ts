import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, safeHref } from "./markdown";

describe("answer markdown", () => {
  it("keeps raw HTML as text and turns [n] into citations", () => {
    expect(parseInline('<img src=x onerror="alert(1)"> costs **$40** [2]')).toEqual([
      { t: "text", v: '<img src=x onerror="alert(1)"> costs ' },
      { t: "strong", c: [{ t: "text", v: "$40" }] },
      { t: "text", v: " " },
      { t: "cite", n: 2 },
    ]);
  });

  it("links only to app-relative paths", () => {
    expect(parseInline("[policy](/documents/abc?chunk=1)")).toEqual([
      { t: "link", href: "/documents/abc?chunk=1", c: [{ t: "text", v: "policy" }] },
    ]);
    expect(parseInline("[x](https://evil.example/p)")).toEqual([{ t: "text", v: "x" }]);
    expect(parseInline("[x](javascript:alert(1))")).toEqual([
      { t: "text", v: "x" },
      { t: "text", v: ")" },
    ]);
    expect(parseInline("[x](//evil.example)")).toEqual([{ t: "text", v: "x" }]);
  });

  it.each([
    "/\\evil.example/login",
    "/\\/evil.example",
    "/%09/evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "//evil.example",
    "/%0a/evil.example",
    "https://evil.example",
  ])("renders [text](%s) as text, never as a link a browser resolves off-site", (url) => {
    const nodes = parseInline(`[text](${url})`);
    expect(nodes).toEqual([{ t: "text", v: "text" }]);
    expect(safeHref(url)).toBeNull();
  });

  it("parses blocks: headings, lists, tables, code, paragraphs", () => {
    const blocks = parseMarkdown(
      "## Leave\nYou get 25 days [1].\nCarry over 5.\n\n- one\n- two [2]\n\n1. a\n2. b\n\n| Tier | Hours |\n|---|---|\n| Gold | 4 |\n\n```\n<b>raw</b>\n```",
    );
    expect(blocks.map((b) => b.t)).toEqual(["h", "p", "ul", "ol", "table", "pre"]);
    expect(blocks[1]).toEqual({
      t: "p",
      c: [
        { t: "text", v: "You get 25 days " },
        { t: "cite", n: 1 },
        { t: "text", v: ". Carry over 5." },
      ],
    });
    expect(blocks[4]).toMatchObject({ t: "table", rows: [[[{ t: "text", v: "Gold" }], [{ t: "text", v: "4" }]]] });
    expect(blocks[5]).toEqual({ t: "pre", v: "<b>raw</b>" });
  });
});
