import { sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";

/**
 * Two committing batches on a server; one on embedded PGlite, which executes every statement
 * on the same single thread as this process, so a second transaction would only wait.
 */
export async function defaultStoreConcurrency(db: Database): Promise<number> {
  const rows = await db.execute<{ v: string }>(sql`select version() as v`);
  return /pglite/i.test(rows.rows[0]?.v ?? "") ? 1 : 2;
}
