import { z } from "zod";
import { auditFilterSchema, MAX_AUDIT_PAGE, type AuditFilter } from "@groundwork/audit";
import { GroundworkError } from "@groundwork/db/errors";

const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(100),
  before: z.coerce.number().int().min(1).optional(),
  format: z.enum(["csv", "json"]).default("csv"),
});

/** Query string → filter + paging, with a 400 that names the bad parameter. */
export function parseAuditQuery(req: Request): { filter: AuditFilter; limit: number; before: number | undefined; format: "csv" | "json" } {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const filter = auditFilterSchema.safeParse(params);
  const page = pageSchema.safeParse(params);
  const issue = (!filter.success && filter.error.issues[0]) || (!page.success && page.error.issues[0]);
  if (issue || !filter.success || !page.success) {
    throw new GroundworkError("bad_request", `Invalid audit query: ${issue ? `${issue.path.join(".")} ${issue.message}` : "bad parameters"}.`);
  }
  return { filter: filter.data, limit: page.data.limit, before: page.data.before, format: page.data.format };
}
