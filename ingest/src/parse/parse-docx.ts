import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import mammoth from "mammoth";
import type { ParsedDocument } from "../document-model";
import { FileError } from "../document-model";
import { TEXT_PARTS, readStyles, stripHiddenRuns } from "./docx-hidden-runs";
import { parseHtml } from "./parse-html";
import { checkZipBudget, type ZipLimits } from "./zip-budget";

const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const DEFAULT_LIMITS: ZipLimits = { maxUnzippedBytes: 200 * 1024 * 1024 };

/**
 * The archive as mammoth will read it: checked against the decompression budget, inflated by
 * fflate into buffers of the declared sizes (so a lying header cannot grow memory), hidden runs
 * cut from the text parts, and stored again without compression — mammoth never inflates the
 * original, untrusted streams.
 */
function visibleArchive({ bytes, limits }: { bytes: Uint8Array; limits: ZipLimits }): Buffer {
  checkZipBudget({ bytes, limits, label: "DOCX" });
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new FileError(`corrupt DOCX: ${(error as Error).message}`, { cause: error });
  }
  const stylesBytes = files["word/styles.xml"];
  const styles = readStyles(stylesBytes ? strFromU8(stylesBytes) : undefined);
  for (const part of TEXT_PARTS) {
    const data = files[part];
    if (!data) continue;
    const stripped = stripHiddenRuns({ xml: strFromU8(data), styles });
    if (stripped !== null) files[part] = strToU8(stripped);
  }
  return Buffer.from(zipSync(files, { level: 0 }));
}

/** mammoth maps Word heading styles to h1–h6 and tables to HTML; the HTML parser does the rest. */
export async function parseDocx({
  bytes,
  limits = DEFAULT_LIMITS,
}: {
  bytes: Uint8Array;
  limits?: ZipLimits;
}): Promise<ParsedDocument> {
  const buffer = visibleArchive({ bytes, limits });
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer });
    html = result.value;
  } catch (error) {
    throw new FileError(`corrupt DOCX: ${(error as Error).message}`, { cause: error });
  }
  const parsed = parseHtml({ text: html, mime: DOCX_MIME });
  if (parsed.blocks.length === 0) throw new FileError("DOCX has no text");
  return parsed;
}
