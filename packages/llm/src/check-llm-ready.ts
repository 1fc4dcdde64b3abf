import { z } from 'zod';
import { describeLlmError } from './describe-llm-error.ts';
import type { LlmSettings } from './llm-settings.ts';

/** What {@link checkLlmReady} found. */
export type LlmReadiness =
  | {
      ready: true;
      /** Whether the endpoint lists the configured model (Ollama lists `llama3.2:latest` for `llama3.2`). */
      modelListed: boolean;
    }
  | { ready: false; reason: string };

const ModelListSchema = z.object({ data: z.array(z.object({ id: z.string() })) });

/**
 * Whether the endpoint answers: `GET <base URL>/models`, which every OpenAI-compatible server
 * has, costs no tokens and loads no model. Ready means it answered 200 with a model list; the
 * model id is only compared loosely, since local servers name models with tags. Never throws.
 */
export async function checkLlmReady(
  settings: Pick<LlmSettings, 'baseUrl' | 'model' | 'apiKey'>,
  options: { timeoutMs?: number } = {},
): Promise<LlmReadiness> {
  try {
    const response = await fetch(`${settings.baseUrl}/models`, {
      headers: settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? 2_000),
    });
    if (!response.ok) return { ready: false, reason: `HTTP ${response.status} from GET /models` };
    const list = ModelListSchema.safeParse(await response.json());
    if (!list.success) return { ready: false, reason: 'GET /models did not answer with a model list' };
    const ids = list.data.data.map((model) => model.id);
    return { ready: true, modelListed: ids.some((id) => id === settings.model || id.startsWith(`${settings.model}:`)) };
  } catch (error) {
    return { ready: false, reason: describeLlmError(error) };
  }
}
