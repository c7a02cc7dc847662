import fs from "node:fs";
import path from "node:path";
import { startAuditRetention } from "@groundwork/audit";
import type { DbHandle } from "@groundwork/db/client";
import { createSource, listSources, requestRun } from "@groundwork/ingest";

export type Services = { stop(): Promise<void> };

const SAMPLE_SOURCE = "handbook";
const sampleCorpus = path.resolve(import.meta.dirname, "..", "..", "..", "ingest", "corpus", "quillfeather");

/**
 * Background services beside the web server: audit retention, and on first start the sample
 * corpus as the folder source `handbook` with its run queued, so a fresh `npm start` has
 * something to search. The ingestion worker is a process of its own (apps/worker; see main.ts).
 */
export async function startServices({
  handle,
  sampleCorpus,
}: {
  handle: DbHandle;
  sampleCorpus: boolean;
}): Promise<Services> {
  // Audit retention (GROUNDWORK_AUDIT_RETENTION_DAYS): purge at start, then periodically.
  const retention = startAuditRetention({ db: handle.db });
  // GROUNDWORK_SAMPLE_CORPUS=off skips it.
  if (sampleCorpus) {
    await seedSampleSource({ handle }).catch((error: Error) =>
      console.error(`[ingest] sample corpus not queued: ${error.message}`),
    );
  }
  return {
    async stop() {
      await retention.stop();
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
