export { replyTokens, startFakeOpenAi } from './fake-openai.ts';
export type { FakeOpenAi, FakeOpenAiBehaviour, FakeOpenAiRequest } from './fake-openai.ts';
