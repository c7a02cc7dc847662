export {
  defaultFakeReply,
  fakeRelevance,
  startFakeOpenAI,
  type FakeCall,
  type FakeChatMessage,
  type FakeEndpoint,
  type FakeFailure,
  type FakeOpenAI,
  type FakeOpenAIOptions,
  type FakeReplyInput,
} from "./fake-openai-server";
