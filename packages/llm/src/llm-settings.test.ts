import { describe, expect, it } from 'vitest';
import { LlmConfigError, readLlmSettings } from './llm-settings.ts';

describe('readLlmSettings', () => {
  it('is undefined when no LLM variable is set, or they are empty', () => {
    expect(readLlmSettings({})).toBeUndefined();
    expect(readLlmSettings({ LLM_BASE_URL: '', LLM_MODEL: '', LLM_API_KEY: '' })).toBeUndefined();
  });

  it('reads a full configuration, trimming the trailing slash of the URL', () => {
    expect(
      readLlmSettings({
        LLM_BASE_URL: 'http://127.0.0.1:11434/v1/',
        LLM_MODEL: 'llama3.2',
        LLM_API_KEY: 'secret',
        LLM_TIMEOUT_MS: '5000',
        LLM_MAX_RETRIES: '2',
      }),
    ).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.2',
      apiKey: 'secret',
      timeoutMs: 5000,
      maxRetries: 2,
    });
  });

  it('defaults the optional variables', () => {
    expect(readLlmSettings({ LLM_BASE_URL: 'https://api.example.com/v1', LLM_MODEL: 'm' })).toEqual({
      baseUrl: 'https://api.example.com/v1',
      model: 'm',
      apiKey: undefined,
      timeoutMs: 30_000,
      maxRetries: 0,
    });
  });

  it.each([
    [
      { LLM_BASE_URL: 'localhost:11434', LLM_MODEL: 'm' },
      'LLM_BASE_URL',
      /must be an http\(s\) URL .*"localhost:11434"/,
    ],
    [{ LLM_BASE_URL: 'ftp://host/v1', LLM_MODEL: 'm' }, 'LLM_BASE_URL', /must be an http\(s\) URL/],
    [{ LLM_BASE_URL: 'http://h/v1', LLM_MODEL: 'm', LLM_TIMEOUT_MS: 'soon' }, 'LLM_TIMEOUT_MS', /milliseconds/],
    [{ LLM_BASE_URL: 'http://h/v1', LLM_MODEL: 'm', LLM_TIMEOUT_MS: '0' }, 'LLM_TIMEOUT_MS', /LLM_TIMEOUT_MS/],
    [{ LLM_BASE_URL: 'http://h/v1', LLM_MODEL: 'm', LLM_MAX_RETRIES: '1.5' }, 'LLM_MAX_RETRIES', /whole number/],
    [{ LLM_BASE_URL: 'http://h/v1' }, 'LLM_MODEL', /LLM_MODEL must be set when LLM_BASE_URL is/],
    [{ LLM_MODEL: 'm' }, 'LLM_BASE_URL', /LLM_BASE_URL must be set when LLM_MODEL is/],
  ])('names the variable at fault: %j', (env, variable, message) => {
    let thrown: unknown;
    try {
      readLlmSettings(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LlmConfigError);
    expect((thrown as LlmConfigError).variables).toEqual([variable]);
    expect((thrown as LlmConfigError).message).toContain(variable);
    expect((thrown as LlmConfigError).message).toMatch(message);
  });

  it('never echoes the API key', () => {
    expect(() => readLlmSettings({ LLM_BASE_URL: 'nope', LLM_MODEL: 'm', LLM_API_KEY: 'sk-secret' })).toThrow(
      LlmConfigError,
    );
    expect(() => readLlmSettings({ LLM_BASE_URL: 'nope', LLM_MODEL: 'm', LLM_API_KEY: 'sk-secret' })).not.toThrow(
      /sk-secret/,
    );
  });
});
