import { cleanText, squashSpaces } from "../prepare/clean-text";
import type { Block, ParsedDocument } from "../document-model";

export function parseText({ text }: { text: string }): ParsedDocument {
  const blocks: Block[] = cleanText(text)
    .split(/\n\s*\n/)
    .map((p) => squashSpaces(p.replace(/\s*\n\s*/g, " ")))
    .filter(Boolean)
    .map((t) => ({ kind: "paragraph", text: t }));
  return { blocks, meta: {}, mime: "text/plain" };
}
