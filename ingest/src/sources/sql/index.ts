import type { ResolvedAccess } from "../access-rules";
import {
  PULL_PAGE_SIZE,
  type Checkpoint,
  type Connector,
  type ConnectorContext,
  type PullPage,
  type SourceEntry,
} from "../connector";
import { splitSqlSecrets, sqlConfigSchema, type SqlConfig } from "./config";
import { checkSelectQuery, quoteIdent } from "./query-shape";
import { assertColumns, cellText, renderBody, rowAcl, rowVersion, sha256 } from "./rows";
import { openSqlClient, type SqlClient, type SqlRow } from "./sql-client";

export { sqlConfigSchema, splitSqlSecrets, type SqlConfig } from "./config";

/** Rows per database round trip: pages of PULL_PAGE_SIZE are cut from these. */
export const SQL_FETCH_ROWS = 1000;
const LIST_FETCH_ROWS = 10_000;
const ACL_FETCH_IDS = 500;
/** The updated column's own text rendering, selected beside the row: see `Position`. */
const UPDATED_TEXT = "__gw_updated";

/**
 * Where a pull stands, as stored in the checkpoint:
 *  - `{ phase: "nulls", lastId }`: rows whose updated column is NULL, in id order (only a pull
 *    from the start reads them: they carry no change time an incremental pull could go by);
 *  - `{ updatedAfter, lastId }`: keyset over (updated, id). `updatedAfter` is the database's own
 *    text for the value, not a JS Date, so microsecond timestamps compare exactly; both null
 *    means "from the first row with an updated value";
 *  - `{ lastId }` without an updated column: a pass in id order, and `{ completedAt }` once it
 *    finished, so the next pull reads every row again (version tags skip unchanged ones).
 */
type Position =
  | { kind: "nulls"; lastId: string | null }
  | { kind: "updated"; updatedAfter: string | null; lastId: string | null }
  | { kind: "ids"; lastId: string | null };

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

function startPosition({ config, checkpoint }: { config: SqlConfig; checkpoint: Checkpoint | null }): Position {
  if (!config.updatedColumn) {
    // A finished pass, or a checkpoint from when the source had an updated column: from the start.
    if (!checkpoint || "completedAt" in checkpoint || "updatedAfter" in checkpoint || "phase" in checkpoint)
      return { kind: "ids", lastId: null };
    return { kind: "ids", lastId: str(checkpoint.lastId) };
  }
  if (!checkpoint || !("updatedAfter" in checkpoint || checkpoint.phase === "nulls"))
    return { kind: "nulls", lastId: null };
  if (checkpoint.phase === "nulls") return { kind: "nulls", lastId: str(checkpoint.lastId) };
  return { kind: "updated", updatedAfter: str(checkpoint.updatedAfter), lastId: str(checkpoint.lastId) };
}

function checkpointOf(position: Position): Checkpoint {
  if (position.kind === "nulls") return { phase: "nulls", lastId: position.lastId };
  if (position.kind === "updated") return { updatedAfter: position.updatedAfter, lastId: position.lastId };
  return { lastId: position.lastId };
}

type Prepared = { client: SqlClient; config: SqlConfig; from: string; q: (column: string) => string };

/** Connects, checks the query's shape and that every named column is among its results. */
async function prepare({ config, ctx }: { config: SqlConfig; ctx: ConnectorContext }): Promise<Prepared> {
  const client = await openSqlClient({ config, ctx });
  try {
    const query = checkSelectQuery({ dialect: client.dialect, query: config.query });
    const from = `from (${query}) as q`;
    // LIMIT 0 makes both servers describe the result without reading it.
    const { columns } = await client.query({ sql: `select q.* ${from} limit 0` });
    assertColumns({ config, columns });
    return { client, config, from, q: (column) => `q.${quoteIdent({ dialect: client.dialect, name: column })}` };
  } catch (error) {
    await client.close();
    throw error;
  }
}

function asText({ client, expr }: { client: SqlClient; expr: string }) {
  return client.dialect === "postgres" ? `(${expr})::text` : `cast(${expr} as char)`;
}

