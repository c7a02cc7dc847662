import pg from "pg";
import { openDatabase, type DbHandle } from "@groundwork/db/client";
import { readDbEnv } from "@groundwork/db/env";
import { migrateDatabase } from "@groundwork/db/migrate";
import { testServerUrl } from "@groundwork/db/testing";
import { CENTRES, NOISE_POOL, SCALE_GENERATOR_VERSION, scaleSpace } from "./scale-corpus";

/**
 * A dedicated server database per corpus size (`groundwork_scale_<n>`), kept between runs and
 * reused when its fingerprint (generator version, size, dimension, seed) matches: loading a
 * million chunks takes many minutes, measuring it a few. Pending migrations are applied to a
 * reused database as at a product start.
 *
 * The load is as fast as the product's own write path allows: statistics triggers stay on (BM25
 * needs term_stats, term_principal_stats, chunk_counts exactly as ingestion keeps them), but
 * rows go in as 2,000-chunk `unnest` batches with vectors composed server-side, and the
 * secondary indexes (GIN full-text, GIN acl, HNSW, btrees) are dropped first and built once
 * afterwards with maintenance_work_mem raised in that session.
 */
export type ScaleDatabase = { name: string; url: string; reused: boolean; loadS: number; indexS: number };

export const scaleModelId = (dimensions: number) => `scale-clustered-${dimensions}`;

function urlFor(name: string): string {
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
  const c = new pg.Client({ connectionString: testServerUrl });
  await c.connect();
  try {
    return await c.query<T>(text, values);
  } finally {
    await c.end();
  }
}

export function fingerprintOf({ n, dimensions, seed }: { n: number; dimensions: number; seed: number }): string {
  return JSON.stringify({ generator: SCALE_GENERATOR_VERSION, n, dimensions, seed, chunksPerDoc: 10 });
}

