import { z } from "zod";
import { runMode } from "../../../runs/contract";

/** sync (default): changes since the checkpoint; prune: also delete what the source no longer has; acl: access only. */
export const requestSourceRunRequest = z.object({ mode: runMode.default("sync") });
export const requestSourceRunResponse = z.strictObject({ runId: z.uuid() });
