import { openDatabase } from "../client";
import { migrateDatabase } from "../migrate";

const handle = await openDatabase({ own: "if-absent" });
try {
  const { applied } = await migrateDatabase({ db: handle.db });
  console.log(`[db] ${handle.mode}: ${applied} migration(s) applied`);
} finally {
  await handle.close();
}
