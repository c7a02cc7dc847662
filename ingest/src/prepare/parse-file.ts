import path from "node:path";
import { decodeText } from "./clean-text";
import type { ParsedDocument } from "../document-model";
import { FileError } from "../document-model";
import type { IngestEnv } from "../env";
import { parseCsv } from "../parse/parse-csv";
import { parseDocx } from "../parse/parse-docx";
import { parseHtml } from "../parse/parse-html";
import { parseMarkdown } from "../parse/parse-markdown";
import { parsePdf } from "../parse/parse-pdf";
import { parseText } from "../parse/parse-text";
import { parseWithUnstructured } from "../parse/parse-unstructured";
import { formatOf, type FileFormat, type ParserName } from "../parse/registry";

type Limits = { maxPages: number; maxUnzippedBytes: number };

/** The local parser behind each registry entry; `unstructured` has no local one. */
const LOCAL_PARSERS: Record<
  Exclude<ParserName, "unstructured">,
  (input: { bytes: Uint8Array; limits: Limits }) => ParsedDocument | Promise<ParsedDocument>
> = {
  markdown: ({ bytes }) => parseMarkdown({ text: decodeText(bytes) }),
  text: ({ bytes }) => parseText({ text: decodeText(bytes) }),
  html: ({ bytes }) => parseHtml({ text: decodeText(bytes) }),
  csv: ({ bytes }) => parseCsv({ text: decodeText(bytes) }),
  pdf: ({ bytes, limits }) => parsePdf({ bytes, maxPages: limits.maxPages }),
  docx: ({ bytes, limits }) => parseDocx({ bytes, limits: { maxUnzippedBytes: limits.maxUnzippedBytes } }),
};

/** The limits a format's registry entry names, from the environment; the others do not apply. */
function limitsFor(format: FileFormat | undefined, env: IngestEnv): Limits {
  const names = format?.limits ?? ["pages"];
  return {
    maxPages: names.includes("pages") ? env.maxPages : Infinity,
    maxUnzippedBytes: names.includes("unzipped") ? env.maxUnzippedBytes : Infinity,
  };
}

/** Picks the parser from the format registry; every failure surfaces as a FileError for this file only. */
export async function parseFile({
  filename,
  bytes,
  env,
}: {
  filename: string;
  bytes: Uint8Array;
  env: IngestEnv;
}): Promise<ParsedDocument> {
  if (bytes.length === 0) throw new FileError("empty file");
  if (bytes.length > env.maxFileBytes)
    throw new FileError(`file too large: ${bytes.length} bytes (limit ${env.maxFileBytes})`);
  const format = formatOf(filename);
  const limits = limitsFor(format, env);
  const un = env.unstructured;
  // Without a local parser (or with PDFs sent out) a file goes to Unstructured, unknown ones too.
  if (un && (!format || format.parser === "unstructured" || (format.parser === "pdf" && un.forPdf))) {
    const parsed = await parseWithUnstructured({
      bytes,
      filename: path.basename(filename),
      mime: format?.mime ?? "application/octet-stream",
      url: un.url,
      retryMaxMs: un.retryMaxMs,
      ...(un.apiKey ? { apiKey: un.apiKey } : {}),
    });
    if ((parsed.pageCount ?? 0) > limits.maxPages)
      throw new FileError(`too many pages: ${parsed.pageCount} (limit ${limits.maxPages})`);
    return parsed;
  }
  if (!format || format.parser === "unstructured") {
    const ext = path.extname(filename).toLowerCase();
    throw new FileError(`unsupported format ${ext || "(no extension)"} — set UNSTRUCTURED_API_URL`);
  }
  return LOCAL_PARSERS[format.parser]({ bytes, limits });
}
