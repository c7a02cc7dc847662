import { describe, expect, it } from "vitest";
import { describeConfig, parseSourceConfig } from "../connector-config";
import { sqlConnector, splitSqlSecrets } from "./index";
import { checkSelectQuery, quoteIdent } from "./query-shape";
import { renderBody, rowAcl, rowVersion } from "./rows";
import { scrubSecret } from "./sql-client";

const base = {
  query: "select id, title, body from t",
  idColumn: "id",
  titleColumn: "title",
  textColumn: "body",
};

describe("checkSelectQuery", () => {
  it("accepts one SELECT or WITH statement, dropping trailing semicolons", () => {
    expect(checkSelectQuery({ dialect: "postgres", query: "  select 1 as id ;; " })).toBe("select 1 as id");
    expect(checkSelectQuery({ dialect: "mysql", query: "WITH a AS (SELECT 1 AS id) SELECT * FROM a" })).toContain(
      "WITH",
    );
    expect(checkSelectQuery({ dialect: "postgres", query: "(select 1) union (select 2)" })).toBeTruthy();
  });

  it("ignores keywords and semicolons inside strings, quoted names, dollar quotes and comments", () => {
    const pg = `select 'a; delete' as "update", $x$drop; it$x$ as b -- ; insert\n from t /* ; truncate */`;
    expect(checkSelectQuery({ dialect: "postgres", query: pg })).toBe(pg);
    const my = "select `delete`, 'it\\'s; drop' as b, \"into\" as c # ; drop\nfrom t";
    expect(checkSelectQuery({ dialect: "mysql", query: my })).toBe(my);
  });

  it("refuses writes, several statements and SELECT INTO with a reason", () => {
    const refused = (query: string) => () => checkSelectQuery({ dialect: "postgres", query });
    expect(refused("update t set a = 1")).toThrow(/SELECT.*"UPDATE"/);
    expect(refused("select 1; select 2")).toThrow(/single statement/);
    expect(refused("with d as (delete from t returning *) select * from d")).toThrow(/"DELETE"/);
    expect(refused("select * into copy_of_t from t")).toThrow(/"INTO"/);
    expect(refused("select 'unclosed from t")).toThrow(/unclosed/);
    expect(() => checkSelectQuery({ dialect: "mysql", query: "select * from t into outfile '/tmp/x'" })).toThrow(
      /INTO/,
    );
  });

  it("quotes identifiers for each dialect", () => {
    expect(quoteIdent({ dialect: "postgres", name: 'we"ird' })).toBe('"we""ird"');
    expect(quoteIdent({ dialect: "mysql", name: "we`ird" })).toBe("`we``ird`");
  });
});

describe("rowAcl", () => {
  const userIds = new Map([["alice", "u-1"]]);
  const acl = (value: unknown) => rowAcl({ value, defaultAcl: ["everyone"], userIds }).acl;

  it("reads arrays, JSON arrays, array literals and CSV; usernames become user principals", () => {
    expect(acl(["Eng", "ALICE"])).toEqual(["group:eng", "user:u-1"]);
    expect(acl('["sales","alice"]')).toEqual(["group:sales", "user:u-1"]);
    expect(acl("{eng,sales}")).toEqual(["group:eng", "group:sales"]);
    expect(acl(" eng , sales ,")).toEqual(["group:eng", "group:sales"]);
  });

  it("falls back to the default only when the cell is empty, never when its names are invalid", () => {
    expect(acl(null)).toEqual(["group:everyone"]);
    expect(acl("")).toEqual(["group:everyone"]);
    expect(acl([])).toEqual(["group:everyone"]);
    expect(acl("bad name, group:Also Bad, user:a,b")).toEqual(["group:b"]);
    expect(rowAcl({ value: "bad name", defaultAcl: ["everyone"], userIds }).acl).toEqual([]);
  });
});

describe("rows", () => {
  it("renders a template once, leaving no placeholder behind", () => {
    const config = { ...base, url: "postgres://h/db", template: "# {{title}}\n{{body}} ({{missing}})" };
    expect(renderBody({ config, row: { title: "T", body: "{{title}}" } })).toBe("# T\n{{title}} ()");
  });

  it("changes the version when the body or the ACL changes, not otherwise", () => {
    const v = rowVersion({ updated: new Date("2024-05-01T10:00:00Z"), body: "a", acl: ["group:x"] });
    expect(v.startsWith("2024-05-01T10:00:00.000Z#")).toBe(true);
    expect(rowVersion({ updated: new Date("2024-05-01T10:00:00Z"), body: "a", acl: ["group:x"] })).toBe(v);
    expect(rowVersion({ updated: new Date("2024-05-01T10:00:00Z"), body: "b", acl: ["group:x"] })).not.toBe(v);
    expect(rowVersion({ updated: new Date("2024-05-01T10:00:00Z"), body: "a", acl: ["group:y"] })).not.toBe(v);
  });
});

describe("sql config and secrets", () => {
  it("moves the DSN password into the secret field, and the stored config never holds it", () => {
    const input = splitSqlSecrets({ ...base, url: "mysql://app:p%40ss@db.example.com:3306/crm" });
    expect(input).toMatchObject({ url: "mysql://app@db.example.com:3306/crm", password: "p@ss" });
    const { config, secrets } = parseSourceConfig({ connector: sqlConnector, input });
    expect(JSON.stringify(config)).not.toContain("p@ss");
    expect(secrets).toEqual({ password: "p@ss" });
    expect(splitSqlSecrets({ url: "postgres://a:fromurl@h/db", password: "explicit" }).password).toBe("explicit");
  });

  it("lifts a DSN's password into the secrets as settings are stored; the schema alone refuses it, and another scheme", () => {
    const lifted = parseSourceConfig({ connector: sqlConnector, input: { ...base, url: "postgres://a:b@h/db" } });
    expect(lifted.config.url).toBe("postgres://a@h/db");
    expect(lifted.secrets).toEqual({ password: "b" });
    const raw = sqlConnector.configSchema.safeParse({ ...base, url: "postgres://a:b@h/db" });
    expect(raw.success).toBe(false);
    expect(JSON.stringify(raw.error?.issues)).toMatch(/--password/);
    expect(() => parseSourceConfig({ connector: sqlConnector, input: { ...base, url: "sqlite:///x.db" } })).toThrow(
      /postgres:\/\//,
    );
  });

  it("describes its fields with their flags; only the password is secret", () => {
    const fields = describeConfig(sqlConnector);
    expect(fields.map((f) => f.flag)).toEqual([
      "--url",
      "--password",
      "--query",
      "--id-column",
      "--title-column",
      "--text-column",
      "--template",
      "--updated-column",
      "--acl-column",
    ]);
    expect(fields.filter((f) => f.secret).map((f) => f.name)).toEqual(["password"]);
  });

  it("scrubs the password, raw and URL-encoded, from a message", () => {
    expect(scrubSecret({ message: "failed for p@ss and p%40ss", password: "p@ss" })).toBe("failed for *** and ***");
  });
});
