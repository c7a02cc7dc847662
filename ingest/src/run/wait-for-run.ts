import type { Database } from "@groundwork/db/client";
import type { IngestionRun } from "@groundwork/db/schema";
import { getRun } from "./runs";

const TERMINAL = new Set(["succeeded", "partial", "failed", "cancelled"]);

/** Polls a run until it reaches a terminal status (tests, CLI). */
export async function waitForRun({
  db,
  runId,
  timeoutMs = 120_000,
  onTick,
}: {
  db: Database;
  runId: string;
  timeoutMs?: number;
  onTick?: (run: IngestionRun) => void;
}): Promise<IngestionRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun({ db, runId });
    onTick?.(run);
    if (TERMINAL.has(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
