import pg from "pg";
import mysql from "mysql2/promise";
import { testServerUrl } from "@groundwork/db/testing";
import type { SqlConfig, SqlDialect } from "../sources/sql/config";

/**
 * Tables on the real database servers for the SQL connector's tests and benchmarks. Postgres is
 * found the way every server-target test finds it (TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test); MariaDB/MySQL through TEST_MYSQL_URL, default
 * mysql://root@127.0.0.1:3306/test.
 */
export const sqlTestUrls: Record<SqlDialect, string> = {
  postgres: testServerUrl,
  mysql: process.env.TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test",
};

export type SeedRow = {
  id: number;
  title: string;
  body: string;
  status?: string;
  /** Stored as text: a CSV list, a JSON array, or null (the source default). */
  acl?: string | null;
  updatedAt?: Date;
};

type Exec = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

async function connect(dialect: SqlDialect, url: string): Promise<{ exec: Exec; close(): Promise<void> }> {
  if (dialect === "postgres") {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    await client.connect();
    return {
      exec: async (sql, params = []) => (await client.query(sql, params)).rows as Record<string, unknown>[],
      close: () => client.end(),
    };
  }
  const conn = await mysql.createConnection({ uri: url, connectTimeout: 3000 });
  return {
    exec: async (sql, params = []) => (await conn.query(sql, params))[0] as Record<string, unknown>[],
    close: () => conn.end(),
  };
}

const checks = new Map<SqlDialect, Promise<string | null>>();

/** null when the dialect's test server answers, else why not. */
export function sqlServerUnavailableReason(dialect: SqlDialect): Promise<string | null> {
  let check = checks.get(dialect);
  if (!check) {
    check = (async () => {
      try {
        const c = await connect(dialect, sqlTestUrls[dialect]);
        await c.exec("select 1");
        await c.close();
        return null;
      } catch (error) {
        return `${dialect} test server ${sqlTestUrls[dialect]} unreachable: ${(error as Error).message}`;
      }
    })();
    checks.set(dialect, check);
  }
  return check;
}

/**
 * The dialects whose servers are up. As for the database server target: in CI a missing server
 * fails the suite, locally it is skipped with the reason printed.
 */
export async function sqlTestDialects(): Promise<SqlDialect[]> {
  const out: SqlDialect[] = [];
  for (const dialect of ["postgres", "mysql"] as const) {
    const reason = await sqlServerUnavailableReason(dialect);
    if (reason && process.env.CI) throw new Error(`CI requires the ${dialect} test server: ${reason}`);
    if (reason) console.warn(`[testing] skipping ${dialect}: ${reason}`);
    else out.push(dialect);
  }
  return out;
}

/** Row i of a generated table: ids 1…n, updated one second apart from 2020-01-01. */
export function generatedRow(i: number): SeedRow {
  return {
    id: i,
    title: `Ticket ${i}`,
    body: `Customer ${i} reports that the export fails on step ${i % 7}.`,
    status: ["open", "pending", "closed"][i % 3]!,
    acl: null,
    updatedAt: new Date(Date.UTC(2020, 0, 1) + i * 1000),
  };
}

export type SqlTable = {
  dialect: SqlDialect;
  url: string;
  /** The table's name (unquoted; lowercase letters, digits and `_`). */
  table: string;
  /** A connector config over the table (`select * from <table>`, updated column on); overrides win. */
  config(overrides?: Partial<SqlConfig>): SqlConfig;
  /** Sets new bodies (and a later updated_at, unless `keepUpdatedAt`) on these rows. */
  touch(input: { ids: number[]; body?: (id: number) => string; keepUpdatedAt?: boolean }): Promise<void>;
  insert(rows: SeedRow[]): Promise<void>;
  remove(ids: number[]): Promise<void>;
  /** A statement on the table's connection, for what the helpers above do not cover. */
  exec: Exec;
  /** Drops the table and closes the connection. */
  drop(): Promise<void>;
};

/**
 * Creates a uniquely named table `(id, title, body, status, acl, updated_at)` on the dialect's
 * test server and fills it: `rows` is the rows themselves or a count of generated ones
 * (`generatedRow`), inserted 1000 to a statement.
 */
export async function seedSqlTable({
  dialect,
  rows,
  url = sqlTestUrls[dialect],
  prefix = "gw_sql",
}: {
  dialect: SqlDialect;
  rows: number | SeedRow[];
  url?: string;
  prefix?: string;
}): Promise<SqlTable> {
  const table = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const c = await connect(dialect, url);
  const ts = dialect === "postgres" ? "timestamptz(6)" : "datetime(6)";
  await c.exec(
    `create table ${table} (id bigint primary key, title text not null, body text not null, ` +
      `status varchar(32), acl text, updated_at ${ts} not null)`,
  );
  // As a table an incremental source reads would have: the keyset (updated, id) is indexed.
  await c.exec(`create index ${table}_updated on ${table} (updated_at, id)`);
  let latest = 0;
  const insert = async (list: SeedRow[]) => {
    for (let i = 0; i < list.length; i += 1000) {
      const chunk = list.slice(i, i + 1000);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => {
        const at = r.updatedAt ?? new Date();
        latest = Math.max(latest, at.getTime());
        const values = [r.id, r.title, r.body, r.status ?? null, r.acl ?? null, at];
        const marks = values.map((v) => {
          params.push(v);
          return dialect === "postgres" ? `$${params.length}` : "?";
        });
        return `(${marks.join(", ")})`;
      });
      await c.exec(
        `insert into ${table} (id, title, body, status, acl, updated_at) values ${tuples.join(", ")}`,
        params,
      );
    }
  };
  const list = typeof rows === "number" ? Array.from({ length: rows }, (_, i) => generatedRow(i + 1)) : rows;
  await insert(list);
  const mark = (i: number) => (dialect === "postgres" ? `$${i}` : "?");
  return {
    dialect,
    url,
    table,
    exec: c.exec,
    config: (overrides = {}) => ({
      url,
      query: `select * from ${table}`,
      idColumn: "id",
      titleColumn: "title",
      textColumn: "body",
      updatedColumn: "updated_at",
      ...overrides,
    }),
    insert,
    async touch({ ids, body = (id) => `Edited body of ${id}.`, keepUpdatedAt = false }) {
      // Strictly later than every stored value, whatever clock the rows were seeded with.
      latest = Math.max(latest + 1000, Date.now());
      const at = new Date(latest);
      for (const id of ids) {
        if (keepUpdatedAt) await c.exec(`update ${table} set body = ${mark(1)} where id = ${mark(2)}`, [body(id), id]);
        else
          await c.exec(`update ${table} set body = ${mark(1)}, updated_at = ${mark(2)} where id = ${mark(3)}`, [
            body(id),
            at,
            id,
          ]);
      }
    },
    async remove(ids) {
      if (ids.length === 0) return;
      await c.exec(`delete from ${table} where id in (${ids.map((_, i) => mark(i + 1)).join(", ")})`, ids);
    },
    async drop() {
      try {
        await c.exec(`drop table if exists ${table}`);
      } finally {
        await c.close();
      }
    },
  };
}
