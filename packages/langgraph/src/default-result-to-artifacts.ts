import type { Artifact } from '@a2a-mesh/protocol';

/**
 * The default final artifacts of a graph run, from its last state: the `answer` field (or,
 * failing that, `result`) as an artifact of that name, text when a string, data when an object;
 * nothing otherwise. Messages an LLM streamed are artifacts already (see
 * `StreamMapper`), so the `messages` list is not repeated here.
 */
export function defaultResultToArtifacts(state: Record<string, unknown>): Artifact[] {
  for (const key of ['answer', 'result']) {
    const value = state[key];
    if (typeof value === 'string' && value !== '') {
      return [{ artifactId: key, name: key, parts: [{ kind: 'text', text: value }] }];
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return [{ artifactId: key, name: key, parts: [{ kind: 'data', data: value as Record<string, unknown> }] }];
    }
  }
  return [];
}
