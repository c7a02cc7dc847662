import { z } from "zod";
import { timestamp } from "~/lib/server/http/contracts";
import { ingestionRun } from "../contract";

export const runFile = z.strictObject({
  id: z.number().int(),
  runId: z.uuid(),
  path: z.string(),
  outcome: z.enum(["added", "updated", "unchanged", "deleted", "acl_updated", "failed"]),
  error: z.string().nullable(),
  documentId: z.uuid().nullable(),
  chunks: z.number().int(),
  durationMs: z.number().int(),
  createdAt: timestamp,
});

export const getRunResponse = z.strictObject({ run: ingestionRun, files: z.array(runFile) });
