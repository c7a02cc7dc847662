import { GroundworkError } from "./errors";

/**
 * What a Postgres (or driver) error means, read from its SQLSTATE anywhere in the cause chain:
 * drizzle wraps the driver's error, so the code is often one or two `cause`s down.
 */
function* causeChain(error: unknown): Generator<{ code?: unknown; message?: unknown }> {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    yield e;
    e = (e as { cause?: unknown }).cause;
  }
}

const codeOf = (e: { code?: unknown }) => (typeof e.code === "string" ? e.code : "");
const messageOf = (e: { message?: unknown }) => (typeof e.message === "string" ? e.message : "");

/** 23505: a unique constraint refused the row (a name or key that already exists). */
export function isUniqueViolation(error: unknown): boolean {
  for (const e of causeChain(error)) {
    if (codeOf(e) === "23505" || /duplicate key value violates unique constraint/.test(messageOf(e))) return true;
  }
  return false;
}

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "57P01",
  "57P03",
  "08006",
  "08001",
  "08003",
]);
const CONNECTION_ERROR_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|timeout exceeded when trying to connect/i;

/** True for errors that mean "the database is not reachable right now" rather than a bad query. */
export function isConnectionError(error: unknown): boolean {
  for (const e of causeChain(error)) {
    if (CONNECTION_ERROR_CODES.has(codeOf(e)) || CONNECTION_ERROR_MESSAGE.test(messageOf(e))) return true;
  }
  return false;
}

/**
 * Postgres errors that mean "the caller's value is malformed", not "the server broke": a
 * non-UUID where a uuid goes (22P02), a NUL byte in text (22021, or the driver's own refusal),
 * a number out of range (22003), a bad date (22007/22008), an over-long value (22001).
 * Route handlers should validate first; this is the backstop, so bad input is a 400 however
 * it reaches the database, and the driver's message (which may quote the value) is never sent.
 */
const INVALID_INPUT_CODES = new Set([
  "22P02",
  "22021",
  "22003",
  "22007",
  "22008",
  "22001",
  "22P05",
  "2201B",
  "22025",
  "22023",
  "22019",
]);

/** A 400 for an invalid-input database error anywhere in the cause chain, else null. */
export function invalidInputError(error: unknown): GroundworkError | null {
  for (const e of causeChain(error)) {
    if (INVALID_INPUT_CODES.has(codeOf(e)) || /invalid byte sequence for encoding "UTF8": 0x00/.test(messageOf(e))) {
      return new GroundworkError("bad_request", "Invalid request: a value is malformed or out of range.", {
        cause: error,
      });
    }
  }
  return null;
}
