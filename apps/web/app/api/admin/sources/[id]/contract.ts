import { z } from "zod";
import { source, sourceFieldSchemas, sourceSummary } from "../contract";

export const getSourceResponse = z.strictObject({ source: sourceSummary });

/**
 * An edit: only what is given changes. In `config`, a secret left out keeps its stored value
 * and "" clears it; "" clears a plain setting too. Pausing has its own routes (pause, resume),
 * so an unknown key such as `paused` is refused rather than ignored.
 */
export const updateSourceRequest = z.strictObject({
  config: sourceFieldSchemas.settings.optional(),
  defaultAcl: sourceFieldSchemas.acl.optional(),
  schedule: sourceFieldSchemas.schedule.optional(),
  pruneSchedule: sourceFieldSchemas.schedule.optional(),
});
export const updateSourceResponse = z.strictObject({ source });

/** How many active documents left search with the source. */
export const deleteSourceResponse = z.strictObject({ deleted: z.literal(true), documents: z.number().int() });
