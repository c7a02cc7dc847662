import mammoth from "mammoth";
import type { ParsedDocument } from "../document-model";
import { FileError } from "../document-model";
import { parseHtml } from "./parse-html";

const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** mammoth maps Word heading styles to h1–h6 and tables to HTML; the HTML parser does the rest. */
export async function parseDocx({ bytes }: { bytes: Uint8Array }): Promise<ParsedDocument> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    html = result.value;
  } catch (error) {
    throw new FileError(`corrupt DOCX: ${(error as Error).message}`, { cause: error });
  }
  const parsed = parseHtml({ text: html, mime: DOCX_MIME });
  if (parsed.blocks.length === 0) throw new FileError("DOCX has no text");
  return parsed;
}
