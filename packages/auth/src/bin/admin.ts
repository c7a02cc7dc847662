import { openDatabase } from "@groundwork/db/client";
import { isGroundworkError } from "@groundwork/core/errors";
import { migrateDatabase } from "@groundwork/db/migrate";
import { parseArgs } from "@groundwork/core/cli-args";
import { runAdminCommand } from "../run-admin-command";

/**
 * `pnpm admin tokens create|list|revoke`, `pnpm admin service-accounts create|list`: token and
 * service-account administration from a shell (see `pnpm admin --help`). Connects like the other
 * CLIs: to a running `npm start` through the embedded socket, or owns the data dir itself.
 */
async function main(): Promise<number> {
  const { flags, positionals } = parseArgs(process.argv.slice(2));
  const handle = positionals.length && !flags.has("help") ? await openDatabase({ own: "if-absent" }) : null;
  try {
    // When no server process owns the embedded data dir, this CLI does: bring it up to date first.
    if (handle && (handle.owner || handle.mode === "server")) await migrateDatabase({ db: handle.db });
    const { code, lines } = await runAdminCommand({ db: handle?.db ?? null, flags, positionals });
    for (const line of lines) console.log(line);
    return code;
  } finally {
    await handle?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(isGroundworkError(error) ? error.message : error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
