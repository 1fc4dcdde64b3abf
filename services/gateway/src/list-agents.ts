import { formatIssues } from '@a2a-mesh/protocol';
import { request } from 'undici';
import { AgentEntrySchema, OrchestratorAgentsSchema } from './api-schemas.ts';
import type { AgentEntry, AgentsResponse } from './api-schemas.ts';
import { GatewayError } from './gateway-error.ts';
import type { OrchestratorLink } from './orchestrator-link.ts';

/**
 * `GET /api/agents`: the orchestrator (healthy when its card answers) and the agents it lists at
 * `GET <orchestrator>/agents`.
 *
 * - An orchestrator that does not answer is reported `healthy: false` with the reason, not as an
 *   error: this is the page that tells a person the mesh is down.
 * - An orchestrator without that route (404) lists no agents.
 * - An answer of the wrong shape is a 502 naming the field; one entry that does not fit (say, an
 *   agent whose card fails validation) is kept, without its card, with the reason as `problem`.
 */
export async function listAgents(link: OrchestratorLink, headers: Record<string, string>): Promise<AgentsResponse> {
  let card;
  try {
    card = await link.card(headers);
  } catch (error) {
    return {
      orchestrator: { url: link.url, healthy: false, problem: `its card could not be fetched: ${describe(error)}` },
      agents: [],
    };
  }
  const orchestrator = { url: link.url, healthy: true, card };
  const response = await request(`${link.url}/agents`, {
    headers: { ...headers, accept: 'application/json' },
    headersTimeout: 5_000,
    bodyTimeout: 5_000,
  }).catch((error: unknown) => {
    throw new GatewayError(
      502,
      'orchestrator-unreachable',
      `GET /agents on the orchestrator failed: ${describe(error)}`,
    );
  });
  const text = await response.body.text();
  if (response.statusCode === 404) return { orchestrator, agents: [] };
  if (response.statusCode !== 200) {
    throw new GatewayError(
      502,
      'invalid-upstream-answer',
      `GET /agents on the orchestrator answered HTTP ${response.statusCode}`,
    );
  }
  const parsed = OrchestratorAgentsSchema.safeParse(parseJson(text));
  if (!parsed.success) {
    throw new GatewayError(
      502,
      'invalid-upstream-answer',
      `GET /agents on the orchestrator answered an invalid list: ${formatIssues(parsed.error)}`,
    );
  }
  return { orchestrator, agents: parsed.data.agents.map((entry, index) => toEntry(entry, index)) };
}

function toEntry(entry: unknown, index: number): AgentEntry {
  const parsed = AgentEntrySchema.safeParse(entry);
  if (parsed.success) return parsed.data;
  const withoutCard = AgentEntrySchema.omit({ card: true }).safeParse(entry);
  if (withoutCard.success) {
    const problem = `its card is invalid: ${formatIssues(parsed.error)}`;
    return { ...withoutCard.data, healthy: false, problem: withoutCard.data.problem ?? problem };
  }
  throw new GatewayError(
    502,
    'invalid-upstream-answer',
    `GET /agents on the orchestrator answered an invalid list: ${formatIssues(withoutCard.error, `agents[${index}]`)}`,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