/** The next batch of rows after `position`, and the position each row leaves the pull at. */
async function fetchBatch({
  prepared: { client, config, from, q },
  position,
}: {
  prepared: Prepared;
  position: Position;
}): Promise<{ row: SqlRow; position: Position }[]> {
  const params: unknown[] = [];
  const p = (value: unknown) => client.placeholder(params, value);
  const id = q(config.idColumn);
  const where = [`${id} is not null`];
  let select = "q.*";
  let order = id;
  if (position.kind === "updated") {
    const u = q(config.updatedColumn!);
    select = `q.*, ${asText({ client, expr: u })} as ${UPDATED_TEXT}`;
    where.push(`${u} is not null`);
    if (position.updatedAfter !== null) {
      const tie =
        position.lastId !== null ? ` or (${u} = ${p(position.updatedAfter)} and ${id} > ${p(position.lastId)})` : "";
      where.push(`(${u} > ${p(position.updatedAfter)}${tie})`);
    }
    order = `${u}, ${id}`;
  } else {
    if (position.kind === "nulls") where.push(`${q(config.updatedColumn!)} is null`);
    if (position.lastId !== null) where.push(`${id} > ${p(position.lastId)}`);
  }
  const sql = `select ${select} ${from} where ${where.join(" and ")} order by ${order} limit ${SQL_FETCH_ROWS}`;
  const { rows } = await client.query({ sql, params });
  return rows.map((row) => {
    const lastId = cellText(row[config.idColumn]);
    const next: Position =
      position.kind === "updated"
        ? { kind: "updated", updatedAfter: cellText(row[UPDATED_TEXT]), lastId }
        : { ...position, lastId };
    return { row, position: next };
  });
}

/** `id in (…)`, compared as text: stored ids are String(value), whatever the column's type. */
function idsMatch({
  prepared: { client, config, q },
  ids,
  params,
}: {
  prepared: Prepared;
  ids: string[];
  params: unknown[];
}) {
  const id = q(config.idColumn);
  return client.dialect === "postgres"
    ? `(${id})::text = any(${client.placeholder(params, ids)}::text[])`
    : `cast(${id} as char) in (${ids.map((v) => client.placeholder(params, v)).join(", ")})`;
}

