import { strToU8, unzipSync, zipSync } from "fflate";
import { makeDocx } from "./make-fixtures";

/**
 * A real DOCX whose word/document.xml is `paragraphs` tiny paragraphs compressed at level 9:
 * a few KB on disk that inflate a thousand-fold (the "13 KB DOCX" of the security test).
 */
export async function makeDocxBomb({ paragraphs = 200_000 }: { paragraphs?: number } = {}): Promise<Uint8Array> {
  const files = unzipSync(
    await makeDocx({ title: "Quarterly report", sections: [{ heading: "Summary", paragraphs: ["x"] }] }),
  );
  const body = "<w:p><w:r><w:t>a</w:t></w:r></w:p>".repeat(paragraphs);
  files["word/document.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zipSync(files, { level: 9 });
}

/** A large but legitimate HTML page (many sections and paragraphs) that takes seconds to parse. */
export function makeSlowHtml({ paragraphs = 60_000 }: { paragraphs?: number } = {}): Uint8Array {
  const parts = ["<html><head><title>Big page</title><style>.n{color:#333}</style></head><body>"];
  for (let i = 0; i < paragraphs; i++)
    parts.push(`<div class="n"><p>Paragraph ${i} about expenses, travel and equipment number ${i * 7}.</p></div>`);
  parts.push("</body></html>");
  return new TextEncoder().encode(parts.join(""));
}
