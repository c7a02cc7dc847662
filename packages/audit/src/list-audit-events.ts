import { and, desc, eq, getTableColumns, gte, like, lt, lte, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@groundwork/db/client";
import { auditEvents, type AuditEvent } from "@groundwork/db/schema";
import { escapeLike } from "@groundwork/db/like-pattern";

// event_id is the writer's idempotency key for the spool (record-audit-event.ts), not part of the event.
const { eventId: _eventId, ...listedColumns } = getTableColumns(auditEvents);
export type ListedAuditEvent = Omit<AuditEvent, "eventId">;

/** Filters of the admin audit viewer; parsed from query strings, so every field is optional text. */
export const auditFilterSchema = z.object({
  /** Exact action, or a prefix ending in `*` (`document.*`). */
  action: z.string().trim().min(1).max(100).optional(),
  actor: z.string().trim().min(1).max(200).optional(),
  outcome: z.string().trim().min(1).max(40).optional(),
  target: z.string().trim().min(1).max(500).optional(),
  requestId: z.string().trim().min(1).max(200).optional(),
  from: z.coerce.date().optional(),
  // A bare date (the page's date input) means through the end of that day (UTC), not its first instant.
  to: z.preprocess(
    (v) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? `${v.trim()}T23:59:59.999Z` : v),
    z.coerce.date().optional(),
  ),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const MAX_AUDIT_PAGE = 500;

export function auditWhere(filter: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (filter.action) {
    parts.push(
      filter.action.endsWith("*")
        ? like(auditEvents.action, `${escapeLike(filter.action.slice(0, -1))}%`)
        : eq(auditEvents.action, filter.action),
    );
  }
  if (filter.actor) parts.push(eq(auditEvents.actorUsername, filter.actor));
  if (filter.outcome) parts.push(eq(auditEvents.outcome, filter.outcome));
  if (filter.target) parts.push(eq(auditEvents.target, filter.target));
  if (filter.requestId) parts.push(eq(auditEvents.requestId, filter.requestId));
  if (filter.from) parts.push(gte(auditEvents.at, filter.from));
  if (filter.to) parts.push(lte(auditEvents.at, filter.to));
  return parts.length ? and(...parts) : undefined;
}

/**
 * Newest first, keyset-paginated on the id (`before` = the last id of the previous page), so
 * paging stays cheap on a large log and rows written meanwhile never shift a page.
 */
export async function listAuditEvents({
  db,
  filter = {},
  limit = 100,
  before,
}: {
  db: Database;
  filter?: AuditFilter;
  limit?: number;
  before?: number;
}): Promise<{ events: ListedAuditEvent[]; nextBefore: number | null }> {
  const size = Math.max(1, Math.min(MAX_AUDIT_PAGE, Math.floor(limit)));
  const where = and(auditWhere(filter), before !== undefined ? lt(auditEvents.id, before) : undefined);
  const rows = await db
    .select(listedColumns)
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.id))
    .limit(size + 1);
  const events = rows.slice(0, size);
  const last = events.at(-1);
  return { events, nextBefore: rows.length > size && last ? last.id : null };
}
