import { UnstructuredClient } from "unstructured-client";
import { Strategy } from "unstructured-client/sdk/models/shared";
import { cleanText } from "../prepare/clean-text";
import type { Block, ParsedDocument } from "../document-model";
import { FileError } from "../document-model";
import { parseHtml } from "./parse-html";

type Element = {
  type?: string;
  text?: string;
  metadata?: { page_number?: number; text_as_html?: string; category_depth?: number; page_count?: number };
};

// Page furniture repeats on every page and would drown the real text in search.
const DROPPED = new Set(["Header", "Footer", "PageBreak", "PageNumber", "Image"]);

/** Unstructured element JSON → our blocks: Title → heading, Table → table (from its HTML), rest → paragraphs. */
export function elementsToBlocks(elements: Element[]): { blocks: Block[]; pageCount?: number } {
  const blocks: Block[] = [];
  let maxPage = 0;
  for (const el of elements) {
    const type = el.type ?? "";
    if (DROPPED.has(type)) continue;
    const page = el.metadata?.page_number;
    if (page) maxPage = Math.max(maxPage, page);
    const pageProp = page ? { page } : {};
    const text = cleanText(el.text ?? "")
      .replace(/\s+/g, " ")
      .trim();
    if (type === "Table" && el.metadata?.text_as_html) {
      const table = parseHtml({ text: el.metadata.text_as_html }).blocks.find((b) => b.kind === "table");
      if (table) {
        blocks.push({ ...table, ...pageProp });
        continue;
      }
    }
    if (!text) continue;
    if (type === "Title")
      blocks.push({ kind: "heading", level: Math.min(6, (el.metadata?.category_depth ?? 0) + 1), text, ...pageProp });
    else blocks.push({ kind: "paragraph", text, ...pageProp });
  }
  return maxPage ? { blocks, pageCount: maxPage } : { blocks };
}

export async function parseWithUnstructured({
  bytes,
  filename,
  mime,
  url,
  apiKey,
  timeoutMs = 120_000,
  retryMaxMs = 60_000,
}: {
  bytes: Uint8Array;
  filename: string;
  mime: string;
  url: string;
  apiKey?: string;
  timeoutMs?: number;
  /** Total time the SDK may spend retrying 5xx/connection errors before the file fails. */
  retryMaxMs?: number;
}): Promise<ParsedDocument> {
  const client = new UnstructuredClient({
    serverURL: url,
    security: { apiKeyAuth: apiKey ?? "" },
    timeoutMs,
    retryConfig: {
      strategy: "backoff",
      backoff: {
        initialInterval: Math.min(500, retryMaxMs),
        maxInterval: 10_000,
        exponent: 1.5,
        maxElapsedTime: retryMaxMs,
      },
      retryConnectionErrors: true,
    },
  });
  let response: unknown;
  try {
    response = await client.general.partition({
      partitionParameters: {
        files: { content: bytes, fileName: filename },
        strategy: Strategy.Auto,
        // Page splitting fans out parallel requests; one request per file keeps runs predictable.
        splitPdfPage: false,
      },
    });
  } catch (error) {
    throw new FileError(`Unstructured API failed: ${(error as Error).message.split("\n")[0]}`, { cause: error });
  }
  const elements = typeof response === "string" ? (JSON.parse(response) as Element[]) : (response as Element[]);
  if (!Array.isArray(elements)) throw new FileError("Unstructured API returned no elements");
  const { blocks, pageCount } = elementsToBlocks(elements);
  if (blocks.length === 0) throw new FileError("Unstructured found no text in this file");
  const title = blocks.find((b) => b.kind === "heading");
  return {
    blocks,
    meta: title && title.kind === "heading" ? { title: title.text } : {},
    mime,
    ...(pageCount ? { pageCount } : {}),
  };
}
