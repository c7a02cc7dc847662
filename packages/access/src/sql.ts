import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { ReaderScope } from "./reader-scope";

/**
 * The first wall: the ACL predicate every retrieval leg and reader query writes into its own
 * SQL. Row-level security (policies in migrations/0002, re-created in 0007 and 0011) repeats the same test as the second wall, so
 * a query that forgets this predicate still returns nothing it should not; a policy that is
 * dropped still leaves this one. Both must agree: a row is visible when its `acl` shares a
 * principal with the caller; admins bypass by role.
 *
 * The principals travel as one bound text[] parameter (never spliced into the text), so any
 * principal string is data, not syntax. A bound array (rather than a subquery) lets the planner
 * see the values and estimate ACL selectivity per caller.
 */
export function principalArray(scope: ReaderScope): SQL {
  // Each principal once: the same test for `&&` and `= any`, and a query that joins on the
  // list (the per-principal postings) reads each principal's key range once.
  return sql`${sql.param([...new Set(scope.principals)])}::text[]`;
}

/**
 * `acl` (an `acl` column: `c.acl`, `d.acl`, or a drizzle column) shares a principal with the
 * caller; `true` for admins.
 *
 * `indexable: false` writes the same test in a form the planner cannot match to the acl GIN
 * index. For a caller who sees a large share of the corpus, combining the acl bitmap (tens of
 * thousands of entries) with the full-text bitmap costs more than checking the ACL on the few
 * hundred rows full-text search finds, yet the planner's estimates keep choosing the BitmapAnd.
 */
export function aclVisible({
  acl,
  scope,
  indexable = true,
}: {
  acl: SQL | AnyColumn;
  scope: ReaderScope;
  indexable?: boolean;
}): SQL {
  if (scope.isAdmin) return sql`true`;
  return indexable
    ? sql`${acl} && ${principalArray(scope)}`
    : sql`(${acl} || '{}'::text[]) && ${principalArray(scope)}`;
}

/**
 * The statistics side of the same wall: `principal` (a term_principal_stats column) is one the
 * caller holds. Not used for admins, who read the corpus-wide figures.
 */
export function heldPrincipal({ principal, scope }: { principal: SQL | AnyColumn; scope: ReaderScope }): SQL {
  return sql`${principal} = any(${principalArray(scope)})`;
}

/** The chunk_counts keys of the caller's principals (`acl:<principal>`, as the count triggers write them). */
export function aclCountKeys(scope: ReaderScope): SQL {
  return sql`${sql.param(scope.principals.map((p) => `acl:${p}`))}::text[]`;
}
