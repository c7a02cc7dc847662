import { sql } from "drizzle-orm";
import { PgDialect, pgTable, text } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { aclCountKeys, aclVisible, heldPrincipal } from "./sql";

const dialect = new PgDialect();
const reader = { principals: ["user:u1", "group:everyone"], isAdmin: false };
const admin = { principals: ["user:a"], isAdmin: true };

describe("the SQL ACL predicate", () => {
  it("binds the principals as one text[] parameter, never as SQL text", () => {
    const q = dialect.sqlToQuery(
      aclVisible({ acl: sql`c.acl`, scope: { principals: ["group:x'); drop table chunks; --"], isAdmin: false } }),
    );
    expect(q.sql).toBe("c.acl && $1::text[]");
    expect(q.params).toEqual([["group:x'); drop table chunks; --"]]);
  });

  it("has an unindexable form, a drizzle-column form, and lets admins through", () => {
    expect(dialect.sqlToQuery(aclVisible({ acl: sql`c.acl`, scope: reader, indexable: false })).sql).toBe(
      "(c.acl || '{}'::text[]) && $1::text[]",
    );
    const documents = pgTable("documents", { acl: text("acl").array() });
    expect(dialect.sqlToQuery(aclVisible({ acl: documents.acl, scope: reader })).sql).toBe(
      '"documents"."acl" && $1::text[]',
    );
    expect(dialect.sqlToQuery(aclVisible({ acl: sql`d.acl`, scope: admin })).sql).toBe("true");
  });

  it("matches statistics rows by the caller's principals and count keys", () => {
    expect(dialect.sqlToQuery(heldPrincipal({ principal: sql`p.principal`, scope: reader }))).toMatchObject({
      sql: "p.principal = any($1::text[])",
      params: [reader.principals],
    });
    expect(dialect.sqlToQuery(aclCountKeys(reader)).params).toEqual([["acl:user:u1", "acl:group:everyone"]]);
  });
});
