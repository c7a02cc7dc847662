import type { Database } from "@groundwork/db/client";
import { withReadTransaction, type ReadTx } from "@groundwork/db/read-replica";
import { isPrincipal, type Principal } from "./principal";

export type ReaderScope = {
  /** `user:<id>`, `group:<name>`… as resolved on the server, never from a request body. */
  principals: readonly string[];
  isAdmin: boolean;
};

/** The reader transaction's query builder (see ReadTx); a `db.transaction` tx fits it too. */
export type ReaderTx = ReadTx;

/** The scope a resolved principal reads under. */
export function scopeOf(principal: Pick<Principal, "principals" | "isAdmin">): ReaderScope {
  return { principals: principal.principals, isAdmin: principal.isAdmin };
}

/**
 * Runs `fn` in a transaction as the RLS-bound groundwork_reader role with the caller's
 * principals set transaction-locally. Everything is LOCAL because on the embedded socket
 * all connections share one session: a plain SET would leak to other requests. The role is
 * switched by set_config('role', …, true), i.e. SET LOCAL ROLE, last; all of it travels with
 * BEGIN in one round trip, so every statement of `fn` already runs as the reader.
 * Being transaction-local, it also needs no session state from PgBouncer's transaction pooling.
 *
 * The transaction runs on the read replica (DATABASE_READ_URL) when that has replayed everything
 * the primary had committed as the read began, else on the primary (@groundwork/db/read-replica):
 * the caller's principals were resolved on the primary, and the documents' ACLs read here are at
 * least that new. `fn` must only read (it is repeated on the primary if the replica fails).
 */
export async function withReaderScope<T>({
  db,
  scope,
  fn,
}: {
  db: Database;
  scope: ReaderScope;
  fn: (tx: ReaderTx) => Promise<T>;
}): Promise<T> {
  for (const p of scope.principals) {
    // Commas separate principals in the setting; anything odd would widen or break the list.
    if (!isPrincipal(p)) throw new Error(`invalid principal ${JSON.stringify(p)}`);
  }
  return withReadTransaction({
    db,
    settings: [
      ["groundwork.principals", scope.principals.join(",")],
      ["groundwork.is_admin", scope.isAdmin ? "on" : "off"],
      ["hnsw.iterative_scan", "relaxed_order"],
      ["hnsw.ef_search", "100"],
      ["role", "groundwork_reader"],
    ],
    fn,
  });
}
