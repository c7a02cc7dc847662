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

const LOCAL = new Set([".md", ".markdown", ".txt", ".text", ".html", ".htm", ".pdf", ".docx", ".csv"]);

const MIME: Record<string, string> = {
  ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".doc": "application/msword",
  ".ppt": "application/vnd.ms-powerpoint",
  ".rtf": "application/rtf",
  ".odt": "application/vnd.oasis.opendocument.text",
  ".epub": "application/epub+zip",
  ".eml": "message/rfc822",
  ".msg": "application/vnd.ms-outlook",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".tiff": "image/tiff",
  ".xml": "application/xml",
  ".rst": "text/x-rst",
  ".org": "text/org",
  ".pdf": "application/pdf",
};

/** Extensions a source accepts: the local parsers', plus Unstructured's when it is configured. */
export function isSupportedFile(filename: string, env: Pick<IngestEnv, "unstructured">): boolean {
  const ext = path.extname(filename).toLowerCase();
  return LOCAL.has(ext) || (env.unstructured !== null && ext in MIME);
}

export function acceptedExtensions(): string[] {
  return [...LOCAL];
}

/** Picks the parser by extension; every failure surfaces as a FileError for this file only. */
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
  if (bytes.length > env.maxFileBytes) throw new FileError(`file too large: ${bytes.length} bytes (limit ${env.maxFileBytes})`);
  const ext = path.extname(filename).toLowerCase();
  const un = env.unstructured;
  if (un && (!LOCAL.has(ext) || (ext === ".pdf" && un.forPdf))) {
    const parsed = await parseWithUnstructured({
      bytes,
      filename: path.basename(filename),
      mime: MIME[ext] ?? "application/octet-stream",
      url: un.url,
      retryMaxMs: un.retryMaxMs,
      ...(un.apiKey ? { apiKey: un.apiKey } : {}),
    });
    if ((parsed.pageCount ?? 0) > env.maxPages) throw new FileError(`too many pages: ${parsed.pageCount} (limit ${env.maxPages})`);
    return parsed;
  }
  switch (ext) {
    case ".md":
    case ".markdown":
      return parseMarkdown({ text: decodeText(bytes) });
    case ".txt":
    case ".text":
      return parseText({ text: decodeText(bytes) });
    case ".html":
    case ".htm":
      return parseHtml({ text: decodeText(bytes) });
    case ".csv":
      return parseCsv({ text: decodeText(bytes) });
    case ".pdf":
      return parsePdf({ bytes, maxPages: env.maxPages });
    case ".docx":
      return parseDocx({ bytes, limits: { maxUnzippedBytes: env.maxUnzippedBytes } });
    default:
      throw new FileError(`unsupported format ${ext || "(no extension)"} — set UNSTRUCTURED_API_URL`);
  }
}
