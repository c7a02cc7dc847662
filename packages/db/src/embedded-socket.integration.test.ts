import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { startEmbeddedOwner } from "./embedded";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-socket-"));
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}/data.lock`, { force: true });
});

// A transaction holds the queue while other clients' messages pile up; once it commits, their
// Parse/Bind pairs must not interleave (pglite-socket alone fails ~19 of these 1,200 queries).
it("keeps each client's extended-protocol sequence together while transactions hold the queue", async () => {
  const owner = await startEmbeddedOwner({ dataDir: path.join(dir, "data"), maxConnections: 10 });
  const pool = new pg.Pool({ ...owner.connection(), max: 6 });
  try {
    await pool.query("create table t (id serial primary key, body text)");
    const errors: string[] = [];
    const big = "x".repeat(50_000);
    const writer = async () => {
      for (let i = 0; i < 20; i++) {
        const c = await pool.connect();
        try {
          await c.query("begin");
          for (let j = 0; j < 5; j++) await c.query("insert into t (body) values ($1)", [big]);
          await c.query("commit");
        } catch (error) {
          errors.push((error as Error).message);
          await c.query("rollback").catch(() => undefined);
        } finally {
          c.release();
        }
      }
    };
    const reader = async (params: number) => {
      for (let i = 0; i < 300; i++) {
        const r = await pool
          .query(params === 1 ? "select $1::int as n" : "select $1::int + $2::int as n", params === 1 ? [i] : [i, 1])
          .catch((error: Error) => (errors.push(error.message), null));
        if (r) expect(r.rows[0].n).toBe(params === 1 ? i : i + 1);
      }
    };
    await Promise.all([writer(), reader(1), reader(2), reader(1), reader(2)]);
    expect(errors).toEqual([]);
    expect((await pool.query("select count(*)::int as n from t")).rows[0].n).toBe(100);
  } finally {
    await pool.end();
    await owner.close();
  }
});
