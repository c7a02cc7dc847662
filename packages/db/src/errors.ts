export { GroundworkError, isGroundworkError, type ErrorCode } from "@groundwork/core/errors"; // re-cut shim: remove
export { isConnectionError } from "@groundwork/core/pg-errors"; // re-cut shim: remove
