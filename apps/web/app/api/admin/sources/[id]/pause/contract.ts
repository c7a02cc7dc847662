import { z } from "zod";
import { source } from "../../contract";

export const pauseSourceResponse = z.strictObject({ source });
