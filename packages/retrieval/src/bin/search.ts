import { resolvePrincipal } from "@groundwork/auth/principal";
import { openDatabase } from "@groundwork/db/client";
import { isGroundworkError } from "@groundwork/core/errors";
import { migrateDatabase } from "@groundwork/db/migrate";
import { searchChunks } from "../search-chunks";
import { parseArgs } from "@groundwork/core/cli-args";

/**
 * `pnpm search "<query>" --as <username> [--limit 10] [--json]`
 * The identity comes from --as and is resolved against the users table (role and groups are
 * loaded fresh), exactly as the web app resolves a session.
 */
async function main(): Promise<number> {
  const { flags, positionals } = parseArgs(process.argv.slice(2));
  const query = positionals.join(" ");
  const as = flags.get("as");
  if (!query || typeof as !== "string") {
    console.error('usage: pnpm search "<query>" --as <username> [--limit 10] [--json]');
    return 2;
  }
  const limitFlag = flags.get("limit");
  const limit = typeof limitFlag === "string" ? Number(limitFlag) : 10;
  if (!Number.isInteger(limit) || limit < 1) {
    console.error("--limit must be a positive whole number");
    return 2;
  }
  const handle = await openDatabase({ own: "if-absent" });
  try {
    // When no server process owns the embedded data dir, this CLI does: bring it up to date first.
    if (handle.owner) await migrateDatabase({ db: handle.db });
    const principal = await resolvePrincipal({ db: handle.db, username: as });
    const response = await searchChunks({ db: handle.db, principal, query, limit });
    if (flags.has("json")) {
      console.log(JSON.stringify({ query, as: principal.username, ...response }));
      return 0;
    }
    for (const w of response.warnings) console.warn(`warning: ${w}`);
    if (response.results.length === 0) console.log("No results this user may see.");
    response.results.forEach((r, i) => {
      const page = r.pageFrom ? ` p.${r.pageFrom}${r.pageTo && r.pageTo !== r.pageFrom ? `–${r.pageTo}` : ""}` : "";
      const ranks = `lex ${r.ranks.lexical ?? "–"} · vec ${r.ranks.vector ?? "–"}${r.ranks.rerank ? ` · rerank ${r.ranks.rerank}` : ""}`;
      console.log(`${i + 1}. ${r.title} (v${r.version}) — ${r.sourceName}:${r.path}${page}  [${ranks}]`);
      if (r.headings.length > 0) console.log(`   ${r.headings.join(" › ")}`);
      console.log(`   ${r.snippet.replace(/\s+/g, " ")}`);
    });
    console.log(
      `\n${response.results.length} result(s) in ${response.timings.total_ms?.toFixed(1)} ms as ${principal.username} (${principal.isAdmin ? "admin" : principal.groups.join(", ") || "no groups"})`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(isGroundworkError(error) ? error.message : error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
