import { sql } from "drizzle-orm";
import type { Database } from "./client";

/**
 * LIST partitioning of `chunks` by `source_id`, for corpora where one or a few very large
 * sources dominate: a source-filtered search reads only its partition, a large source's indexes
 * are built, vacuumed and reindexed on their own, and deleting a whole source can become a
 * partition detach. Two steps, each one transaction:
 *
 * 1. `partitionChunks` turns `chunks` into a partitioned table whose DEFAULT partition is the
 *    old table itself (renamed `chunks_default`): no row is copied and no index rebuilt except
 *    the unique ones, which must now include the partition key (primary key `(id, source_id)`,
 *    `(document_id, ordinal, source_id)`; a document belongs to one source, so both still mean
 *    what they meant). The BM25 statistics triggers move to the parent (statement-level with
 *    transition tables: they see rows routed to any partition); RLS, its policies and the
 *    reader's grant are set on the parent, which is the only relation readers may name.
 * 2. `moveSourceToPartition` gives one source its own partition `chunks_src_<id>`: its rows are
 *    copied into a new table (writes wait, searches go on), indexed like the parent, deleted from
 *    the default partition and the table attached. Rows only move between partitions, so the
 *    statistics are left alone (statements that name a partition do not fire the parent's
 *    statement triggers).
 *
 * Partitioned parents are not analyzed by autovacuum: `tidySearchIndexes` analyzes `chunks`
 * after large ingests, and this module after each step.
 */

const STATS_TRIGGERS = ["chunks_stats_insert", "chunks_stats_delete", "chunks_stats_update"] as const;

export type ChunkPartition = { name: string; bound: string; rows: number };

async function isPartitioned(db: Pick<Database, "execute">): Promise<boolean> {
  const r = await db.execute<{ kind: string }>(
    sql`select relkind::text as kind from pg_class where oid = 'chunks'::regclass`,
  );
  return r.rows[0]?.kind === "p";
}

/** The partitions of chunks with their bounds and estimated rows (empty when chunks is a plain table). */
export async function listChunkPartitions({ db }: { db: Database }): Promise<ChunkPartition[]> {
  if (!(await isPartitioned(db))) return [];
  const r = await db.execute<{ name: string; bound: string; rows: number }>(sql`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound, greatest(c.reltuples, 0)::bigint as rows
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'chunks'::regclass order by c.relname`);
  return r.rows.map((row) => ({ name: row.name, bound: row.bound, rows: Number(row.rows) }));
}

