import { z } from "zod";
import { apiCitationSchema } from "@groundwork/assistant/protocols";
import { groundworkAnswerFields } from "../../../../v1/chat/completions/contract";

const textPart = z.looseObject({ type: z.string().max(40), text: z.string().max(16_000).optional() });

/**
 * The Azure search-openai-demo ("RAG chat") request: `messages`, `context.overrides`,
 * `session_state`. Overrides Groundwork acts on: `top` (how many passages the answer may cite),
 * `temperature` (the configured model's), `include_category` (a tag). Others the demo sends
 * (semantic_ranker, use_oid_security_filter…) are accepted and ignored: Groundwork always ranks
 * hybrid and always filters by the caller's permissions.
 */
export const azureChatRequest = z.looseObject({
  messages: z
    .array(
      z.looseObject({
        role: z.string().min(1).max(40),
        content: z.union([z.string().max(16_000), z.array(textPart).max(50)]).nullish(),
      }),
    )
    .min(1, "is empty")
    .max(200),
  context: z
    .looseObject({
      overrides: z
        .looseObject({
          top: z.number().int().min(1).max(20).nullish(),
          temperature: z.number().min(0).max(2).nullish(),
          retrieval_mode: z.enum(["hybrid", "text", "vectors"]).nullish(),
          include_category: z.string().max(100).nullish(),
          exclude_category: z.string().max(100).nullish(),
        })
        .nullish(),
    })
    .nullish(),
  session_state: z.unknown().optional(),
});
export type AzureChatRequest = z.infer<typeof azureChatRequest>;

const thought = z.strictObject({
  title: z.string(),
  description: z.unknown(),
  props: z.record(z.string(), z.unknown()).nullable(),
});

/** `POST /chat`: the answer, its data points (`label: passage`, cited in the text as `[label]`) and thoughts. */
export const azureChatResponse = z.strictObject({
  message: z.strictObject({ role: z.literal("assistant"), content: z.string() }),
  context: z.strictObject({
    data_points: z.strictObject({ text: z.array(z.string()) }),
    thoughts: z.array(thought),
    followup_questions: z.array(z.string()),
    citations: z.array(apiCitationSchema),
    groundwork: groundworkAnswerFields,
  }),
  session_state: z.unknown(),
});

/** The demo's error body (`{"error": "message"}`), also the NDJSON stream's error line. */
export const azureErrorResponse = z.strictObject({ error: z.string() });
