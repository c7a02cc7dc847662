import { z } from "zod";

/**
 * The request is a multipart form (not JSON): `files` (one or more), `source` (optional; the
 * default upload source when empty) and `acl` (comma- or space-separated principals).
 * 201 when at least one file was stored, 400 with the same shape when none was.
 */
export const uploadResponse = z.strictObject({
  source: z.string(),
  stored: z.array(z.strictObject({ path: z.string(), bytes: z.number().int() })),
  errors: z.array(z.strictObject({ filename: z.string(), message: z.string() })),
});