/** Step 1: chunks becomes LIST-partitioned by source_id, the existing rows its DEFAULT partition. A no-op when already done. */
export async function partitionChunks({ db }: { db: Database }): Promise<{ changed: boolean }> {
  if (await isPartitioned(db)) return { changed: false };
  await db.transaction(async (tx) => {
    await tx.execute(sql`lock table chunks in access exclusive mode`);
    if (await isPartitioned(tx)) return;
    // Everything the parent must carry, read before the rename (the definitions then name the parent).
    const indexes = await tx.execute<{ name: string; def: string; is_unique: boolean; is_primary: boolean }>(sql`
      select c.relname as name, pg_get_indexdef(i.indexrelid) as def, i.indisunique as is_unique, i.indisprimary as is_primary
      from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = 'chunks'::regclass order by c.relname`);
    const foreignKeys = await tx.execute<{ name: string; def: string }>(sql`
      select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = 'chunks'::regclass and contype = 'f' order by conname`);
    const triggers = await tx.execute<{ name: string; def: string }>(sql`
      select tgname as name, pg_get_triggerdef(oid) as def from pg_trigger
      where tgrelid = 'chunks'::regclass and not tgisinternal order by tgname`);
    const policies = await tx.execute<{
      name: string;
      cmd: string;
      roles: string[];
      qual: string | null;
      permissive: string;
    }>(sql`
      select policyname as name, cmd, roles::text[] as roles, qual, permissive from pg_policies
      where schemaname = 'public' and tablename = 'chunks' order by policyname`);
    const grants = await tx.execute<{ grantee: string; privilege: string }>(sql`
      select grantee::regrole::text as grantee, privilege_type as privilege
      from pg_class c, aclexplode(c.relacl) a where c.oid = 'chunks'::regclass and a.grantee <> c.relowner and a.grantee <> 0`);

    await tx.execute(sql`alter table chunks rename to chunks_default`);
    for (const ix of indexes.rows)
      await tx.execute(sql.raw(`ALTER INDEX ${ident(ix.name)} RENAME TO ${ident(`${ix.name}_old`)}`));
    for (const fk of foreignKeys.rows)
      await tx.execute(
        sql.raw(`ALTER TABLE chunks_default RENAME CONSTRAINT ${ident(fk.name)} TO ${ident(`${fk.name}_old`)}`),
      );
    for (const tg of triggers.rows) await tx.execute(sql.raw(`DROP TRIGGER ${ident(tg.name)} ON chunks_default`));

    await tx.execute(
      sql`create table chunks (like chunks_default including defaults including generated including constraints including storage including compression) partition by list (source_id)`,
    );
    for (const ix of indexes.rows) {
      if (ix.is_primary)
        await tx.execute(sql.raw(`ALTER TABLE chunks ADD CONSTRAINT ${ident(ix.name)} PRIMARY KEY (id, source_id)`));
      else if (ix.is_unique) await tx.execute(sql.raw(withPartitionKey(ix.def)));
      else await tx.execute(sql.raw(ix.def));
    }
    for (const fk of foreignKeys.rows)
      await tx.execute(sql.raw(`ALTER TABLE chunks ADD CONSTRAINT ${ident(fk.name)} ${fk.def}`));
    // Attaching matches the parent's non-unique indexes and foreign keys to the old table's
    // (no rebuild, no revalidation); the unique ones, which gained source_id, are built here.
    await tx.execute(sql`select set_config('maintenance_work_mem', '512MB', true)`);
    // The old primary key (id alone) must go before the attach, which gives the partition the
    // parent's (id, source_id) and refuses a second one. Nothing references chunks by a foreign
    // key, and the access exclusive lock keeps writers out meanwhile.
    for (const ix of indexes.rows)
      if (ix.is_primary)
        await tx.execute(sql.raw(`ALTER TABLE chunks_default DROP CONSTRAINT ${ident(`${ix.name}_old`)}`));
    await tx.execute(sql`alter table chunks attach partition chunks_default default`);
    // The old unique keys (without source_id) are redundant now.
    for (const ix of indexes.rows)
      if (ix.is_unique && !ix.is_primary) await tx.execute(sql.raw(`DROP INDEX ${ident(`${ix.name}_old`)}`));
    for (const ix of indexes.rows) {
      const old = await tx.execute<{ ok: boolean }>(sql`select to_regclass(${`${ix.name}_old`}) is not null as ok`);
      if (!old.rows[0]?.ok) continue;
      // Attached indexes keep their old names; give them the default partition's.
      await tx.execute(
        sql.raw(
          `ALTER INDEX ${ident(`${ix.name}_old`)} RENAME TO ${ident(`chunks_default_${ix.name.replace(/^chunks_/, "")}`)}`,
        ),
      );
    }
    for (const tg of triggers.rows) await tx.execute(sql.raw(tg.def));

    await tx.execute(sql`alter table chunks enable row level security`);
    for (const p of policies.rows)
      await tx.execute(
        sql.raw(
          `CREATE POLICY ${ident(p.name)} ON chunks AS ${p.permissive} FOR ${p.cmd} TO ${p.roles.map(ident).join(", ")}${p.qual ? ` USING (${p.qual})` : ""}`,
        ),
      );
    for (const g of grants.rows) {
      await tx.execute(sql.raw(`GRANT ${g.privilege} ON chunks TO ${ident(g.grantee)}`));
      // Readers name the parent only; its policies apply there. The partition keeps RLS on as well.
      await tx.execute(sql.raw(`REVOKE ${g.privilege} ON chunks_default FROM ${ident(g.grantee)}`));
    }
    for (const name of STATS_TRIGGERS) {
      const r = await tx.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_trigger where tgrelid = 'chunks'::regclass and tgname = ${name}`,
      );
      if (Number(r.rows[0]?.n) !== 1)
        throw new Error(`partitionChunks: trigger ${name} missing on the partitioned chunks`);
    }
  });
  await db.execute(sql`analyze chunks`);
  return { changed: true };
}

/** Step 2: one source's chunks into their own partition. Requires step 1; a no-op when the source already has one. */
export async function moveSourceToPartition({
  db,
  sourceId,
  maintenanceWorkMem = "512MB",
}: {
  db: Database;
  sourceId: string;
  maintenanceWorkMem?: string;
}): Promise<{ partition: string; rows: number; changed: boolean }> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sourceId))
    throw new Error(`moveSourceToPartition: ${JSON.stringify(sourceId)} is not a source id`);
  if (!/^\d+(kB|MB|GB)$/.test(maintenanceWorkMem))
    throw new Error(`maintenanceWorkMem ${maintenanceWorkMem} is not a size`);
  if (!(await isPartitioned(db))) throw new Error("chunks is not partitioned yet: run partitionChunks first");
  const id = sourceId.toLowerCase();
  const name = `chunks_src_${id.replace(/-/g, "")}`;
  const existing = await listChunkPartitions({ db });
  if (existing.some((p) => p.name === name)) return { partition: name, rows: 0, changed: false };
  let rows = 0;
  await db.transaction(async (tx) => {
    // Writers wait (their statistics triggers would otherwise race the move); searches go on
    // until the short exclusive lock of the attach at the end.
    await tx.execute(sql`lock table chunks in share mode`);
    const known = await tx.execute<{ n: number }>(sql`select count(*)::int as n from sources where id = ${id}::uuid`);
    if (Number(known.rows[0]?.n) !== 1) throw new Error(`moveSourceToPartition: no source ${id}`);
    await tx.execute(sql`select set_config('maintenance_work_mem', ${maintenanceWorkMem}, true)`);
    await tx.execute(
      sql.raw(
        `CREATE TABLE ${name} (LIKE chunks INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)`,
      ),
    );
    const columns = await tx.execute<{ name: string }>(sql`
      select attname as name from pg_attribute where attrelid = 'chunks'::regclass and attnum > 0
        and not attisdropped and attgenerated = '' order by attnum`);
    const list = columns.rows.map((c) => ident(c.name)).join(", ");
    // Every column is copied as stored, tsv and token_count too (the parent's chunks_tsv trigger
    // reaches the new table only at the attach, and the text is unchanged).
    const moved = await tx.execute(
      sql.raw(`INSERT INTO ${name} (${list}) SELECT ${list} FROM chunks_default WHERE source_id = '${id}'::uuid`),
    );
    rows = moved.rowCount ?? 0;
    // Indexes after the copy (one build each rather than row-by-row upkeep), as the parent's.
    // (The primary key's index is left to the attach, which makes it a constraint index.)
    const parentIndexes = await tx.execute<{ def: string }>(sql`
      select pg_get_indexdef(i.indexrelid) as def from pg_index i where i.indrelid = 'chunks'::regclass and not i.indisprimary`);
    for (const ix of parentIndexes.rows)
      await tx.execute(
        sql.raw(ix.def.replace(/^CREATE (UNIQUE )?INDEX \S+ ON ONLY public\.chunks /, `CREATE $1INDEX ON ${name} `)),
      );
    await tx.execute(sql.raw(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`));
    // Names a partition, not the parent: the parent's statistics triggers do not fire, as the rows only move.
    await tx.execute(sql.raw(`DELETE FROM chunks_default WHERE source_id = '${id}'::uuid`));
    await tx.execute(sql.raw(`ALTER TABLE chunks ATTACH PARTITION ${name} FOR VALUES IN ('${id}')`));
  });
  await db.execute(sql.raw(`ANALYZE ${name}`));
  await db.execute(sql`analyze chunks`);
  return { partition: name, rows, changed: true };
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A unique index definition on chunks with source_id added to its columns (a partitioned table's unique keys hold the partition key). */
function withPartitionKey(def: string): string {
  const m = /^(CREATE UNIQUE INDEX \S+ ON )(?:ONLY )?(public\.chunks USING btree \()(.*)\)(.*)$/.exec(def);
  if (!m) throw new Error(`partitionChunks: cannot add source_id to unique index ${def}`);
  const columns = m[3]!.split(",").map((c) => c.trim());
  const withKey = columns.includes("source_id") ? columns : [...columns, "source_id"];
  return `${m[1]}${m[2]}${withKey.join(", ")})${m[4]}`;
}

/**
 * `pnpm db:partition --source <name or id>`: both steps for one large source (step 1 is a no-op
 * once done), by source name or id. Returns the partitions afterwards.
 */
export async function partitionSource({
  db,
  source,
  maintenanceWorkMem,
}: {
  db: Database;
  source: string;
  maintenanceWorkMem?: string;
}): Promise<{ sourceId: string; partition: string; rows: number; partitions: ChunkPartition[] }> {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(source);
  const found = await db.execute<{ id: string }>(
    isId
      ? sql`select id::text as id from sources where id = ${source}::uuid`
      : sql`select id::text as id from sources where name = ${source}`,
  );
  const sourceId = found.rows[0]?.id;
  if (!sourceId) throw new Error(`no source ${JSON.stringify(source)}`);
  await partitionChunks({ db });
  const moved = await moveSourceToPartition({
    db,
    sourceId,
    ...(maintenanceWorkMem ? { maintenanceWorkMem } : {}),
  });
  return { sourceId, partition: moved.partition, rows: moved.rows, partitions: await listChunkPartitions({ db }) };
}
