import pg from "pg";
import mysql from "mysql2/promise";
import { GroundworkError } from "@groundwork/core/errors";
import type { ConnectorContext } from "../connector";
import { dialectOf, type SqlConfig, type SqlDialect } from "./config";

/** One statement may run this long before the server cancels it. */
export const STATEMENT_TIMEOUT_MS = 120_000;
const CONNECT_TIMEOUT_MS = 15_000;

export type SqlRow = Record<string, unknown>;

export type SqlClient = {
  dialect: SqlDialect;
  /** `$1` (Postgres) or `?` (MySQL) for the next parameter; push its value onto `params`. */
  placeholder(params: unknown[], value: unknown): string;
  query(input: { sql: string; params?: unknown[] }): Promise<{ rows: SqlRow[]; columns: string[] }>;
  close(): Promise<void>;
};

type Target = { dialect: SqlDialect; host: string; port: number; user: string; database: string; ssl: boolean };

function targetOf(url: string): Target {
  const dialect = dialectOf(url);
  if (!dialect)
    throw new GroundworkError("bad_request", "The URL must start with postgres://, mysql:// or mariadb://.");
  const u = new URL(url);
  const sslmode = u.searchParams.get("sslmode") ?? u.searchParams.get("ssl-mode") ?? u.searchParams.get("ssl");
  return {
    dialect,
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port ? Number(u.port) : dialect === "postgres" ? 5432 : 3306,
    user: decodeURIComponent(u.username) || (dialect === "postgres" ? "postgres" : "root"),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")),
    ssl: sslmode !== null && !["disable", "false", "0", "disabled"].includes(sslmode.toLowerCase()),
  };
}

/**
 * Driver messages can carry the DSN or the password (a failed auth plugin, a connection string
 * echoed back): every one that leaves this module goes through here.
 */
export function scrubSecret({ message, password }: { message: string; password: string | undefined }): string {
  if (!password) return message;
  let out = message;
  for (const form of new Set([password, encodeURIComponent(password)])) out = out.split(form).join("***");
  return out;
}

function friendlyError({ error, target, password }: { error: unknown; target: Target; password: string | undefined }) {
  if (error instanceof GroundworkError) return error;
  const e = error as { code?: string; errno?: number; message?: string };
  const where = `${target.host}:${target.port}`;
  const raw = scrubSecret({ message: e.message ?? String(error), password });
  const known: Record<string, string> = {
    // Postgres SQLSTATEs
    "28P01": `Authentication failed for user "${target.user}" at ${where}: check the user and --password.`,
    "28000": `The server at ${where} refused user "${target.user}": ${raw}`,
    "3D000": `Database "${target.database}" does not exist at ${where}.`,
    "42P01": `The query failed: ${raw}`,
    "42703": `The query failed: ${raw}`,
    "42601": `The query has a syntax error: ${raw}`,
    "25006": "The query tried to write; a SQL source only reads.",
    "57014": `The query took longer than ${STATEMENT_TIMEOUT_MS / 1000} s and was cancelled.`,
    // MySQL / MariaDB
    ER_ACCESS_DENIED_ERROR: `Authentication failed for user "${target.user}" at ${where}: check the user and --password.`,
    ER_DBACCESS_DENIED_ERROR: `User "${target.user}" may not open database "${target.database}" at ${where}.`,
    ER_BAD_DB_ERROR: `Database "${target.database}" does not exist at ${where}.`,
    ER_PARSE_ERROR: `The query has a syntax error: ${raw}`,
    ER_NO_SUCH_TABLE: `The query failed: ${raw}`,
    ER_BAD_FIELD_ERROR: `The query failed: ${raw}`,
    ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION: "The query tried to write; a SQL source only reads.",
    ER_STATEMENT_TIMEOUT: `The query took longer than ${STATEMENT_TIMEOUT_MS / 1000} s and was cancelled.`,
    ER_QUERY_TIMEOUT: `The query took longer than ${STATEMENT_TIMEOUT_MS / 1000} s and was cancelled.`,
    PROTOCOL_SEQUENCE_TIMEOUT: `The query took longer than ${STATEMENT_TIMEOUT_MS / 1000} s and was cancelled.`,
    // Sockets
    ECONNREFUSED: `Nothing accepts connections at ${where} (is the database running, is the port right?).`,
    ENOTFOUND: `Cannot resolve ${target.host}.`,
    EAI_AGAIN: `Cannot resolve ${target.host}.`,
    ETIMEDOUT: `The database at ${where} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s.`,
    ECONNRESET: `The database at ${where} closed the connection.`,
  };
  const message =
    (e.code && known[e.code]) ??
    (/timeout/i.test(raw) && /connect/i.test(raw)
      ? `The database at ${where} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s.`
      : `The database at ${where} answered with an error: ${raw}`);
  // The driver error is not kept as `cause`: its message and stack may hold what we just scrubbed.
  return new GroundworkError("bad_request", message, { details: { code: e.code ?? null } });
}

