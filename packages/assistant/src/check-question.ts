import { GroundworkError } from "@groundwork/core/errors";

export const MAX_QUESTION_CHARS = 4_000;

/** The question as asked, without NULs (Postgres text rejects them) and surrounding space. */
export function cleanQuestion({ question }: { question: string }): string {
  return question.replaceAll("\u0000", "").trim();
}

/** Refuses an empty or overlong question with the message the user sees. */
export function checkQuestion({ question }: { question: string }): void {
  if (!question) throw new GroundworkError("bad_request", "Ask a question first.");
  if (question.length > MAX_QUESTION_CHARS)
    throw new GroundworkError("bad_request", `Questions are limited to ${MAX_QUESTION_CHARS} characters.`);
}
