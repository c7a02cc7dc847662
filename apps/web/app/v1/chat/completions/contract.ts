import { z } from "zod";
import { apiCitationSchema } from "@groundwork/assistant/protocols";

const textPart = z.looseObject({ type: z.string().max(40), text: z.string().max(16_000).optional() });

/** One message of the conversation; only text content is read (see readChatMessages). */
const chatMessage = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: z.union([z.string().max(16_000), z.array(textPart).max(50)]).nullish(),
  name: z.string().max(200).optional(),
});

/**
 * `POST /v1/chat/completions`, the part Groundwork reads. Other OpenAI parameters (top_p,
 * presence_penalty, tools, user, stream_options…) are accepted and ignored, as SDKs send them
 * by default; `n` above 1 is refused, since there is one grounded answer.
 */
export const chatCompletionRequest = z.looseObject({
  model: z.string().trim().min(1, "is empty").max(300),
  messages: z.array(chatMessage).min(1, "is empty").max(200),
  stream: z.boolean().nullish(),
  /** Passed to the configured model; the offline (extractive) answerer has none to pass it to. */
  temperature: z.number().min(0).max(2).nullish(),
  max_tokens: z.number().int().min(1).max(128_000).nullish(),
  max_completion_tokens: z.number().int().min(1).max(128_000).nullish(),
  n: z.literal(1).nullish(),
});
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequest>;

/** Groundwork's own fields of an answer (`groundwork` on the completion and on the last chunk). */
export const groundworkAnswerFields = z.strictObject({
  abstained: z.boolean(),
  mode: z.enum(["llm", "extractive", "abstain", "fallback"]),
  confidence: z.enum(["answer", "closest"]),
  notice: z.string().nullable(),
  flags: z.array(z.strictObject({ sentence: z.string(), reason: z.string() })),
  closest: z.array(z.strictObject({ title: z.string(), url: z.string(), documentId: z.string() })),
  conversationId: z.string(),
  messageId: z.string(),
});

/**
 * The non-streamed answer. The message's text cites `[n]`, each a markdown reference link to the
 * viewer (definitions and a "Sources" list end the text); `citations` lists the same passages.
 */
export const chatCompletionResponse = z.strictObject({
  id: z.string(),
  object: z.literal("chat.completion"),
  created: z.number().int(),
  model: z.string(),
  choices: z.tuple([
    z.strictObject({
      index: z.literal(0),
      message: z.strictObject({ role: z.literal("assistant"), content: z.string(), refusal: z.null() }),
      finish_reason: z.literal("stop"),
      logprobs: z.null(),
    }),
  ]),
  usage: z.strictObject({
    prompt_tokens: z.number().int(),
    completion_tokens: z.number().int(),
    total_tokens: z.number().int(),
  }),
  citations: z.array(apiCitationSchema),
  groundwork: groundworkAnswerFields,
});

/** With `stream: true`: `data:` frames of these, then `data: [DONE]`; the last chunk has `finish_reason` and the fields. */
export const chatCompletionChunk = z.strictObject({
  id: z.string(),
  object: z.literal("chat.completion.chunk"),
  created: z.number().int(),
  model: z.string(),
  choices: z.tuple([
    z.strictObject({
      index: z.literal(0),
      delta: z.strictObject({ role: z.literal("assistant").optional(), content: z.string().optional() }),
      finish_reason: z.literal("stop").nullable(),
      logprobs: z.null(),
    }),
  ]),
  citations: z.array(apiCitationSchema).optional(),
  groundwork: groundworkAnswerFields.optional(),
});