/**
 * A connection for one pass (check, pull, list, ACL pass), in a session that cannot write and
 * cancels long statements. The host goes through the network guard first: the DSN is admin
 * input, and a database on a private address is only reachable when allow-listed.
 */
export async function openSqlClient({ config, ctx }: { config: SqlConfig; ctx: ConnectorContext }): Promise<SqlClient> {
  const target = targetOf(config.url);
  const password = config.password ?? ctx.secrets.password;
  await ctx.guard.assertAllowed({ host: target.host, port: target.port });
  const fail = (error: unknown) => friendlyError({ error, target, password });
  return target.dialect === "postgres"
    ? openPostgres({ target, password, fail })
    : openMysql({ target, password, fail });
}

type Fail = (error: unknown) => GroundworkError;

async function openPostgres({
  target,
  password,
  fail,
}: {
  target: Target;
  password: string | undefined;
  fail: Fail;
}): Promise<SqlClient> {
  const client = new pg.Client({
    host: target.host,
    port: target.port,
    user: target.user,
    database: target.database || target.user,
    ...(password !== undefined ? { password } : {}),
    ssl: target.ssl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    // Client-side bound too, for a server that ignores statement_timeout (a pooler in between).
    query_timeout: STATEMENT_TIMEOUT_MS + 5_000,
    application_name: "groundwork-ingest",
  });
  // An idle connection dropped by the server emits 'error'; unhandled, it would crash the worker.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("set session characteristics as transaction read only");
  } catch (error) {
    await client.end().catch(() => undefined);
    throw fail(error);
  }
  return {
    dialect: "postgres",
    placeholder(params, value) {
      params.push(value);
      return `$${params.length}`;
    },
    async query({ sql, params = [] }) {
      try {
        const result = await client.query({ text: sql, values: params });
        return { rows: result.rows as SqlRow[], columns: result.fields.map((f) => f.name) };
      } catch (error) {
        throw fail(error);
      }
    },
    close: () => client.end().catch(() => undefined),
  };
}

async function openMysql({
  target,
  password,
  fail,
}: {
  target: Target;
  password: string | undefined;
  fail: Fail;
}): Promise<SqlClient> {
  let conn: mysql.Connection;
  try {
    conn = await mysql.createConnection({
      host: target.host,
      port: target.port,
      user: target.user,
      ...(password !== undefined ? { password } : {}),
      ...(target.database ? { database: target.database } : {}),
      ...(target.ssl ? { ssl: {} } : {}),
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Ids beyond 2^53 must stay exact: they are document ids and keyset positions.
      supportBigNumbers: true,
      bigNumberStrings: true,
      charset: "utf8mb4",
    });
  } catch (error) {
    throw fail(error);
  }
  conn.on("error", () => undefined);
  try {
    await conn.query("set session transaction read only");
    // MariaDB calls the statement bound max_statement_time (seconds), MySQL max_execution_time
    // (milliseconds, SELECT only); each server rejects the other's name.
    await conn
      .query(`set session max_statement_time = ${STATEMENT_TIMEOUT_MS / 1000}`)
      .catch(() => conn.query(`set session max_execution_time = ${STATEMENT_TIMEOUT_MS}`))
      .catch(() => undefined);
  } catch (error) {
    await conn.end().catch(() => undefined);
    throw fail(error);
  }
  return {
    dialect: "mysql",
    placeholder(params, value) {
      params.push(value);
      return "?";
    },
    async query({ sql, params = [] }) {
      try {
        // Each read in its own read-only transaction: a write fails even if the session setting
        // was refused, and no snapshot is held open while the run loop parses a page.
        await conn.query("start transaction read only");
        // execute (a server-side prepared statement) rather than query: the client-side
        // formatter would substitute a `?` inside the admin's string literals.
        const [rows, fields] = await conn.execute({ sql, values: params, timeout: STATEMENT_TIMEOUT_MS + 5_000 });
        await conn.query("commit");
        return { rows: rows as SqlRow[], columns: (fields ?? []).map((f) => f.name) };
      } catch (error) {
        await conn.query("rollback").catch(() => undefined);
        throw fail(error);
      }
    },
    close: () => conn.end().catch(() => undefined),
  };
}
