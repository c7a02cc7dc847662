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
  // A run interrupted (Ctrl-C, a CI timeout's SIGTERM) still tears down: vitest's teardown would not run.
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= stopTopology({ layout, log: (line) => console.log(line) }));
  const onSignal = (signal: NodeJS.Signals) => {
    void stop()
      .catch((error: Error) => console.error(`[topology] down after ${signal}: ${error.message}`))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  // startTopology stops whatever it started when it fails.
  await startTopology({ layout, log: (line) => console.log(line) });
  console.log(`[topology] up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return async () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await stop();
  };
}
