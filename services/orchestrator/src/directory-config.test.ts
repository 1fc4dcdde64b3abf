import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectoryConfigError, defaultSpecialists, readDirectoryConfig } from './directory-config.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'directory-config-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function configFile(name: string, content: string): string {
  const file = path.join(folder, name);
  writeFileSync(file, content);
  return file;
}

function failure(env: Record<string, string>): DirectoryConfigError {
  try {
    readDirectoryConfig(env);
  } catch (error) {
    if (error instanceof DirectoryConfigError) return error;
    throw error;
  }
  throw new Error('expected a DirectoryConfigError');
}

describe('readDirectoryConfig', () => {
  it('uses the three local specialists every 15 s when nothing is configured', () => {
    expect(readDirectoryConfig({})).toEqual({
      specialists: ['http://127.0.0.1:9101', 'http://127.0.0.1:9102', 'http://127.0.0.1:9103'],
      refreshIntervalMs: 15_000,
      source: 'defaults',
    });
    expect(readDirectoryConfig({ SPECIALISTS: ' ', ORCHESTRATOR_CONFIG: '' }).specialists).toEqual(defaultSpecialists);
  });

  it('reads SPECIALISTS, comma-separated base or card URLs', () => {
    const config = readDirectoryConfig({
      SPECIALISTS: ' http://10.0.0.5:9101 ,https://writer.example/.well-known/agent-card.json,',
      SPECIALISTS_REFRESH_MS: '2000',
    });
    expect(config).toEqual({
      specialists: ['http://10.0.0.5:9101', 'https://writer.example/.well-known/agent-card.json'],
      refreshIntervalMs: 2_000,
      source: 'SPECIALISTS',
    });
  });

  it('reads the ORCHESTRATOR_CONFIG file, together with SPECIALISTS and without duplicates', () => {
    const file = configFile(
      'ok.json',
      JSON.stringify({ specialists: ['http://b:2', 'http://a:1'], refreshIntervalMs: 500 }),
    );
    expect(readDirectoryConfig({ ORCHESTRATOR_CONFIG: file, SPECIALISTS: 'http://a:1' })).toEqual({
      specialists: ['http://a:1', 'http://b:2'],
      refreshIntervalMs: 500,
      source: `SPECIALISTS + ${file}`,
    });
  });

  it('names the variable that is wrong', () => {
    expect(failure({ SPECIALISTS: 'http://a:1,localhost:9102' })).toMatchObject({
      field: 'SPECIALISTS',
      message: 'SPECIALISTS must be comma-separated http(s) URLs such as http://127.0.0.1:9101 (got "localhost:9102")',
    });
    expect(failure({ SPECIALISTS_REFRESH_MS: 'often' })).toMatchObject({
      field: 'SPECIALISTS_REFRESH_MS',
      message: expect.stringContaining('SPECIALISTS_REFRESH_MS must be a whole number of milliseconds'),
    });
    expect(failure({ ORCHESTRATOR_CONFIG: path.join(folder, 'missing.json') })).toMatchObject({
      field: 'ORCHESTRATOR_CONFIG',
      message: expect.stringMatching(/^ORCHESTRATOR_CONFIG names .*missing\.json, which cannot be read: no such file$/),
    });
    expect(failure({ ORCHESTRATOR_CONFIG: configFile('broken.json', '{ "specialists": [') })).toMatchObject({
      field: 'ORCHESTRATOR_CONFIG',
      message: expect.stringContaining('broken.json is not JSON'),
    });
  });

  it('names the field of the file that is wrong, and what it holds', () => {
    const cases: [object, string, string][] = [
      [{ specialist: ['http://a:1'] }, 'specialists', 'specialists is missing'],
      [{ specialists: [] }, 'specialists', 'specialists: must list at least one specialist URL'],
      [{ specialists: ['http://a:1', 'ftp://b'] }, 'specialists[1]', 'specialists[1]: must be an http(s) URL'],
      [
        { specialists: ['http://a:1', 7] },
        'specialists[1]',
        'specialists[1]: expected string, received number (got 7)',
      ],
      [
        { specialists: ['http://a:1'], refreshIntervalMs: 5 },
        'refreshIntervalMs',
        'refreshIntervalMs: must be at least 100',
      ],
    ];
    for (const [content, field, message] of cases) {
      const file = configFile(`${field}.json`, JSON.stringify(content));
      const error = failure({ ORCHESTRATOR_CONFIG: file });
      expect(error.field).toBe(field);
      expect(error.message).toContain(`ORCHESTRATOR_CONFIG file ${file}: ${message}`);
    }
  });
});
