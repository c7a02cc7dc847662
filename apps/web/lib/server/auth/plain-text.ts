import "server-only";
import type { z } from "zod";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A single-line credential or name field: no control characters. They cannot be typed into the
 * forms, and a NUL would reach Postgres (which refuses it in text) — a clear 400 here instead.
 */
export const plainText = (schema: z.ZodString) =>
  schema.refine((s) => !CONTROL.test(s), "must not contain control characters");
