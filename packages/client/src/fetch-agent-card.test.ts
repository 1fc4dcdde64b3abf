import { afterEach, describe, expect, it } from 'vitest';
import { A2AClient } from './a2a-client.ts';
import { A2AClientError } from './a2a-client-error.ts';
import { agentCardCandidates, fetchAgentCard } from './fetch-agent-card.ts';
import { agentCard, sendJson, sendResult, startTestAgent, task } from './testing/test-agent.ts';
import type { Route, TestAgent } from './testing/test-agent.ts';

let agent: TestAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

/** Serves `card` at `cardPath` and answers `tasks/get` on the endpoint. */
async function serveCard(cardPath: string, card: (endpoint: string) => unknown): Promise<TestAgent> {
  let endpoint = '';
  const route: Route = (request, response) => {
    if (request.method === 'GET' && request.path === cardPath) return sendJson(response, card(endpoint));
    if (request.method === 'POST' && request.path === '/rpc')
      return sendResult(response, request, task('t-1', 'working'));
  };
  agent = await startTestAgent(route);
  endpoint = agent.endpoint;
  return agent;
}

describe('agentCardCandidates', () => {
  it('takes a .json URL as the card itself', () => {
    expect(agentCardCandidates('http://a.test/cards/x.json').map(String)).toEqual(['http://a.test/cards/x.json']);
  });

  it('tries the 0.3 and the 0.2 well-known paths under a base URL, then under the origin', () => {
    expect(agentCardCandidates('http://a.test/agents/x/').map(String)).toEqual([
      'http://a.test/agents/x/.well-known/agent-card.json',
      'http://a.test/agents/x/.well-known/agent.json',
      'http://a.test/.well-known/agent-card.json',
      'http://a.test/.well-known/agent.json',
    ]);
  });
});

describe('fetchAgentCard and A2AClient.fromCardUrl', () => {
  it('resolves a base URL to /.well-known/agent-card.json and uses the card url as endpoint', async () => {
    const server = await serveCard('/.well-known/agent-card.json', (endpoint) => agentCard(endpoint));
    const client = await A2AClient.fromCardUrl(server.origin);
    expect(client.endpoint.href).toBe(server.endpoint);
    expect(client.card?.name).toBe('Test agent');
    expect((await client.getTask('t-1')).id).toBe('t-1');
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /.well-known/agent-card.json',
      'POST /rpc',
    ]);
  });

  it('accepts the card URL itself', async () => {
    const server = await serveCard('/cards/mine.json', (endpoint) => agentCard(endpoint));
    const client = await A2AClient.fromCardUrl(`${server.origin}/cards/mine.json`);
    expect(client.endpoint.href).toBe(server.endpoint);
  });

  it('falls back to /.well-known/agent.json', async () => {
    const server = await serveCard('/.well-known/agent.json', (endpoint) => agentCard(endpoint));
    const card = await fetchAgentCard(`${server.origin}/`);
    expect(card.url).toBe(server.endpoint);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/.well-known/agent-card.json',
      '/.well-known/agent.json',
    ]);
  });

  it('sends the configured headers with the card request', async () => {
    const server = await serveCard('/.well-known/agent-card.json', (endpoint) => agentCard(endpoint));
    await A2AClient.fromCardUrl(server.origin, { headers: { authorization: 'Bearer card-token' } });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer card-token');
  });

  it('names the offending field of an invalid card', async () => {
    const server = await serveCard('/.well-known/agent-card.json', (endpoint) => ({
      ...agentCard(endpoint),
      url: 'not-a-url',
      protocolVersion: undefined,
    }));
    const error = await fetchAgentCard(server.origin).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(A2AClientError);
    expect((error as A2AClientError).code).toBe('invalid-card');
    expect((error as Error).message).toMatch(/protocolVersion/);
    expect((error as Error).message).toMatch(/url: an http\(s\) URL/);
  });

  it('rejects a card that is not JSON', async () => {
    agent = await startTestAgent((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
    });
    await expect(fetchAgentCard(agent.origin)).rejects.toMatchObject({ code: 'invalid-card' });
  });

  it('reports every place it looked when there is no card', async () => {
    agent = await startTestAgent(() => {});
    const error = await fetchAgentCard(`${agent.origin}/agents/x`).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'http-error', statusCode: 404 });
    expect((error as Error).message).toContain('/agents/x/.well-known/agent-card.json');
    expect(agent.requests).toHaveLength(4);
  });
});
