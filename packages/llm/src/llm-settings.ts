import { z } from 'zod';

/** Thrown when an `LLM_*` variable is set to something unusable; the message names it. */
export class LlmConfigError extends Error {
  override readonly name = 'LlmConfigError';

  constructor(
    message: string,
    /** The environment variables at fault. */
    readonly variables: string[],
  ) {
    super(message);
  }
}

/** An unset or empty variable, as `KEY=` in an env file leaves it, counts as not set. */
const optional = <TSchema extends z.ZodType>(schema: TSchema) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const httpUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    error: (issue) => `must be an http(s) URL such as http://127.0.0.1:11434/v1 (got ${JSON.stringify(issue.input)})`,
  })
  .transform((value) => value.replace(/\/+$/, ''));

const positiveInteger = (what: string) =>
  z.coerce
    .number({ error: `must be ${what}` })
    .int({ error: `must be ${what}` })
    .min(0, { error: `must be ${what}` });

/**
 * The `LLM_*` environment variables. The LLM is on when `LLM_BASE_URL` or `LLM_MODEL` is set,
 * and then both are required:
 *
 * - `LLM_BASE_URL`: an OpenAI-compatible API root, e.g. `http://127.0.0.1:11434/v1` (Ollama),
 *   `https://api.openai.com/v1`.
 * - `LLM_MODEL`: the model id the endpoint knows, e.g. `llama3.2`.
 * - `LLM_API_KEY`: sent as `Authorization: Bearer …`; local servers ignore it, so it may be unset.
 * - `LLM_TIMEOUT_MS`: how long one request may take, default 30000.
 * - `LLM_MAX_RETRIES`: retries of a failed request, default 0: callers fall back at once rather
 *   than keep every answer waiting while the endpoint is down.
 */
export const LlmEnvironmentSchema = z.object({
  LLM_BASE_URL: optional(httpUrl),
  LLM_MODEL: optional(z.string().trim().min(1)),
  LLM_API_KEY: optional(z.string()),
  LLM_TIMEOUT_MS: optional(positiveInteger('a positive number of milliseconds').min(1)),
  LLM_MAX_RETRIES: optional(positiveInteger('a whole number, 0 or more')),
});

/** Where and how to reach the LLM. */
export interface LlmSettings {
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
  maxRetries: number;
}

/** Defaults of the optional variables. */
export const llmDefaults = { timeoutMs: 30_000, maxRetries: 0 } as const;

/**
 * The LLM settings from the environment, or `undefined` when neither `LLM_BASE_URL` nor
 * `LLM_MODEL` is set. Throws an {@link LlmConfigError} naming each variable that is malformed,
 * or missing while the other one is set.
 */
export function readLlmSettings(env: Record<string, string | undefined>): LlmSettings | undefined {
  const parsed = LlmEnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    const variables = parsed.error.issues.map((issue) => String(issue.path[0]));
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    throw new LlmConfigError(`Invalid LLM configuration: ${problems.join('; ')}`, variables);
  }
  const { LLM_BASE_URL: baseUrl, LLM_MODEL: model, LLM_API_KEY: apiKey } = parsed.data;
  if (baseUrl === undefined && model === undefined) return undefined;
  if (baseUrl === undefined || model === undefined) {
    const [missing, set] = baseUrl === undefined ? ['LLM_BASE_URL', 'LLM_MODEL'] : ['LLM_MODEL', 'LLM_BASE_URL'];
    throw new LlmConfigError(`Invalid LLM configuration: ${missing} must be set when ${set} is`, [missing]);
  }
  return {
    baseUrl,
    model,
    apiKey,
    timeoutMs: parsed.data.LLM_TIMEOUT_MS ?? llmDefaults.timeoutMs,
    maxRetries: parsed.data.LLM_MAX_RETRIES ?? llmDefaults.maxRetries,
  };
}
