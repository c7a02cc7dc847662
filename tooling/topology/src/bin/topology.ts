import { readTopologyEnv } from "../env";
import { readTopologyStatus } from "../read-topology-status";
import { startTopology } from "../start-topology";
import { stopTopology } from "../stop-topology";
import { topologyLayout } from "../topology-layout";

/** `pnpm topology up|down|status` (see docs/deploy.md, "Local topology"). */
const command = process.argv[2];
const layout = topologyLayout(readTopologyEnv());
try {
  if (command === "up") {
    await startTopology({ layout });
    const status = await readTopologyStatus({ layout });
    for (const c of status.components) console.log(`${c.ok ? "ok  " : "FAIL"} ${c.name.padEnd(10)} ${c.detail}`);
  } else if (command === "down") await stopTopology({ layout });
  else if (command === "status") {
    const status = await readTopologyStatus({ layout });
    for (const c of status.components) console.log(`${c.ok ? "ok  " : "FAIL"} ${c.name.padEnd(10)} ${c.detail}`);
    process.exitCode = status.up ? 0 : 1;
  } else {
    console.error("usage: pnpm topology up|down|status");
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`[topology] ${(error as Error).message}`);
  process.exitCode = 1;
}
