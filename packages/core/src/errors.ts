/**
 * The product's one error type: `code` is stable for clients and tests, `message` is safe to
 * show a user, `cause` carries internals that are logged and never sent. Packages throw this
 * rather than classes of their own, so the HTTP layer maps every failure through one table;
 * `details` carries structured extras a caller may branch on (e.g. the upstream `status` of a
 * failed model call).
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

/** The HTTP status each code answers with (the route wrapper sends `error.status`). */
export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
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
    return STATUS_BY_CODE[this.code];
  }
}

export function isGroundworkError(error: unknown): error is GroundworkError {
  return error instanceof GroundworkError;
}