function modifiedAtOf(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "string") {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

function accessFor({ config, row, ctx }: { config: SqlConfig; row: SqlRow; ctx: ConnectorContext }): ResolvedAccess {
  const { acl, dropped } = config.aclColumn
    ? rowAcl({ value: row[config.aclColumn], defaultAcl: ctx.defaultAcl, userIds: ctx.userIds })
    : rowAcl({ value: null, defaultAcl: ctx.defaultAcl, userIds: ctx.userIds });
  if (dropped.length)
    ctx.log("sql acl names dropped", { id: cellText(row[config.idColumn]), dropped: dropped.slice(0, 10) });
  return { acl, owner: null, tags: [] };
}

function toEntry({ config, row, ctx }: { config: SqlConfig; row: SqlRow; ctx: ConnectorContext }): SourceEntry {
  const id = cellText(row[config.idColumn]);
  const body = renderBody({ config, row });
  const access = accessFor({ config, row, ctx });
  const bytes = new TextEncoder().encode(body);
  const updated = config.updatedColumn ? row[config.updatedColumn] : undefined;
  const title = cellText(row[config.titleColumn]).trim();
  return {
    id,
    filename: `${id}.md`,
    ...(title ? { title } : {}),
    size: bytes.byteLength,
    modifiedAt: modifiedAtOf(updated),
    version: rowVersion({ updated, body, acl: access.acl }),
    hash: async () => sha256(bytes),
    read: async () => bytes,
    access: async () => access,
  };
}

export const sqlConnector: Connector<SqlConfig> = {
  kind: "sql",
  label: "SQL records",
  configSchema: sqlConfigSchema,
  liftSecrets: splitSqlSecrets,

  async check({ config, ctx }) {
    const prepared = await prepare({ config, ctx });
    try {
      // Runs the query itself once (LIMIT 0 may be answered from the plan alone).
      await prepared.client.query({ sql: `select q.* ${prepared.from} limit 1` });
    } finally {
      await prepared.client.close();
    }
  },

  async *pull({ config, checkpoint, ctx }): AsyncIterable<PullPage> {
    const prepared = await prepare({ config, ctx });
    try {
      let position = startPosition({ config, checkpoint });
      // A full page is held back until the next row shows whether more follow, so the last page
      // carries the checkpoint of a finished pass (`completedAt`, the next phase) instead of its last row's.
      let pending: { items: SourceEntry[]; checkpoint: Checkpoint } | null = null;
      let page: SourceEntry[] = [];
      for (;;) {
        if (ctx.signal.aborted) return;
        const batch = await fetchBatch({ prepared, position });
        for (const { row, position: after } of batch) {
          if (pending) {
            yield pending;
            pending = null;
            if (ctx.signal.aborted) return;
          }
          page.push(toEntry({ config, row, ctx }));
          position = after;
          if (page.length === PULL_PAGE_SIZE) {
            pending = { items: page, checkpoint: checkpointOf(position) };
            page = [];
          }
        }
        if (batch.length === SQL_FETCH_ROWS) continue;
        // The rows with no updated value are done: go on with the keyset from its start.
        if (position.kind === "nulls") {
          position = { kind: "updated", updatedAfter: null, lastId: null };
          continue;
        }
        break;
      }
      const done: Checkpoint =
        position.kind === "ids" ? { completedAt: new Date().toISOString() } : checkpointOf(position);
      if (pending && page.length === 0) yield { items: pending.items, checkpoint: done };
      else {
        if (pending) yield pending;
        yield { items: page, checkpoint: done };
      }
    } finally {
      await prepared.client.close();
    }
  },

  // Rows by id: what a change notification names, and the rows that failed in an earlier run
  // (the keyset cursor has moved past them, so the run loop asks for them by id). An id the
  // query no longer yields is reported gone.
  async *pullItems({ config, ids, ctx }) {
    if (ids.length === 0) return;
    const prepared = await prepare({ config, ctx });
    try {
      for (let i = 0; i < ids.length; i += PULL_PAGE_SIZE) {
        if (ctx.signal.aborted) return;
        const wanted = ids.slice(i, i + PULL_PAGE_SIZE);
        const params: unknown[] = [];
        const { rows } = await prepared.client.query({
          sql: `select q.* ${prepared.from} where ${idsMatch({ prepared, ids: wanted, params })}`,
          params,
        });
        const items = rows.map((row) => toEntry({ config, row, ctx }));
        const found = new Set(items.map((item) => item.id));
        const deleted = wanted.filter((id) => !found.has(id));
        yield { items, ...(deleted.length ? { deleted } : {}) };
      }
    } finally {
      await prepared.client.close();
    }
  },

  async listIds({ config, ctx }) {
    const { client, from, q } = await prepare({ config, ctx });
    try {
      const id = q(config.idColumn);
      const ids: string[] = [];
      let last: string | null = null;
      for (;;) {
        const params: unknown[] = [];
        const after = last === null ? "" : ` and ${id} > ${client.placeholder(params, last)}`;
        const { rows } = await client.query({
          sql: `select ${id} as id ${from} where ${id} is not null${after} order by ${id} limit ${LIST_FETCH_ROWS}`,
          params,
        });
        for (const row of rows) ids.push(cellText(row.id));
        if (rows.length < LIST_FETCH_ROWS) return ids;
        last = ids[ids.length - 1]!;
      }
    } finally {
      await client.close();
    }
  },

  async accessOf({ config, ids, ctx }) {
    const out = new Map<string, ResolvedAccess>();
    if (ids.length === 0) return out;
    if (!config.aclColumn) {
      for (const id of ids) out.set(id, accessFor({ config, row: {}, ctx }));
      return out;
    }
    const prepared = await prepare({ config, ctx });
    const { client, from, q } = prepared;
    try {
      const id = q(config.idColumn);
      const select = `select ${id} as ${quoteIdent({ dialect: client.dialect, name: config.idColumn })}, ${q(config.aclColumn)} as ${quoteIdent({ dialect: client.dialect, name: config.aclColumn })}`;
      for (let i = 0; i < ids.length; i += ACL_FETCH_IDS) {
        const chunk = ids.slice(i, i + ACL_FETCH_IDS);
        const params: unknown[] = [];
        const match = idsMatch({ prepared, ids: chunk, params });
        const { rows } = await client.query({ sql: `${select} ${from} where ${match}`, params });
        for (const row of rows) out.set(cellText(row[config.idColumn]), accessFor({ config, row, ctx }));
      }
      return out;
    } finally {
      await client.close();
    }
  },
};
