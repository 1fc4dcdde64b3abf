import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import { checkLlmReady } from './check-llm-ready.ts';
import type { LlmReadiness } from './check-llm-ready.ts';
import { readLlmSettings } from './llm-settings.ts';
import type { LlmSettings } from './llm-settings.ts';
import type { Logger } from './logger.ts';

/** A configured chat model, with what a caller needs to log about it and to check on it. */
export interface ChatModelHandle {
  model: BaseChatModel;
  /** The endpoint's base URL, for log lines. */
  url: string;
  /** The model id sent with every request. */
  modelName: string;
  /** Asks the endpoint for its model list; never throws. */
  ready(options?: { timeoutMs?: number }): Promise<LlmReadiness>;
}

/** Local servers ignore the key, but the OpenAI client refuses to start without one. */
const placeholderApiKey = 'not-needed';

/**
 * The chat model the `LLM_*` variables describe (see {@link readLlmSettings}), or `undefined`
 * when they are unset: the LLM is optional and callers keep a path without it. Throws an
 * `LlmConfigError` naming the variable when one is malformed.
 *
 * The model is LangChain's `ChatOpenAI` pointed at `LLM_BASE_URL`, so any OpenAI-compatible
 * endpoint works (Ollama, llama.cpp, vLLM, OpenAI). `streaming` is deliberately left unset:
 * with it, `invoke` counts tokens with tiktoken, whose data it downloads first, and that hangs on
 * a machine without internet. Tokens still stream: `.stream()` always streams, and so does
 * `invoke` inside a LangGraph run in `messages` stream mode.
 *
 * @example
 * ```ts
 * const llm = createChatModel(process.env, logger);
 * const reply = llm ? await llm.model.invoke('Say hi') : undefined;
 * ```
 */
export function createChatModel(env: Record<string, string | undefined>, logger: Logger): ChatModelHandle | undefined {
  const settings = readLlmSettings(env);
  if (!settings) return undefined;
  logger.info(
    { url: settings.baseUrl, model: settings.model },
    `LLM configured: ${settings.model} at ${settings.baseUrl}`,
  );
  return {
    model: chatOpenAi(settings),
    url: settings.baseUrl,
    modelName: settings.model,
    ready: (options) => checkLlmReady(settings, options),
  };
}

function chatOpenAi(settings: LlmSettings): ChatOpenAI {
  return new ChatOpenAI({
    model: settings.model,
    apiKey: settings.apiKey ?? placeholderApiKey,
    configuration: { baseURL: settings.baseUrl },
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
  });
}
