import { GroundworkError } from "@groundwork/db/errors";

/**
 * Postgres errors that mean "the caller's value is malformed", not "the server broke": a
 * non-UUID where a uuid goes (22P02), a NUL byte in text (22021, or the driver's own refusal),
 * a number out of range (22003), a bad date (22007/22008), an over-long value (22001).
 * Route handlers should validate first; this is the backstop, so bad input is a 400 however
 * it reaches the database, and the driver's message (which may quote the value) is never sent.
 */
const INVALID_INPUT_CODES = new Set(["22P02", "22021", "22003", "22007", "22008", "22001", "22P05", "2201B", "22025", "22023", "22019"]);

function* chain(error: unknown): Generator<{ code?: unknown; message?: unknown }> {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    yield e as { code?: unknown; message?: unknown };
    e = (e as { cause?: unknown }).cause;
  }
}

/** A 400 for an invalid-input database error anywhere in the cause chain, else null. */
export function invalidInputError(error: unknown): GroundworkError | null {
  for (const e of chain(error)) {
    const code = typeof e.code === "string" ? e.code : "";
    const message = typeof e.message === "string" ? e.message : "";
    if (INVALID_INPUT_CODES.has(code) || /invalid byte sequence for encoding "UTF8": 0x00/.test(message)) {
      return new GroundworkError("bad_request", "Invalid request: a value is malformed or out of range.", { cause: error });
    }
  }
  return null;
}
