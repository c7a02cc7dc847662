import YAML from "yaml";
import type { DocumentMeta } from "../document-model";
import { FileError } from "../document-model";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function stringList(value: unknown): string[] | undefined {
  if (Array.isArray(value))
    return value
      .map(String)
      .map((s) => s.trim())
      .filter(Boolean);
  if (typeof value === "string")
    return value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  return undefined;
}

/** Validates the metadata keys we understand; unknown keys are ignored. */
export function readMeta(raw: Record<string, unknown>): DocumentMeta {
  const meta: DocumentMeta = {};
  if (typeof raw.title === "string" && raw.title.trim()) meta.title = raw.title.trim();
  const date = raw.effective_date ?? raw["effective-date"];
  // YAML turns an unquoted 2024-01-31 into a Date.
  const dateText =
    date instanceof Date ? date.toISOString().slice(0, 10) : typeof date === "string" ? date.trim() : undefined;
  if (dateText && DATE.test(dateText)) meta.effectiveDate = dateText;
  if (typeof raw.owner === "string" && raw.owner.trim()) meta.owner = raw.owner.trim();
  const tags = stringList(raw.tags);
  if (tags?.length) meta.tags = tags.map((t) => t.toLowerCase());
  if (typeof raw.supersedes === "string" && raw.supersedes.trim())
    meta.supersedes = raw.supersedes.trim().replace(/^\.?\//, "");
  return meta;
}

/** Splits `---\nyaml\n---` off the top of a markdown file. */
export function splitFrontMatter(text: string): { meta: DocumentMeta; body: string; bodyOffset: number } {
  const match = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match) return { meta: {}, body: text, bodyOffset: 0 };
  let raw: unknown;
  try {
    raw = YAML.parse(match[1] ?? "");
  } catch (error) {
    throw new FileError(`front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}`, { cause: error });
  }
  const meta = raw && typeof raw === "object" && !Array.isArray(raw) ? readMeta(raw as Record<string, unknown>) : {};
  return { meta, body: text.slice(match[0].length), bodyOffset: match[0].length };
}
