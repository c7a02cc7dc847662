import "server-only";
export { getDb } from "@groundwork/db/client";
