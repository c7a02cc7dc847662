export { answerQuestion, answerOnce, type AnswerQuestionInput } from "./answer-question";
export { abstentionText, NOTICES } from "./generate-answer";
export { MAX_QUESTION_CHARS } from "./check-question";
export { prepareAnswer, closestDocuments, type PreparedAnswer } from "./prepare-answer";
export { condenseQuestion, rewriteFollowUp, looksLikeFollowUp, type PriorTurn, type CondenseResult } from "./condense-question";
export { checkAnswerability, questionTerms, type Answerability, type TermRarity } from "./check-answerability";
export { answerExtractively, type ExtractiveAnswer } from "./answer-extractively";
export { buildAnswerPrompt, formatSources, isModelAbstention, SYSTEM_PROMPT } from "./build-prompt";
export { createAnswerSanitizer, sanitizeAnswer, type SanitizeReport } from "./sanitize-answer";
export { verifyAnswer, resolveCitation, viewerHref, lexicalSupport, missingNumbers, citedNumbers, type Verification } from "./verify-answer";
export {
  appendMessage,
  createConversation,
  getConversation,
  listConversations,
  loadPriorTurns,
  recordFeedback,
  WITHHELD_ANSWER_TEXT,
  type ConversationMessage,
  type ConversationSummary,
} from "./conversation-queries";
export { listFeedbackForReview, type FeedbackForReview } from "./list-feedback";
export { readAssistantEnv, type AssistantEnv } from "./env";
export { encodeSseEvent, answerEventStream, SSE_HEADERS } from "./sse";
export type * from "./types";
