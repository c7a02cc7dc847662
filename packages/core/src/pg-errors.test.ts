import { describe, expect, it } from "vitest";
import { GroundworkError } from "./errors";
import { invalidInputError, isConnectionError, isUniqueViolation } from "./pg-errors";

const wrapped = (code: string, message = "driver error") =>
  new Error("Failed query: select 1", { cause: Object.assign(new Error(message), { code }) });

describe("Postgres error helpers", () => {
  it("finds a unique violation anywhere in the cause chain", () => {
    expect(isUniqueViolation(wrapped("23505"))).toBe(true);
    expect(isUniqueViolation(new Error('duplicate key value violates unique constraint "sources_name_key"'))).toBe(
      true,
    );
    expect(isUniqueViolation(wrapped("23503"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });

  it("tells an unreachable database from a bad query", () => {
    expect(isConnectionError(wrapped("ECONNREFUSED"))).toBe(true);
    expect(isConnectionError(wrapped("57P01"))).toBe(true);
    expect(isConnectionError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionError(wrapped("42P01"))).toBe(false);
    expect(isConnectionError("ECONNREFUSED")).toBe(false);
  });

  it("maps invalid-input errors to a 400 that does not quote the value", () => {
    const bad = invalidInputError(wrapped("22P02", 'invalid input syntax for type uuid: "secret-value"'));
    expect(bad).toBeInstanceOf(GroundworkError);
    expect(bad).toMatchObject({ code: "bad_request", status: 400 });
    expect(bad!.message).not.toContain("secret-value");
    expect(invalidInputError(new Error('invalid byte sequence for encoding "UTF8": 0x00'))?.code).toBe("bad_request");
    expect(invalidInputError(wrapped("23505"))).toBeNull();
  });
});
