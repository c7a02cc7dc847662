export {
  chatConfigured,
  createChatModel,
  createChatModelFromConfig,
  type ChatModel,
  type ChatModelConfig,
  type ChatRole,
  type ChatTurn,
} from "./chat-model";
