import type { Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import { isUuid } from "@groundwork/core/ids";
import { scopeOf, withReaderScope, type ReaderScope, type ReaderTx } from "@groundwork/access/reader-scope";

/** What the viewer's reads of one document take: who asks, and the id from the URL. */
export type DocumentRequest = { db: Database; principal: Principal; documentId: string };

/**
 * Runs `fn` in the caller's reader scope for one document, or returns `missing` without a query
 * when the id is not a uuid: a malformed id from the URL must read as "not there", not as a
 * cast error from `::uuid`.
 */
export async function withDocumentScope<T>({
  db,
  principal,
  documentId,
  missing,
  fn,
}: DocumentRequest & {
  missing: T;
  fn: (args: { tx: ReaderTx; scope: ReaderScope }) => Promise<T>;
}): Promise<T> {
  if (!isUuid(documentId)) return missing;
  const scope = scopeOf(principal);
  return withReaderScope({ db, scope, fn: (tx) => fn({ tx, scope }) });
}