async function readFingerprint(url: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    const r = await c.query<{ value: string }>(
      "select value from bench_scale_meta where key = 'fingerprint' and exists (select 1 from bench_scale_meta where key = 'complete')",
    );
    return r.rows[0]?.value ?? null;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function openScaleDatabase(url: string, poolMax = 4): Promise<DbHandle> {
  return openDatabase({ env: { ...readDbEnv(), DATABASE_URL: url }, poolMax });
}

export async function ensureScaleDatabase({
  n,
  dimensions,
  seed = 11,
  maintenanceWorkMem = "2GB",
  reload = false,
  log,
}: {
  n: number;
  dimensions: number;
  seed?: number;
  maintenanceWorkMem?: string;
  reload?: boolean;
  log: (s: string) => void;
}): Promise<ScaleDatabase> {
  const name = `groundwork_scale_${n}`;
  const url = urlFor(name);
  const fingerprint = fingerprintOf({ n, dimensions, seed });
  if (!reload && (await readFingerprint(url)) === fingerprint) {
    const h = await openScaleDatabase(url, 1);
    try {
      await migrateDatabase({ db: h.db });
    } finally {
      await h.close();
    }
    log(`  reusing ${name} (fingerprint matches)`);
    return { name, url, reused: true, loadS: 0, indexS: 0 };
  }
  log(`  loading ${n.toLocaleString("en")} chunks into ${name}…`);
  await adminQuery(`drop database if exists ${name} with (force)`);
  await adminQuery(`create database ${name}`);
  const h = await openScaleDatabase(url, 1);
  try {
    await migrateDatabase({ db: h.db });
  } finally {
    await h.close();
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const t0 = performance.now();
    await c.query("create table bench_scale_meta (key text primary key, value text not null)");
    await c.query("insert into bench_scale_meta values ('fingerprint', $1)", [fingerprint]);
    // Secondary indexes go, to be built once after the load (their definitions as migrated).
    const idx = await c.query<{ name: string; def: string }>(
      `select c.relname as name, pg_get_indexdef(i.indexrelid) as def from pg_index i join pg_class c on c.oid = i.indexrelid
       where i.indrelid = 'chunks'::regclass and not i.indisprimary order by c.relname`,
    );
    for (const r of idx.rows) await c.query(`drop index ${r.name}`);
    const space = scaleSpace({ dimensions, seed });
    await c.query(`create unlogged table bench_scale_centres (i int primary key, v vector(${dimensions}))`);
    await c.query(`create unlogged table bench_scale_noise (i int primary key, v vector(${dimensions}))`);
    const lit = (v: number[]) => `[${v.map((x) => x.toFixed(6)).join(",")}]`;
    await c.query(
      "insert into bench_scale_centres select i - 1, v::vector from unnest($1::text[]) with ordinality as x(v, i)",
      [space.centres.map(lit)],
    );
    await c.query(
      "insert into bench_scale_noise select i - 1, v::vector from unnest($1::text[]) with ordinality as x(v, i)",
      [space.noise.map(lit)],
    );
    if (space.centres.length !== CENTRES || space.noise.length !== NOISE_POOL) throw new Error("scale space size");
    const src = await c.query<{ id: string }>(
      "insert into sources (name, kind) values ('scale', 'folder') returning id",
    );
    const sourceId = src.rows[0]!.id;
    const model = scaleModelId(dimensions);
    let done = 0;
    let lastLog = performance.now();
    for (const b of space.batches({ n })) {
      // Documents and their chunks in one statement: one firing of the statistics triggers per batch.
      await c.query(
        `with d as (
           insert into documents (source_id, path, title, mime, content_hash, acl)
           select $1::uuid, 'doc-' || x.d, 'Document ' || x.d, 'text/plain', x.d::text, string_to_array(x.acl, ',')
           from unnest($2::int[], $3::text[]) as x(d, acl)
           returning id, path, acl
         )
         insert into chunks (document_id, source_id, version, ordinal, text, text_hash, context, char_start, char_end,
                             embedding, embedding_model, acl, mime)
         select d.id, $1::uuid, 1, x.k % 10, x.text, x.k::text, 'Document ' || (x.k / 10), 0, length(x.text),
                l2_normalize(ce.v + na.v + nb.v), $4, d.acl, 'text/plain'
         from unnest($5::int[], $6::text[], $7::int[], $8::int[], $9::int[]) as x(k, text, c, a, b)
         join d on d.path = 'doc-' || (x.k / 10)
         join bench_scale_centres ce on ce.i = x.c
         join bench_scale_noise na on na.i = x.a
         join bench_scale_noise nb on nb.i = x.b`,
        [sourceId, b.docs, b.docAcl, model, b.keys, b.texts, b.centre, b.noiseA, b.noiseB],
      );
      done += b.keys.length;
      if (performance.now() - lastLog > 30_000) {
        lastLog = performance.now();
        log(`    ${done.toLocaleString("en")} chunks, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      }
    }
    const loadS = (performance.now() - t0) / 1000;
    log(`  loaded ${done.toLocaleString("en")} chunks in ${loadS.toFixed(0)} s`);
    await c.query("drop table bench_scale_centres, bench_scale_noise");
    const t1 = performance.now();
    await c.query(`set maintenance_work_mem = '${maintenanceWorkMem}'`);
    await c.query("set max_parallel_maintenance_workers = 2");
    for (const r of idx.rows) {
      const ti = performance.now();
      await c.query(r.def);
      log(`    ${r.name} in ${((performance.now() - ti) / 1000).toFixed(0)} s`);
    }
    await c.query("vacuum analyze chunks");
    await c.query("vacuum analyze documents");
    await c.query("analyze");
    const indexS = (performance.now() - t1) / 1000;
    log(`  indexes + vacuum analyze in ${indexS.toFixed(0)} s`);
    await c.query("insert into bench_scale_meta values ('complete', now()::text)");
    return { name, url, reused: false, loadS, indexS };
  } finally {
    await c.end();
  }
}

/** A throw-away copy of a scale database (CREATE DATABASE … TEMPLATE: a file copy, no reload). */
export async function copyScaleDatabase({ from, to }: { from: string; to: string }): Promise<string> {
  await adminQuery(`drop database if exists ${to} with (force)`);
  // The template must have no other sessions; ours are closed by now.
  await adminQuery(`create database ${to} template ${from}`);
  return urlFor(to);
}

export async function dropScaleDatabase(name: string): Promise<void> {
  await adminQuery(`drop database if exists ${name} with (force)`);
}
