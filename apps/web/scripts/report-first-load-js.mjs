// First-load JS per route from the last `next build` (Next 16 writes it to
// .next/diagnostics/route-bundle-stats.json instead of printing it). Sizes are gzip level 9,
// the figure older Next versions printed as "First Load JS"; the chat route has a 250 kB budget.
// Usage: node scripts/report-first-load-js.mjs [--json]   (exit 1 when over budget)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
// The load bench builds into its own dist dir (next.config.ts reads the same variable).
const statsFile = path.join(
  root,
  process.env.GROUNDWORK_NEXT_DIST_DIR || ".next",
  "diagnostics/route-bundle-stats.json",
);
if (!fs.existsSync(statsFile)) {
  console.error("No build found: run `next build` in apps/web first.");
  process.exit(2);
}
const BUDGET_KB = { "/chat": 250 };
const stats = JSON.parse(fs.readFileSync(statsFile, "utf8"));
const rows = stats
  .filter((r) => !r.route.startsWith("/api/"))
  .map((r) => {
    const gzip = r.firstLoadChunkPaths.reduce(
      (sum, p) => sum + zlib.gzipSync(fs.readFileSync(path.join(root, p)), { level: 9 }).length,
      0,
    );
    return {
      route: r.route,
      raw_kb: +(r.firstLoadUncompressedJsBytes / 1000).toFixed(1),
      gzip_kb: +(gzip / 1000).toFixed(1),
      budget_kb: BUDGET_KB[r.route] ?? null,
    };
  })
  .sort((a, b) => a.route.localeCompare(b.route));
console.log(
  `${"route".padEnd(22)} ${"first-load gzip".padStart(16)} ${"uncompressed".padStart(13)} ${"budget".padStart(8)}`,
);
for (const r of rows)
  console.log(
    `${r.route.padEnd(22)} ${`${r.gzip_kb} kB`.padStart(16)} ${`${r.raw_kb} kB`.padStart(13)} ${(r.budget_kb ? `${r.budget_kb} kB` : "").padStart(8)}`,
  );
const over = rows.filter((r) => r.budget_kb !== null && r.gzip_kb > r.budget_kb);
const chat = rows.find((r) => r.route === "/chat");
if (process.argv.includes("--json"))
  console.log(
    JSON.stringify({
      chat_first_load_kb: chat?.gzip_kb ?? null,
      chat_first_load_uncompressed_kb: chat?.raw_kb ?? null,
      budget_kb: BUDGET_KB["/chat"],
      over_budget: over.map((r) => r.route),
    }),
  );
if (over.length) {
  console.error(`Over budget: ${over.map((r) => `${r.route} ${r.gzip_kb} kB > ${r.budget_kb} kB`).join(", ")}`);
  process.exit(1);
}
