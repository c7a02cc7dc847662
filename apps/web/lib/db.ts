export { getDb } from "@groundwork/db/client";
