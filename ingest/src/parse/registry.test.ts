import { describe, expect, it } from "vitest";
import {
  acceptedFormatsLabel,
  acceptsFile,
  FILE_FORMATS,
  formatOf,
  localExtensions,
  mimeKind,
  mimesForKinds,
} from "./registry";

describe("the format registry", () => {
  it("names each extension once", () => {
    const all = FILE_FORMATS.flatMap((f) => f.extensions);
    expect(new Set(all).size).toBe(all.length);
  });

  it("accepts the local formats always and Unstructured's only when it is configured", () => {
    expect(localExtensions()).toEqual([".md", ".markdown", ".txt", ".text", ".html", ".htm", ".pdf", ".docx", ".csv"]);
    expect(acceptedFormatsLabel()).toBe(".md, .txt, .html, .pdf, .docx, .csv");
    expect(acceptsFile("Policy.PDF", { unstructured: false })).toBe(true);
    expect(acceptsFile("deck.pptx", { unstructured: false })).toBe(false);
    expect(acceptsFile("deck.pptx", { unstructured: true })).toBe(true);
    expect(acceptsFile("notes", { unstructured: true })).toBe(false);
    expect(acceptsFile(".md", { unstructured: false })).toBe(false);
    expect(formatOf("a/b/c.docx")?.parser).toBe("docx");
  });

  it("maps stored MIME types to short kinds and search kinds back to MIME types", () => {
    expect(mimeKind("text/markdown; charset=utf-8")).toBe("md");
    expect(mimeKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe("docx");
    expect(mimeKind("application/msword")).toBe("msword");
    expect(mimesForKinds(["markdown", "htm", "text", "PDF"])).toEqual([
      "text/markdown",
      "text/html",
      "text/plain",
      "application/pdf",
    ]);
    expect(mimesForKinds(["application/PDF", "nope"])).toEqual(["application/pdf"]);
  });
});
