import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { Database } from "./client";
import { migrationsDir } from "./paths";

/**
 * Applies pending migrations; a no-op when current. Runs at every start in both modes, from
 * the one process that starts the product (workers and the web app never migrate).
 */
export async function migrateDatabase({
  db,
  folder = migrationsDir(),
}: {
  db: Database;
  folder?: string;
}): Promise<{ applied: number }> {
  const before = await countApplied(db);
  await migrate(db, { migrationsFolder: folder, migrationsSchema: "drizzle", migrationsTable: "__migrations" });
  const after = await countApplied(db);
  return { applied: after - before };
}

async function countApplied(db: Database): Promise<number> {
  const exists = await db.execute<{ ok: boolean }>(sql`select to_regclass('drizzle.__migrations') is not null as ok`);
  if (!exists.rows[0]?.ok) return 0;
  const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__migrations`);
  return rows.rows[0]?.n ?? 0;
}

/** Number of migration files on disk vs applied rows: `/api/ready` reports "migrations current". */
export async function migrationsCurrent({
  db,
  folder = migrationsDir(),
}: {
  db: Database;
  folder?: string;
}): Promise<boolean> {
  const { readMigrationFiles } = await import("drizzle-orm/migrator");
  const files = readMigrationFiles({ migrationsFolder: folder });
  return (await countApplied(db)) >= files.length;
}
