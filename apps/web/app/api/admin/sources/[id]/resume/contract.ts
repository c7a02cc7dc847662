import { z } from "zod";
import { source } from "../../contract";

export const resumeSourceResponse = z.strictObject({ source });
