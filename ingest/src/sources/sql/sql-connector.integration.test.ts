import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GroundworkError } from "@groundwork/core/errors";
import { PULL_PAGE_SIZE, isReadable, type PullPage, type SourceItem } from "../connector";
import { pullAll, testConnectorContext } from "../../testing/connector-context";
import { seedSqlTable, sqlTestDialects, type SqlTable } from "../../testing/sql-table";
import { sqlConnector, splitSqlSecrets, type SqlConfig } from "./index";
import { openSqlClient } from "./sql-client";

const dialects = await sqlTestDialects();

const items = (pages: PullPage[]) => pages.flatMap((p) => p.items).filter(isReadable);
const ids = (pages: PullPage[]) => items(pages).map((i) => i.id);
const text = async (item: SourceItem) => new TextDecoder().decode(await item.read());
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
const sorted = (list: string[]) => [...list].sort((a, b) => Number(a) - Number(b));

async function errorOf(promise: Promise<unknown>): Promise<GroundworkError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GroundworkError);
  return error as GroundworkError;
}

const ALICE = "00000000-0000-4000-8000-00000000a11c";
const BOB = "00000000-0000-4000-8000-000000000b0b";

if (dialects.length === 0) it.skip("no SQL test server is up", () => undefined);

describe.each(dialects)("sql connector on %s", (dialect) => {
  const N = 2100; // more than two database fetches of SQL_FETCH_ROWS
  let t: SqlTable;
  beforeAll(async () => {
    t = await seedSqlTable({ dialect, rows: N });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("pulls every row once, in pages of PULL_PAGE_SIZE with their own checkpoints", async () => {
    const ctx = testConnectorContext();
    await sqlConnector.check({ config: t.config(), ctx });
    const pages = await pullAll({ connector: sqlConnector, config: t.config(), ctx });
    expect(pages).toHaveLength(Math.ceil(N / PULL_PAGE_SIZE));
    expect(pages.every((p) => p.items.length <= PULL_PAGE_SIZE)).toBe(true);
    expect(ids(pages)).toEqual(range(1, N));
    expect(new Set(pages.map((p) => JSON.stringify(p.checkpoint))).size).toBe(pages.length);
    expect(pages.at(-1)!.checkpoint).toMatchObject({ lastId: String(N) });
    const seventh = items(pages)[6]!;
    expect(seventh).toMatchObject({ id: "7", filename: "7.md", title: "Ticket 7" });
    expect(await text(seventh)).toBe("Customer 7 reports that the export fails on step 0.");
    expect(seventh.size).toBe(Buffer.byteLength(await text(seventh)));
    expect(seventh.version).toMatch(/^2020-01-01T00:00:07\.000Z#[0-9a-f]{32}$/);
    expect(seventh.modifiedAt?.toISOString()).toBe("2020-01-01T00:00:07.000Z");
    expect((await seventh.access()).acl).toEqual(["group:everyone"]);
  });

  it("pulls only the rows whose updated column moved, then nothing", async () => {
    const ctx = testConnectorContext();
    const first = await pullAll({ connector: sqlConnector, config: t.config(), ctx });
    const changed = [5, 700, 1500, 2099, 3];
    await t.touch({ ids: changed });
    const next = await pullAll({
      connector: sqlConnector,
      config: t.config(),
      checkpoint: first.at(-1)!.checkpoint,
      ctx,
    });
    expect(sorted(ids(next))).toEqual(sorted(changed.map(String)));
    expect(await text(items(next)[0]!)).toMatch(/^Edited body of \d+\.$/);
    const after = await pullAll({
      connector: sqlConnector,
      config: t.config(),
      checkpoint: next.at(-1)!.checkpoint,
      ctx,
    });
    expect(ids(after)).toEqual([]);
    expect(after.at(-1)!.checkpoint).toEqual(next.at(-1)!.checkpoint);
  });

  it("catches an edit that left the updated column alone on a full pull, through the version tag", async () => {
    const ctx = testConnectorContext();
    const version = (pages: PullPage[]) => new Map(items(pages).map((i) => [i.id, i.version]));
    const before = version(await pullAll({ connector: sqlConnector, config: t.config(), ctx }));
    await t.touch({ ids: [42], keepUpdatedAt: true, body: () => "Quietly edited." });
    const after = version(await pullAll({ connector: sqlConnector, config: t.config(), ctx }));
    const differing = [...after].filter(([id, v]) => before.get(id) !== v).map(([id]) => id);
    expect(differing).toEqual(["42"]);
  });

  it("resumes from a mid-pull checkpoint without skipping or repeating rows", async () => {
    const ctx = testConnectorContext();
    const full = await pullAll({ connector: sqlConnector, config: t.config(), ctx });
    // A run stopped after three pages (the generator is closed, its connection released).
    const seen: string[] = [];
    let stoppedAt: PullPage | undefined;
    let n = 0;
    for await (const page of sqlConnector.pull({ config: t.config(), checkpoint: null, ctx })) {
      seen.push(...page.items.map((i) => i.id));
      stoppedAt = page;
      if (++n === 3) break;
    }
    const rest = await pullAll({ connector: sqlConnector, config: t.config(), checkpoint: stoppedAt!.checkpoint, ctx });
    expect([...seen, ...ids(rest)]).toEqual(ids(full));
    // And from a checkpoint in the middle of the second database fetch.
    const mid = full[20]!;
    const fromMid = await pullAll({ connector: sqlConnector, config: t.config(), checkpoint: mid.checkpoint, ctx });
    expect(ids(fromMid)).toEqual(ids(full.slice(21)));
  });

  it("reads rows with no updated value on a full pull, resumable in both phases", async () => {
    const ctx = testConnectorContext();
    // Every fourth row has no updated value: 100 of them, more than a page.
    const config = t.config({
      query: `select id, title, body, case when mod(id, 4) = 0 then null else updated_at end as changed from ${t.table} where id <= 400`,
      updatedColumn: "changed",
    });
    const full = await pullAll({ connector: sqlConnector, config, ctx });
    expect(sorted(ids(full))).toEqual(range(1, 400));
    expect(ids(full).slice(0, 100)).toEqual(range(1, 100).map((i) => String(Number(i) * 4)));
    expect(full[0]!.checkpoint).toEqual({ phase: "nulls", lastId: "256" });
    expect(full[1]!.checkpoint).toHaveProperty("updatedAfter");
    for (const at of [0, 1]) {
      const resumed = await pullAll({ connector: sqlConnector, config, checkpoint: full[at]!.checkpoint, ctx });
      expect(ids(resumed)).toEqual(ids(full.slice(at + 1)));
    }
    // An incremental pull goes by the updated value only.
    const next = await pullAll({ connector: sqlConnector, config, checkpoint: full.at(-1)!.checkpoint, ctx });
    expect(ids(next)).toEqual([]);
  });

  it("without an updated column, reads every row on every pull and says when a pass completed", async () => {
    const ctx = testConnectorContext();
    const config = t.config({ updatedColumn: undefined, query: `select * from ${t.table} where id <= 300` });
    const first = await pullAll({ connector: sqlConnector, config, ctx });
    expect(ids(first)).toEqual(range(1, 300));
    expect(first.at(-1)!.checkpoint).toHaveProperty("completedAt");
    expect(first[1]!.checkpoint).toEqual({ lastId: "128" });
    const again = await pullAll({ connector: sqlConnector, config, checkpoint: first.at(-1)!.checkpoint, ctx });
    expect(items(again).map((i) => i.version)).toEqual(items(first).map((i) => i.version));
    const resumed = await pullAll({ connector: sqlConnector, config, checkpoint: first[1]!.checkpoint, ctx });
    expect(ids(resumed)).toEqual(range(129, 300));
  });

  it("lists current ids for pruning: deleted rows are gone", async () => {
    const ctx = testConnectorContext();
    await t.remove([1, 999, 2100]);
    const listed = await sqlConnector.listIds({ config: t.config(), ctx });
    expect(listed).toHaveLength(N - 3);
    expect(listed).not.toContain("999");
    expect(new Set(listed)).toEqual(new Set(range(1, N).filter((id) => !["1", "999", "2100"].includes(id))));
  });

  it("reads ACLs from an array, CSV or JSON column; NULL or empty is the default; bad names never widen", async () => {
    const acls: Record<number, string | null> = {
      1: "Eng, sales, alice",
      2: '["Eng", "bob", "group:ops"]',
      3: null,
      4: "",
      5: "no spaces allowed!, ../etc",
      6: "user:not a principal,support",
    };
    const a = await seedSqlTable({
      dialect,
      rows: Object.entries(acls).map(([id, acl]) => ({ id: Number(id), title: `T${id}`, body: `B${id}`, acl })),
    });
    try {
      const ctx = testConnectorContext({
        userIds: new Map([
          ["alice", ALICE],
          ["bob", BOB],
        ]),
        defaultAcl: ["staff"],
      });
      const expected = {
        "1": ["group:eng", "group:sales", `user:${ALICE}`],
        "2": ["group:eng", "group:ops", `user:${BOB}`],
        "3": ["group:staff"],
        "4": ["group:staff"],
        "5": [],
        "6": ["group:support"],
      };
      const config = a.config({ aclColumn: "acl" });
      const pages = await pullAll({ connector: sqlConnector, config, ctx });
      const got = Object.fromEntries(await Promise.all(items(pages).map(async (i) => [i.id, (await i.access()).acl])));
      expect(got).toEqual(expected);
      const viaAccessOf = await sqlConnector.accessOf!({ config, ids: ["1", "2", "3", "5", "6", "404"], ctx });
      expect(Object.fromEntries([...viaAccessOf].map(([id, r]) => [id, r.acl]))).toEqual({
        "1": expected["1"],
        "2": expected["2"],
        "3": expected["3"],
        "5": expected["5"],
        "6": expected["6"],
      });
      expect(ctx.logs.some((l) => l.message === "sql acl names dropped")).toBe(true);
      if (dialect === "postgres") {
        // A real text[] column (the driver hands over a JS array).
        const arrayConfig = a.config({
          query: `select id, title, body, updated_at, case when acl like '[%' then null else string_to_array(acl, ',') end as readers from ${a.table}`,
          aclColumn: "readers",
        });
        const arrayPages = await pullAll({ connector: sqlConnector, config: arrayConfig, ctx });
        const first = items(arrayPages).find((i) => i.id === "1")!;
        expect((await first.access()).acl).toEqual(expected["1"]);
        const json = items(arrayPages).find((i) => i.id === "2")!;
        expect((await json.access()).acl).toEqual(["group:staff"]);
      }
      // The ACL is part of the version: a change of readers alone is a change.
      const before = items(pages).find((i) => i.id === "3")!.version;
      await a.exec(`update ${a.table} set acl = 'eng' where id = 3`);
      const after = items(await pullAll({ connector: sqlConnector, config, ctx })).find((i) => i.id === "3")!;
      expect(after.version).not.toBe(before);
      expect((await after.access()).acl).toEqual(["group:eng"]);
    } finally {
      await a.drop();
    }
  });

  it("builds the body from a template over several columns", async () => {
    const ctx = testConnectorContext();
    const config = t.config({
      query: `select * from ${t.table} where id between 10 and 12`,
      template: "# {{title}}\n\n{{ body }}\n\nStatus: {{status}}",
    });
    const [ten] = items(await pullAll({ connector: sqlConnector, config, ctx }));
    expect(await text(ten!)).toBe(
      "# Ticket 10\n\nCustomer 10 reports that the export fails on step 3.\n\nStatus: pending",
    );
    const missing = await errorOf(
      sqlConnector.check({ config: { ...config, template: "{{title}} {{priority}}" }, ctx }),
    );
    expect(missing.message).toContain('"priority" (--template)');
  });

  it("refuses a query that is not a single SELECT, and the table survives", async () => {
    const ctx = testConnectorContext();
    for (const [query, reason] of [
      [`delete from ${t.table}`, /SELECT/],
      [`select 1; drop table ${t.table}`, /single statement/],
      [`select * from ${t.table} for update`, /UPDATE/],
    ] as const) {
      const error = await errorOf(sqlConnector.check({ config: t.config({ query }), ctx }));
      expect(error.code).toBe("bad_request");
      expect(error.message).toMatch(reason);
    }
    // Keywords inside strings and quoted names are data, not statements.
    const quoted = t.config({ query: `select id, title, 'drop table; delete' as body, updated_at from ${t.table}` });
    await sqlConnector.check({ config: quoted, ctx });
    expect(await sqlConnector.listIds({ config: t.config(), ctx })).toHaveLength(N - 3);
  });

  it("reads in a session the server will not let write, whatever the statement", async () => {
    const client = await openSqlClient({ config: t.config(), ctx: testConnectorContext() });
    try {
      const error = await errorOf(
        client.query({ sql: `insert into ${t.table} (id, title, body, updated_at) values (999999, 'x', 'y', now())` }),
      );
      expect(error.message).toBe("The query tried to write; a SQL source only reads.");
      const { rows } = await client.query({ sql: `select count(*) as n from ${t.table} where id = 999999` });
      expect(Number(rows[0]!.n)).toBe(0);
    } finally {
      await client.close();
    }
  });

  it("names a missing column, with the flag that asked for it", async () => {
    const ctx = testConnectorContext();
    const error = await errorOf(sqlConnector.check({ config: t.config({ updatedColumn: "changed_at" }), ctx }));
    expect(error.message).toContain('Column "changed_at" (--updated-column) is not among the query\'s result columns');
    expect(error.message).toContain("updated_at");
    const cased = await errorOf(pullAll({ connector: sqlConnector, config: t.config({ idColumn: "ID" }), ctx }));
    expect(cased.message).toContain('Did you mean "id"?');
  });

  it("gives a clear error for bad SQL and an unknown host", async () => {
    const ctx = testConnectorContext();
    const bad = await errorOf(
      sqlConnector.check({ config: t.config({ query: "select * from no_such_table_here" }), ctx }),
    );
    expect(bad.message).toMatch(/no_such_table_here/);
    const host = await errorOf(
      sqlConnector.check({ config: t.config({ url: t.url.replace("127.0.0.1", "no-such-host.invalid") }), ctx }),
    );
    expect(host.message).toMatch(/no-such-host\.invalid/);
  });

  it("takes the password out of the DSN and never shows it in an error", async () => {
    const secret = "Sup3r-s3cret pw";
    const dsn = new URL(t.url);
    dsn.username = "gw_nobody";
    dsn.password = encodeURIComponent(secret);
    const split = splitSqlSecrets({ url: dsn.toString() });
    expect(split.password).toBe(secret);
    expect(split.url).not.toContain("s3cret");
    const config = sqlConnector.configSchema.parse({ ...t.config(), ...split });
    let user: string | null = null;
    if (dialect === "mysql") {
      // A real password check: MariaDB's root has none, so a user with one.
      user = `gw_pw_${process.pid}`;
      await t.exec(`create user if not exists '${user}'@'127.0.0.1' identified by 'the-right-one'`);
      config.url = config.url.replace("gw_nobody", user);
    }
    try {
      const ctx = testConnectorContext();
      const error = await errorOf(sqlConnector.check({ config, ctx }));
      expect(error.message).not.toContain("s3cret");
      expect(error.message).not.toContain(encodeURIComponent(secret));
      expect(JSON.stringify(error.details ?? {})).not.toContain("s3cret");
      expect(error.cause).toBeUndefined();
      if (dialect === "mysql") expect(error.message).toMatch(/Authentication failed for user "gw_pw_\d+"/);
      else expect(error.message).toMatch(/gw_nobody/); // trust auth here: the unknown role is what fails
      // From the secrets, as the run loop hands them over.
      const { password, ...stored }: SqlConfig = config;
      const viaSecrets = await errorOf(
        sqlConnector.check({ config: stored, ctx: testConnectorContext({ secrets: { password: password! } }) }),
      );
      expect(viaSecrets.message).toBe(error.message);
    } finally {
      if (user) await t.exec(`drop user if exists '${user}'@'127.0.0.1'`);
    }
  });
});

describe("sql connector error scrubbing against a server that echoes the password", () => {
  it("maps a Postgres password failure and scrubs the password from the driver's message", async () => {
    const secret = "echo-me-Pw1";
    // Speaks just enough of the Postgres protocol to fail the startup with 28P01 and a message that leaks.
    const server = net.createServer((socket) => {
      socket.once("data", () => {
        const fields = ["SFATAL", "C28P01", `Mpassword authentication failed (got "${secret}")`];
        const body = Buffer.concat([...fields.map((f) => Buffer.from(`${f}\0`)), Buffer.from("\0")]);
        const header = Buffer.alloc(5);
        header.write("E", 0);
        header.writeInt32BE(body.length + 4, 1);
        socket.end(Buffer.concat([header, body]));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const config = sqlConnector.configSchema.parse({
        ...splitSqlSecrets({ url: `postgres://reader:${secret}@127.0.0.1:${port}/crm` }),
        query: "select 1 as id, 'a' as title, 'b' as body",
        idColumn: "id",
        titleColumn: "title",
        textColumn: "body",
      });
      const error = await errorOf(sqlConnector.check({ config, ctx: testConnectorContext() }));
      expect(error.message).toMatch(/Authentication failed for user "reader"/);
      expect(error.message).not.toContain(secret);
    } finally {
      server.close();
    }
  });

  it("refuses a database host the network guard does not allow", async () => {
    const config = sqlConnector.configSchema.parse({
      url: "postgres://reader@10.0.0.7:5432/crm",
      query: "select 1 as id, 'a' as title, 'b' as body",
      idColumn: "id",
      titleColumn: "title",
      textColumn: "body",
    });
    const error = await errorOf(sqlConnector.check({ config, ctx: testConnectorContext() }));
    expect(error.message).toMatch(/GROUNDWORK_CONNECTOR_ALLOW_HOSTS/);
  });
});
