import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Principal } from "./principal";

/**
 * Superseded versions are admin-only in search and chat: they are history for admins auditing
 * what a document used to say; everyone else searches current text. A non-admin's
 * `includeSuperseded` is turned off (not refused). Applied where a request enters (the search and
 * chat routes) so the audit row records the filters that ran. The viewer still opens a superseded
 * version a caller may read, with a link to the current one: that is not a search.
 */
export function searchFiltersFor<F extends { includeSuperseded?: boolean | undefined }>({
  filters,
  principal,
}: {
  filters: F | undefined;
  principal: Pick<Principal, "isAdmin">;
}): F | undefined {
  return filters && !principal.isAdmin ? { ...filters, includeSuperseded: false } : filters;
}

/**
 * Which document versions a read returns, over a `status` column: active ones, or with
 * `includeSuperseded` everything not deleted. Deleted documents are never readable.
 */
export function documentStatusVisible({
  status,
  includeSuperseded,
}: {
  status: SQL | AnyColumn;
  includeSuperseded: boolean;
}): SQL {
  return includeSuperseded ? sql`${status} <> 'deleted'` : sql`${status} = 'active'`;
}
