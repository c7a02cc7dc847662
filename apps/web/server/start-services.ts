import fs from "node:fs";
import path from "node:path";
import { startAuditRetention, startWorkerHeartbeat } from "@groundwork/audit";
import type { DbHandle } from "@groundwork/db/client";
import { createSource, listSources, requestRun, startIngestWorker, type IngestWorker } from "@groundwork/ingest";

export type Services = { stop(): Promise<void> };

const SAMPLE_SOURCE = "handbook";
const sampleCorpus = path.resolve(import.meta.dirname, "..", "..", "..", "ingest", "corpus", "quillfeather");

/**
 * Background services beside the web server: the ingestion worker (a pg-boss consumer; more can
 * run elsewhere against the same Postgres), and on first start the sample corpus as the folder
 * source `handbook` with its run queued, so a fresh `npm start` has something to search.
 * GROUNDWORK_ROLE=web runs no worker (workers then run as separate processes).
 */
export async function startServices({ handle }: { handle: DbHandle }): Promise<Services> {
  let worker: IngestWorker | undefined;
  let heartbeat: ReturnType<typeof startWorkerHeartbeat> | undefined;
  if (process.env.GROUNDWORK_ROLE !== "web") {
    worker = await startIngestWorker({ handle, log: (line) => console.log(line) });
    // `/api/ready` reports the workers alive from these rows.
    heartbeat = startWorkerHeartbeat({ db: handle.db, kind: "ingest" });
  }
  // Audit retention (GROUNDWORK_AUDIT_RETENTION_DAYS): purge at start, then periodically.
  const retention = startAuditRetention({ db: handle.db });
  if (process.env.GROUNDWORK_SAMPLE_CORPUS !== "off") {
    await seedSampleSource({ handle }).catch((error: Error) => console.error(`[ingest] sample corpus not queued: ${error.message}`));
  }
  return {
    async stop() {
      await heartbeat?.stop();
      await retention.stop();
      await worker?.stop();
    },
  };
}

async function seedSampleSource({ handle }: { handle: DbHandle }): Promise<void> {
  const existing = await listSources({ db: handle.db });
  if (existing.some((s) => s.name === SAMPLE_SOURCE) || !fs.existsSync(sampleCorpus)) return;
  // No default ACL: the corpus's .access.yaml files decide, anything else stays admins-only.
  await createSource({ db: handle.db, name: SAMPLE_SOURCE, kind: "folder", path: sampleCorpus, defaultAcl: [] });
  const { runId } = await requestRun({ db: handle.db, source: SAMPLE_SOURCE, trigger: "schedule" });
  console.log(`[ingest] sample corpus queued as source "${SAMPLE_SOURCE}" (run ${runId})`);
}
