import { z } from "zod";
import { auditFilterSchema, MAX_AUDIT_PAGE, type AuditFilter } from "@groundwork/audit";
import { GroundworkError } from "@groundwork/core/errors";
import { timestamp } from "~/lib/server/http/contracts";

const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(100),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  format: z.enum(["csv", "json"]).default("csv"),
});

// Dates the database and a human both accept; beyond them `from=-300000-01-01` parses in
// JavaScript and fails in Postgres — after an export's first bytes were sent.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The request is a query string. Query string → filter + paging, with a 400 that names the bad parameter. */
export function parseAuditQuery(req: Request): {
  filter: AuditFilter;
  limit: number;
  before: number | undefined;
  format: "csv" | "json";
} {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  // Control characters (NUL above all) are never part of an action, actor or target; Postgres
  // refuses NUL in text outright.
  const controlled = Object.entries(params).find(([, v]) => CONTROL.test(v));
  if (controlled)
    throw new GroundworkError(
      "bad_request",
      `Invalid audit query: ${controlled[0].slice(0, 40)} contains control characters.`,
    );
  const filter = auditFilterSchema.safeParse(params);
  const page = pageSchema.safeParse(params);
  const issue = (!filter.success && filter.error.issues[0]) || (!page.success && page.error.issues[0]);
  if (issue || !filter.success || !page.success) {
    throw new GroundworkError(
      "bad_request",
      `Invalid audit query: ${issue ? `${issue.path.join(".")} ${issue.message}` : "bad parameters"}.`,
    );
  }
  for (const key of ["from", "to"] as const) {
    const d = filter.data[key];
    if (d && (d.getTime() < EARLIEST || d.getTime() > LATEST))
      throw new GroundworkError("bad_request", `Invalid audit query: ${key} must be a date between 1970 and 9999.`);
  }
  if (filter.data.from && filter.data.to && filter.data.from > filter.data.to)
    throw new GroundworkError("bad_request", "Invalid audit query: from is after to.");
  return { filter: filter.data, limit: page.data.limit, before: page.data.before, format: page.data.format };
}

export const auditEvent = z.strictObject({
  id: z.number().int(),
  at: timestamp,
  actorId: z.uuid().nullable(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.string(),
  latencyMs: z.number().nullable(),
  requestId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

/** One page of the audit log, newest first; `nextBefore` is the `before` of the next page. */
export const listAuditEventsResponse = z.strictObject({
  events: z.array(auditEvent),
  nextBefore: z.number().int().nullable(),
});
