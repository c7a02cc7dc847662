import { readTopologyEnv, readTopologyStatus, startTopology, stopTopology, topologyLayout } from "@groundwork/topology";
import { serverUnavailableReason } from "@groundwork/db/testing";

/**
 * Starts the topology for the suite and stops it after; one already running (`pnpm topology up`)
 * is reused and left running. Without the server this fails: scripts/test.mjs runs the suite
 * only when the server is there, and always under CI=true.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const reason = await serverUnavailableReason();
  if (reason) throw new Error(`the topology suite needs the PostgreSQL server: ${reason}`);
  const layout = topologyLayout(readTopologyEnv());
  const status = await readTopologyStatus({ layout });
  if (status.up) {
    console.log(`[topology] reusing the running topology at ${layout.proxyUrl}`);
    return undefined;
  }
  const t0 = Date.now();
  await startTopology({ layout, log: (line) => console.log(line) });
  console.log(`[topology] up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return async () => {
    await stopTopology({ layout, log: (line) => console.log(line) });
  };
}
