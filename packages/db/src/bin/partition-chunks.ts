import { parseArgs } from "node:util";
import { openDatabase } from "../client";
import { listChunkPartitions, partitionSource } from "../partition-chunks";

/**
 * `pnpm db:partition --source <name or id> [--maintenance-work-mem 1GB]`: gives one large source
 * its own LIST partition of chunks (partitioning chunks first if needed). `pnpm db:partition --list`
 * prints the partitions. See docs/deploy.md, "Storage for size".
 */
const { values } = parseArgs({
  options: {
    source: { type: "string" },
    list: { type: "boolean", default: false },
    "maintenance-work-mem": { type: "string" },
  },
});
const handle = await openDatabase({ own: "if-absent" });
try {
  if (values.source) {
    const t0 = performance.now();
    const r = await partitionSource({
      db: handle.db,
      source: values.source,
      ...(values["maintenance-work-mem"] ? { maintenanceWorkMem: values["maintenance-work-mem"] } : {}),
    });
    console.log(
      `[db] source ${r.sourceId}: ${r.rows} chunk(s) moved to ${r.partition} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  } else if (!values.list) {
    console.error("usage: pnpm db:partition --source <name or id> [--maintenance-work-mem 1GB] | --list");
    process.exitCode = 2;
  }
  for (const p of await listChunkPartitions({ db: handle.db }))
    console.log(`${p.name.padEnd(48)} ${p.bound}  ~${p.rows} rows`);
} finally {
  await handle.close();
}
