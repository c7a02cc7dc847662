import { z } from "zod";

/** One input of a kind's form, derived from the connector's config schema. */
const configField = z.strictObject({
  name: z.string(),
  flag: z.string(),
  type: z.enum(["string", "number", "integer", "boolean", "list", "enum"]),
  required: z.boolean(),
  secret: z.boolean(),
  description: z.string().optional(),
  example: z.string().optional(),
  default: z.unknown().optional(),
  options: z.array(z.string()).optional(),
});

export const listSourceKindsResponse = z.strictObject({
  kinds: z.array(z.strictObject({ kind: z.string(), label: z.string(), fields: z.array(configField) })),
});
