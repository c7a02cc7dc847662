import { z } from "zod";
import { timestamp } from "~/lib/server/http/contracts";

/** How a run was started and what it does (sync: changes since the checkpoint; prune: also deletes; acl: access only). */
export const runTrigger = z.enum(["user", "cli", "schedule", "webhook", "push"]);
export const runMode = z.enum(["sync", "prune", "acl"]);
export const runStatus = z.enum(["queued", "running", "succeeded", "partial", "failed", "cancelled"]);

const counts = z.strictObject({
  seen: z.number(),
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  deleted: z.number(),
  aclUpdated: z.number(),
  failed: z.number(),
});

/** An ingestion run as the admin console shows it (progress polled from /api/admin/runs/[id]). */
export const ingestionRun = z.strictObject({
  id: z.uuid(),
  sourceId: z.uuid(),
  trigger: runTrigger,
  mode: runMode,
  requestedBy: z.uuid().nullable(),
  /** The source's item ids a targeted run (a change notification) touches; null: the whole source. */
  targetIds: z.array(z.string()).nullable(),
  status: runStatus,
  jobId: z.string().nullable(),
  cancelRequested: z.boolean(),
  counts,
  progressDone: z.number().int(),
  progressTotal: z.number().int(),
  chunksWritten: z.number().int(),
  embeddingCalls: z.number().int(),
  error: z.string().nullable(),
  heartbeatAt: timestamp.nullable(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});

export const listRunsResponse = z.strictObject({ runs: z.array(ingestionRun) });

export const requestRunRequest = z.object({ source: z.string().trim().min(1).max(200) });
export const requestRunResponse = z.strictObject({ runId: z.uuid() });
