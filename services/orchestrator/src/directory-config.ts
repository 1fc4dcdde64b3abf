import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { formatPath } from '@a2a-mesh/protocol';

/** Where the specialists are when nothing says otherwise: the three local specialists' ports. */
export const defaultSpecialists: readonly string[] = [
  'http://127.0.0.1:9101',
  'http://127.0.0.1:9102',
  'http://127.0.0.1:9103',
];

/** How often the directory reads every card again, by default. */
export const defaultRefreshIntervalMs = 15_000;

/** What the agent directory is configured with. */
export interface DirectoryConfig {
  /** Base or card URLs of the specialists, without duplicates, in the order given. */
  readonly specialists: readonly string[];
  /** Milliseconds between two reads of every card. */
  readonly refreshIntervalMs: number;
  /** Where `specialists` came from, for the start-up log: `SPECIALISTS`, the file, both, or `defaults`. */
  readonly source: string;
}

/** A configuration that cannot be used; the message names the variable or field and what is wrong. */
export class DirectoryConfigError extends Error {
  override readonly name = 'DirectoryConfigError';
  constructor(
    message: string,
    /** The variable at fault, or the field of the `ORCHESTRATOR_CONFIG` file (`specialists[1]`). */
    readonly field: string,
  ) {
    super(message);
  }
}

const httpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^/\s]+/i.test(value) && URL.canParse(value), {
    message: 'must be an http(s) URL such as http://127.0.0.1:9101',
  });
const refreshInterval = z.number().int().min(100, 'must be at least 100 (milliseconds)');

/** The JSON file `ORCHESTRATOR_CONFIG` names. Other fields are left to whoever reads them. */
export const DirectoryConfigFileSchema = z.object({
  specialists: z.array(httpUrl).min(1, 'must list at least one specialist URL'),
  refreshIntervalMs: refreshInterval.optional(),
});

/**
 * The directory's configuration from the environment:
 *
 * - `SPECIALISTS`: comma-separated base or card URLs;
 * - `ORCHESTRATOR_CONFIG`: path of a JSON file `{ "specialists": ["http://…"], "refreshIntervalMs"?: 15000 }`,
 *   relative to the working directory;
 * - `SPECIALISTS_REFRESH_MS`: milliseconds between reads of every card (over the file's value).
 *
 * Specialists from both sources are used together, the variable's first; with neither, the
 * {@link defaultSpecialists}. Throws a {@link DirectoryConfigError} naming the variable, or the
 * file and field, that is wrong.
 */
export function readDirectoryConfig(env: Record<string, string | undefined>): DirectoryConfig {
  const fromVariable = readSpecialistsVariable(env['SPECIALISTS']);
  const file = env['ORCHESTRATOR_CONFIG']?.trim() ? readConfigFile(env['ORCHESTRATOR_CONFIG'].trim()) : undefined;
  const specialists = [...new Set([...(fromVariable ?? []), ...(file?.config.specialists ?? [])])];
  const sources = [...(fromVariable ? ['SPECIALISTS'] : []), ...(file ? [file.path] : [])];
  return {
    specialists: specialists.length > 0 ? specialists : defaultSpecialists,
    refreshIntervalMs:
      readIntervalVariable(env['SPECIALISTS_REFRESH_MS']) ?? file?.config.refreshIntervalMs ?? defaultRefreshIntervalMs,
    source: sources.length > 0 ? sources.join(' + ') : 'defaults',
  };
}

function readSpecialistsVariable(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const urls = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const url of urls) {
    if (!httpUrl.safeParse(url).success) {
      throw new DirectoryConfigError(
        `SPECIALISTS must be comma-separated http(s) URLs such as http://127.0.0.1:9101 (got "${url}")`,
        'SPECIALISTS',
      );
    }
  }
  return urls;
}

function readIntervalVariable(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = refreshInterval.safeParse(Number(value));
  if (!/^\d+$/.test(value.trim()) || !parsed.success) {
    throw new DirectoryConfigError(
      `SPECIALISTS_REFRESH_MS must be a whole number of milliseconds, at least 100 (got "${value}")`,
      'SPECIALISTS_REFRESH_MS',
    );
  }
  return parsed.data;
}

function readConfigFile(given: string) {
  const file = path.resolve(given);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new DirectoryConfigError(
      `ORCHESTRATOR_CONFIG names ${file}, which cannot be read: ${reason}`,
      'ORCHESTRATOR_CONFIG',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DirectoryConfigError(
      `ORCHESTRATOR_CONFIG file ${file} is not JSON: ${(error as Error).message}`,
      'ORCHESTRATOR_CONFIG',
    );
  }
  const parsed = DirectoryConfigFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = formatPath(issue.path);
    const got = valueAt(json, issue.path);
    const problem =
      got === undefined
        ? 'is missing'
        : `${issue.message.replace(/^Invalid input: /, '')} (got ${JSON.stringify(got)})`;
    const separator = got === undefined ? ' ' : ': ';
    throw new DirectoryConfigError(`ORCHESTRATOR_CONFIG file ${file}: ${field}${separator}${problem}`, field);
  }
  return { path: file, config: parsed.data };
}

function valueAt(json: unknown, keys: readonly PropertyKey[]): unknown {
  let value = json;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
