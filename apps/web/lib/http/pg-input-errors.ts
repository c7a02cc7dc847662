export { invalidInputError } from "@groundwork/core/pg-errors"; // re-cut shim: remove
