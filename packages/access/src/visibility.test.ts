import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { documentStatusVisible, searchFiltersFor } from "./visibility";

const dialect = new PgDialect();

describe("superseded versions are admin-only in search", () => {
  it("turns a non-admin's includeSuperseded off and leaves an admin's filters alone", () => {
    const filters = { includeSuperseded: true, tags: ["hr"] };
    expect(searchFiltersFor({ filters, principal: { isAdmin: false } })).toEqual({
      includeSuperseded: false,
      tags: ["hr"],
    });
    expect(searchFiltersFor({ filters, principal: { isAdmin: true } })).toBe(filters);
    expect(searchFiltersFor({ filters: undefined, principal: { isAdmin: false } })).toBeUndefined();
  });

  it("reads active versions, or everything not deleted when superseded ones are asked for", () => {
    expect(dialect.sqlToQuery(documentStatusVisible({ status: sql`d.status`, includeSuperseded: false })).sql).toBe(
      "d.status = 'active'",
    );
    expect(dialect.sqlToQuery(documentStatusVisible({ status: sql`d.status`, includeSuperseded: true })).sql).toBe(
      "d.status <> 'deleted'",
    );
  });
});
