// Only what other packages use (the package README lists it); stage modules are imported by path inside the package.
export { answerQuestion, answerOnce, type AnswerQuestionInput } from "./answer-question";
export { NOTICES } from "./generate-answer";
export { prepareAnswer, type PreparedAnswer } from "./prepare-answer";
export type { PriorTurn } from "./condense-question";
export {
  appendMessage,
  getConversation,
  listConversations,
  renameConversation,
  deleteConversation,
  recordFeedback,
  WITHHELD_ANSWER_TEXT,
  type ConversationMessage,
  type ConversationSummary,
} from "./conversation-queries";
export { listFeedbackForReview, type FeedbackForReview } from "./list-feedback";
export {
  FEEDBACK_TRIAGE,
  setFeedbackTriage,
  getConversationForAdmin,
  listEvalSetFeedback,
  type FeedbackTriage,
  type AdminConversation,
  type AdminConversationMessage,
  type GoldenSetCandidate,
} from "./feedback-triage";
export { describeConversations, describeMessages, type ConversationLabel } from "./describe-by-ids";
export { readAssistantEnv, type AssistantEnv } from "./env";
export type { AnswerEvent, AnswerTrace, Citation } from "./types";
