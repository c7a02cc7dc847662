import fs from "node:fs";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { startEmbeddedOwner } from "./src/embedded";
async function stress(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 6 });
  await pool.query("create table if not exists t (id serial primary key, body text)");
  let errors = 0; let first = "";
  const note = (e: Error) => { errors++; first ||= e.message; };
  const big = "x".repeat(50_000);
  const writer = async () => { for (let i = 0; i < 20; i++) { const c = await pool.connect(); try { await c.query("begin"); for (let j = 0; j < 5; j++) await c.query("insert into t (body) values ($1)", [big]); await c.query("commit"); } catch (e) { note(e as Error); await c.query("rollback").catch(() => {}); } finally { c.release(); } } };
  const reader = async (k: number) => { for (let i = 0; i < 300; i++) await pool.query(k === 1 ? "select $1::int as n" : "select $1::int + $2::int as n", k === 1 ? [i] : [i, 1]).catch(note); };
  await Promise.all([writer(), reader(1), reader(2), reader(1), reader(2)]);
  await pool.end();
  return `${errors} ${first}`;
}
const raw = await PGlite.create(fs.mkdtempSync("/tmp/gw-stress-raw-"));
const server = new PGLiteSocketServer({ db: raw, host: "127.0.0.1", port: 0, maxConnections: 10 });
await server.start();
console.log("raw pglite-socket errors:", await stress(`postgres://postgres@${server.getServerConn()}/postgres`));
await server.stop(); await raw.close();
const owner = await startEmbeddedOwner({ dataDir: fs.mkdtempSync("/tmp/gw-stress-fixed-") });
console.log("with sticky sequences errors:", await stress(owner.url));
await owner.close();
