/**
 * The fake OpenAI-compatible server, for cross-package suites under test/ (an orchestrator run
 * with an LLM, say). It lives in `@a2a-mesh/llm/testing`, beside the code it tests, because the
 * writer's own tests use it and may not import from test/ (see scripts/check-layers.mjs); this
 * file points there so that test/ suites need no dependency on the LLM package to use it.
 */
export { replyTokens, startFakeOpenAi } from '../../packages/llm/src/testing/fake-openai.ts';
export type { FakeOpenAi, FakeOpenAiBehaviour, FakeOpenAiRequest } from '../../packages/llm/src/testing/fake-openai.ts';
