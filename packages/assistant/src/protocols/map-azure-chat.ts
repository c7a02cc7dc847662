import type { AnswerEvent } from "../events";
import type { PreparedAnswer } from "../prepare-answer";
import { createMarkerRewriter, type ApiCitation } from "./link-citations";
import { walkAnswer, type AnswerSummary, type TextRewriter } from "./walk-answer";

/**
 * The Azure search-openai-demo ("RAG chat") HTTP protocol over the same pipeline: its front
 * ends and evaluation tools cite a source as `[file.pdf#page=3]` and look the label up in
 * `context.data_points.text` ("label: passage"). Groundwork's `[n]` markers become those labels.
 */

export type AzureThought = { title: string; description: unknown; props: Record<string, unknown> | null };

export type AzureContext = {
  data_points: { text: string[] };
  thoughts: AzureThought[];
  followup_questions: string[];
};

export type AzureChatResponse = {
  message: { role: "assistant"; content: string };
  context: AzureContext & { citations: ApiCitation[]; groundwork: AnswerSummary };
  session_state: unknown;
};

export type AzureChatChunk =
  | {
      delta: { role: "assistant"; content?: string };
      context?: Partial<AzureContext> & { citations?: ApiCitation[]; groundwork?: AnswerSummary };
      session_state?: unknown;
    }
  | { error: string };

/** Receives the prepared passages from answerQuestion's onPrepared, for the labels and data points. */
export function createPreparedHolder(): { set(prepared: PreparedAnswer): void; get(): PreparedAnswer | null } {
  let value: PreparedAnswer | null = null;
  return {
    set: (prepared) => {
      value = prepared;
    },
    get: () => value,
  };
}

/** A passage's label as the demo writes it: its file (path's last segment) and page. */
export function sourceLabel(source: { path: string; pageFrom: number | null }): string {
  const file = (source.path.split("/").at(-1) || source.path).replace(/[[\]\n]/g, "");
  return source.pageFrom != null ? `${file}#page=${source.pageFrom}` : file;
}

function labelsOf(prepared: PreparedAnswer | null): Map<number, string> {
  return new Map((prepared?.answerable ? prepared.sources : []).map((s) => [s.n, sourceLabel(s)]));
}

/** `[2]` → `[handbook.pdf#page=4]`, holding back a marker split across deltas (createMarkerRewriter's rule). */
function labelRewriter(labels: () => Map<number, string>): TextRewriter {
  return createMarkerRewriter({
    replace: (n) => {
      const label = labels().get(Number(n));
      return label ? `[${label}]` : null;
    },
  });
}

/** The request-time context: the caller's own passages (none on a decline) and the thought process. */
function contextOf({ prepared, question }: { prepared: PreparedAnswer | null; question: string }): AzureContext {
  const sources = prepared?.answerable ? prepared.sources : [];
  return {
    data_points: { text: sources.map((s) => `${sourceLabel(s)}: ${s.text}`) },
    thoughts: [
      { title: "Original user query", description: question, props: null },
      {
        title: "Generated search query",
        description: prepared?.condensed.query ?? question,
        props: { condensed_by: prepared?.condensed.by ?? "none", retrieval: "hybrid (lexical + vector)" },
      },
      {
        title: "Results",
        description: sources.map((s) => ({
          id: s.chunkId,
          content: s.text,
          sourcepage: sourceLabel(s),
          sourcefile: s.path,
          category: null,
        })),
        props: null,
      },
    ],
    followup_questions: [],
  };
}

type AzureInput = {
  events: AsyncIterable<AnswerEvent>;
  prepared: ReturnType<typeof createPreparedHolder>;
  question: string;
  baseUrl: string;
  sessionState: unknown;
};

function pieces({ events, prepared, baseUrl }: AzureInput) {
  return walkAnswer({ events, baseUrl, rewriter: labelRewriter(() => labelsOf(prepared.get())) });
}

/**
 * NDJSON chunks: the first carries the role, `context` (data points, thoughts) and the session
 * state — known before the first token, as in the demo — then one chunk per piece of text, and
 * a last one whose context adds the verified citations and Groundwork's fields.
 */
export async function* azureChatChunks(input: AzureInput): AsyncGenerator<AzureChatChunk> {
  let opened = false;
  for await (const piece of pieces(input)) {
    if (!opened) {
      opened = true;
      yield {
        delta: { role: "assistant" },
        context: contextOf({ prepared: input.prepared.get(), question: input.question }),
        session_state: input.sessionState,
      };
    }
    if (piece.type === "text") yield { delta: { role: "assistant", content: piece.text } };
    else yield { delta: { role: "assistant" }, context: { citations: piece.citations, groundwork: piece.summary } };
  }
}

/** The non-streamed response; null when the pipeline stopped without an answer (client gone). */
export async function collectAzureChat(input: AzureInput): Promise<AzureChatResponse | null> {
  let content = "";
  for await (const piece of pieces(input)) {
    if (piece.type === "text") {
      content += piece.text;
      continue;
    }
    return {
      message: { role: "assistant", content },
      context: {
        ...contextOf({ prepared: input.prepared.get(), question: input.question }),
        citations: piece.citations,
        groundwork: piece.summary,
      },
      session_state: input.sessionState,
    };
  }
  return null;
}
