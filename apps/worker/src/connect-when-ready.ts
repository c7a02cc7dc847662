import { openDatabase, type DbHandle } from "@groundwork/db/client";
import { migrationsCurrent } from "@groundwork/db/migrate";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens the database as a client, never as the embedded owner: with DATABASE_URL a pool on the
 * server; without, the embedded PGlite through the socket its owner (the web process) serves,
 * found with its password in `<data dir>.lock`. Waits, with backoff, until the database answers
 * and its migrations are current (workers never migrate; the web process does at start), so
 * the worker may start before, after or beside the web process. Null when stopped while waiting.
 */
export async function connectWhenReady({
  log,
  stopped,
}: {
  log: (line: string) => void;
  stopped: () => boolean;
}): Promise<DbHandle | null> {
  let delay = 250;
  let said = "";
  while (!stopped()) {
    let reason: string;
    try {
      const handle = await openDatabase({ own: "never" });
      try {
        if (await migrationsCurrent({ db: handle.db })) return handle;
        reason = "migrations pending (the web process applies them at its start)";
      } catch (error) {
        reason = (error as Error).message;
      }
      await handle.close();
    } catch (error) {
      reason = (error as Error).message;
    }
    if (reason !== said) log(`[worker] waiting for the database: ${reason}`);
    said = reason;
    await sleep(delay);
    delay = Math.min(delay * 2, 5_000);
  }
  return null;
}
