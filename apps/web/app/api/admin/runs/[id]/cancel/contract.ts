import { z } from "zod";
import { ingestionRun } from "../../contract";

export const cancelRunResponse = z.strictObject({ run: ingestionRun });
