// The developer protocols (OpenAI-compatible, Azure search-openai-demo, MCP answers) over answerQuestion's events.
export { readChatMessages, type ProtocolMessage } from "./read-chat-messages";
export {
  apiCitationSchema,
  absoluteUrl,
  citationReferences,
  createCitationLinker,
  toApiCitations,
  type ApiCitation,
} from "./link-citations";
export { walkAnswer, type AnswerPiece, type AnswerSummary, type TextRewriter } from "./walk-answer";
export {
  collectOpenAICompletion,
  openaiChunks,
  type OpenAIChunk,
  type OpenAICompletion,
} from "./map-openai-completion";
export {
  azureChatChunks,
  collectAzureChat,
  createPreparedHolder,
  sourceLabel,
  type AzureChatChunk,
  type AzureChatResponse,
} from "./map-azure-chat";
