import type { AnswerEvent } from "../events";
import { citationReferences, createCitationLinker, type ApiCitation } from "./link-citations";
import { walkAnswer, type AnswerSummary } from "./walk-answer";

/** `chat.completion.chunk` as OpenAI streams it, plus Groundwork's fields on the last chunk. */
export type OpenAIChunk = {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: [
    {
      index: 0;
      delta: { role?: "assistant"; content?: string };
      finish_reason: "stop" | null;
      logprobs: null;
    },
  ];
  citations?: ApiCitation[];
  groundwork?: AnswerSummary;
};

/** `chat.completion`: one assistant message, its citations and Groundwork's fields. */
export type OpenAICompletion = {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: [
    {
      index: 0;
      message: { role: "assistant"; content: string; refusal: null };
      finish_reason: "stop";
      logprobs: null;
    },
  ];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  citations: ApiCitation[];
  groundwork: AnswerSummary;
};

type CompletionMeta = { id: string; model: string; created: number; baseUrl: string };

function pieces({ events, baseUrl }: { events: AsyncIterable<AnswerEvent>; baseUrl: string }) {
  return walkAnswer({
    events,
    baseUrl,
    rewriter: createCitationLinker(),
    tail: (citations) => citationReferences({ citations }),
  });
}

/**
 * An answer as OpenAI's stream: a first chunk with the role, one chunk per piece of text, and a
 * last chunk with `finish_reason: "stop"` that also carries `citations` and `groundwork`. The
 * text is the same as the non-streamed completion's, byte for byte.
 */
export async function* openaiChunks({
  events,
  id,
  model,
  created,
  baseUrl,
}: CompletionMeta & { events: AsyncIterable<AnswerEvent> }): AsyncGenerator<OpenAIChunk> {
  const chunk = (delta: OpenAIChunk["choices"][0]["delta"], finish: "stop" | null = null): OpenAIChunk => ({
    id,
    object: "chat.completion.chunk",
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  yield chunk({ role: "assistant", content: "" });
  for await (const piece of pieces({ events, baseUrl })) {
    if (piece.type === "text") yield chunk({ content: piece.text });
    else yield { ...chunk({}, "stop"), citations: piece.citations, groundwork: piece.summary };
  }
}

/**
 * Rough token counts for `usage` (4 characters a token): clients that budget by it get a
 * plausible figure; the extractive answerer has no tokenizer to ask.
 */
function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The whole answer as one `chat.completion`; null when the pipeline stopped without an answer (client gone). */
export async function collectOpenAICompletion({
  events,
  id,
  model,
  created,
  baseUrl,
  promptText,
}: CompletionMeta & { events: AsyncIterable<AnswerEvent>; promptText: string }): Promise<OpenAICompletion | null> {
  let content = "";
  for await (const piece of pieces({ events, baseUrl })) {
    if (piece.type === "text") {
      content += piece.text;
      continue;
    }
    const prompt_tokens = approxTokens(promptText);
    const completion_tokens = approxTokens(content);
    return {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [
        { index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null },
      ],
      usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
      citations: piece.citations,
      groundwork: piece.summary,
    };
  }
  return null;
}
