import { GroundworkError, STATUS_BY_CODE, type ErrorCode } from "@groundwork/core/errors";
import type { AnswerEvent } from "../events";
import { absoluteUrl, toApiCitations, type ApiCitation } from "./link-citations";

type EventOf<T extends AnswerEvent["type"]> = Extract<AnswerEvent, { type: T }>;

/** What every protocol reports beside the text: Groundwork's own fields of one answer. */
export type AnswerSummary = {
  abstained: boolean;
  mode: EventOf<"citations">["mode"];
  confidence: EventOf<"citations">["confidence"];
  notice: string | null;
  /** Sentences the verifier could not tie to their sources (the answer's own words). */
  flags: { sentence: string; reason: string }[];
  /** On a decline, the caller's closest documents (from their own search). */
  closest: { title: string; url: string; documentId: string }[];
  conversationId: string;
  messageId: string;
};

export type AnswerPiece =
  { type: "text"; text: string } | { type: "end"; citations: ApiCitation[]; summary: AnswerSummary };

/** A stateful rewrite of streamed answer text (citation markers), flushed at the end. */
export type TextRewriter = { push(text: string): string; flush(): string };

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(STATUS_BY_CODE, code);
}

/**
 * The pipeline's events as protocol-neutral pieces: text as it may be shown (markers rewritten,
 * a reset — the model failing after its first words — marked by the notice that replaces them),
 * then one `end` with the verified citations. An `error` event throws the GroundworkError it
 * stands for, so each protocol reports it in its own error shape with the same status.
 */
export async function* walkAnswer({
  events,
  baseUrl,
  rewriter,
  tail = () => "",
}: {
  events: AsyncIterable<AnswerEvent>;
  baseUrl: string;
  rewriter: TextRewriter;
  /** Text appended once the citations are known (the OpenAI protocol's reference links). */
  tail?: (citations: ApiCitation[]) => string;
}): AsyncGenerator<AnswerPiece> {
  let final: EventOf<"citations"> | null = null;
  for await (const event of events) {
    if (event.type === "delta") {
      const text = rewriter.push(event.text);
      if (text) yield { type: "text", text };
    } else if (event.type === "status" && event.reset) {
      // Text already sent cannot be taken back over these protocols: say that what follows replaces it.
      const text = rewriter.flush();
      yield { type: "text", text: `${text}\n\n_${event.message}_\n\n` };
    } else if (event.type === "citations") {
      final = event;
      const rest = rewriter.flush();
      if (rest) yield { type: "text", text: rest };
    } else if (event.type === "error") {
      throw new GroundworkError(isErrorCode(event.code) ? event.code : "internal", event.message);
    } else if (event.type === "done") {
      if (!final) throw new GroundworkError("internal", "The answer ended without its citations.");
      const citations = toApiCitations({ citations: final.citations, baseUrl });
      const extra = tail(citations);
      if (extra) yield { type: "text", text: extra };
      yield {
        type: "end",
        citations,
        summary: {
          abstained: final.mode === "abstain",
          mode: final.mode,
          confidence: final.confidence,
          notice: final.notice,
          flags: final.flags.map((f) => ({ sentence: f.sentence, reason: f.reason })),
          closest: final.closest.map((d) => ({
            title: d.title,
            url: absoluteUrl({ href: d.href, baseUrl }),
            documentId: d.documentId,
          })),
          conversationId: event.conversationId,
          messageId: event.messageId,
        },
      };
    }
  }
}
