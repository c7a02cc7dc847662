import type { Database } from "@groundwork/db/client";
import type { ListedAuditEvent as AuditEvent } from "./list-audit-events";
import { listAuditEvents, type AuditFilter } from "./list-audit-events";

export type AuditExportFormat = "csv" | "json";

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "actor_id",
  "actor_username",
  "action",
  "target",
  "outcome",
  "latency_ms",
  "request_id",
  "detail",
] as const;

/**
 * One CSV cell. Quotes per RFC 4180, and neutralises cells a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab, CR): audit rows hold user-typed questions.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s: string;
  if (value instanceof Date) s = value.toISOString();
  else if (typeof value === "object") s = JSON.stringify(value);
  else if (
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "bigint" ||
    typeof value === "boolean"
  )
    s = String(value);
  else s = (value as symbol | (() => void)).toString(); // symbols and functions (never in jsonb rows): what String() gave
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvRow(e: AuditEvent): string {
  return [e.id, e.at, e.actorId, e.actorUsername, e.action, e.target, e.outcome, e.latencyMs, e.requestId, e.detail]
    .map(csvCell)
    .join(",");
}

function jsonRow(e: AuditEvent): string {
  return JSON.stringify({
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorUsername: e.actorUsername,
    action: e.action,
    target: e.target,
    outcome: e.outcome,
    latencyMs: e.latencyMs,
    requestId: e.requestId,
    detail: e.detail,
  });
}

/**
 * Streams the filtered log page by page (newest first) as CSV or as one JSON array, so an
 * export of a large log never sits in memory. `maxRows` bounds a single export.
 */
export async function* exportAuditEvents({
  db,
  filter = {},
  format,
  pageSize = 500,
  maxRows = 1_000_000,
}: {
  db: Database;
  filter?: AuditFilter;
  format: AuditExportFormat;
  pageSize?: number;
  maxRows?: number;
}): AsyncGenerator<string> {
  yield format === "csv" ? `${AUDIT_CSV_COLUMNS.join(",")}\r\n` : "[";
  let before: number | undefined;
  let written = 0;
  while (written < maxRows) {
    const page = await listAuditEvents({ db, filter, limit: Math.min(pageSize, maxRows - written), before });
    if (page.events.length === 0) break;
    let chunk = "";
    for (const e of page.events) {
      chunk += format === "csv" ? `${csvRow(e)}\r\n` : `${written === 0 ? "" : ","}\n${jsonRow(e)}`;
      written += 1;
    }
    yield chunk;
    if (page.nextBefore === null) break;
    before = page.nextBefore;
  }
  if (format === "json") yield written ? "\n]\n" : "]\n";
}
