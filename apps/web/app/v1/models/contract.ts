import { z } from "zod";

/** `GET /v1/models`: OpenAI's model list — the assistant and one model per source and tag the caller can read. */
export const modelsResponse = z.strictObject({
  object: z.literal("list"),
  data: z.array(
    z.strictObject({
      id: z.string(),
      object: z.literal("model"),
      created: z.number().int(),
      owned_by: z.literal("groundwork"),
      description: z.string(),
    }),
  ),
});
