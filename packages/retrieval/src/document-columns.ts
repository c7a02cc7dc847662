import type { DocumentColumns } from "./types";

/**
 * Those fields from a raw row that selected `source_id`, `s.name as source_name`, `d.title`, `d.path`, `d.mime`,
 * `d.version`, `d.effective_date::text as effective_date` and `d.owner` (hydrate-results, read-document).
 */
export function documentColumns(row: Record<string, unknown>): DocumentColumns {
  return {
    sourceId: String(row.source_id),
    sourceName: String(row.source_name),
    title: String(row.title),
    path: String(row.path),
    mime: String(row.mime),
    version: Number(row.version),
    effectiveDate: (row.effective_date as string | null) ?? null,
    owner: (row.owner as string | null) ?? null,
  };
}
