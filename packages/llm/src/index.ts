export { checkLlmReady } from './check-llm-ready.ts';
export type { LlmReadiness } from './check-llm-ready.ts';
export { createChatModel } from './create-chat-model.ts';
export type { ChatModelHandle } from './create-chat-model.ts';
export { describeLlmError } from './describe-llm-error.ts';
export { LlmConfigError, LlmEnvironmentSchema, llmDefaults, readLlmSettings } from './llm-settings.ts';
export type { LlmSettings } from './llm-settings.ts';
export type { Logger } from './logger.ts';
