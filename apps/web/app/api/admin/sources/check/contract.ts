import { z } from "zod";
import { sourceFieldSchemas } from "../contract";

export { checkSourceResponse } from "../[id]/check/contract";

/** Settings typed into the form, not saved; `source` (when editing) fills in the secrets left blank. */
export const checkSourceConfigRequest = z.object({
  kind: z.string().trim().min(1).max(40),
  config: sourceFieldSchemas.settings.default({}),
  source: z.string().trim().min(1).max(200).optional(),
});
