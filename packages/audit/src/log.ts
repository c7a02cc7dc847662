export * from "@groundwork/core/logger"; // re-cut shim: remove
