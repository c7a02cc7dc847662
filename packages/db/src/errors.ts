/**
 * The product's one error type: `code` is stable for clients and tests, `message` is safe to
 * show a user, `cause` carries internals that are logged and never sent.
 */
export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "unsupported"
  | "db_unavailable"
  | "db_locked"
  | "model_unavailable"
  | "internal";

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unsupported: 415,
  db_unavailable: 503,
  db_locked: 503,
  model_unavailable: 503,
  internal: 500,
};

export class GroundworkError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, { cause: options.cause });
    this.name = "GroundworkError";
    this.code = code;
    this.details = options.details;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export function isGroundworkError(error: unknown): error is GroundworkError {
  return error instanceof GroundworkError;
}

const connectionErrorCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P03", "08006", "08001", "08003"]);

/** True for errors that mean "the database is not reachable right now" rather than a bad query. */
export function isConnectionError(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as { code?: string; message?: string; cause?: unknown };
  if (e.code && connectionErrorCodes.has(e.code)) return true;
  if (typeof e.message === "string" && /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(e.message)) return true;
  return e.cause ? isConnectionError(e.cause) : false;
}
