import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { A2AClient, fetchAgentCard } from '@a2a-mesh/client';
import type { A2AClientOptions } from '@a2a-mesh/client';
import { calculatorCard, createCalculatorExecutor } from '@a2a-mesh/calculator';
import { KnowledgeBase, createKnowledgeExecutor, defaultDocsFolder, knowledgeCard } from '@a2a-mesh/knowledge';
import { createOrchestratorCard, createOrchestratorExecutor } from '@a2a-mesh/orchestrator';
import { createAgentServer, silentLogger } from '@a2a-mesh/server';
import type { AgentServer, AgentServerOptions } from '@a2a-mesh/server';
import { createWriterExecutor, writerCard } from '@a2a-mesh/writer';

export {
  Gate,
  answerArtifact,
  answerText,
  collect,
  finalStatus,
  planOf,
  relayedView,
  taskIdOf,
  testPlanner,
  upstreamTaskIdOf,
  upstreamView,
  userText,
  wholeLog,
} from '../../services/orchestrator/src/orchestrator-executor-harness.ts';
import type { KnownAgent, Planner } from '../../services/orchestrator/src/plan.ts';
export type { KnownAgent, Planner };

const root = new URL('../../', import.meta.url).pathname;

/** The real specialists, each as a server on loopback port 0 (in this process), and stopped together. */
export class Specialists {
  readonly #servers: AgentServer[] = [];
  readonly #children: ChildProcess[] = [];

  /** Starts the knowledge agent (over this repository's docs), the calculator and the writer. */
  async startAll(): Promise<KnownAgent[]> {
    const knowledgeBase = new KnowledgeBase({ folder: defaultDocsFolder });
    return Promise.all([
      this.start('knowledge', { card: knowledgeCard, executor: createKnowledgeExecutor({ knowledgeBase }) }),
      this.start('calculator', { card: calculatorCard, executor: createCalculatorExecutor() }),
      this.start('writer', { card: writerCard, executor: createWriterExecutor() }),
    ]);
  }

  /** Starts one agent server under `key`. */
  async start(key: string, options: AgentServerOptions): Promise<KnownAgent> {
    const server = createAgentServer({ shutdownDeadlineMs: 50, ...options });
    this.#servers.push(server);
    const url = await server.listen();
    return { key, url, card: server.card(), healthy: true };
  }

  /**
   * Starts a service as its own process (`node --import tsx services/<name>/src/main.ts`, PORT=0),
   * for a test that must kill it; resolves once it has printed its card URL.
   */
  async spawn(
    name: string,
    key: string,
    env: Record<string, string> = {},
  ): Promise<{ agent: KnownAgent; child: ChildProcess }> {
    const child = spawn(process.execPath, ['--import', 'tsx', `services/${name}/src/main.ts`], {
      cwd: root,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#children.push(child);
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const printed = /card: (http:\/\/\S+)\/\.well-known\/agent-card\.json/.exec(output)?.[1];
        if (printed) resolve(printed);
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening:\n${output}`)));
    });
    return { agent: { key, url, card: await fetchAgentCard(url), healthy: true }, child };
  }

  /**
   * Starts the orchestrator in front of `agents`, planning with `planner`; resolves with its base
   * URL and a client of it.
   */
  async orchestrator(
    agents: readonly KnownAgent[],
    planner: Planner,
    clientOptions?: Omit<A2AClientOptions, 'card'>,
  ): Promise<{ url: string; client: A2AClient }> {
    const executor = createOrchestratorExecutor({
      directory: directoryOf(agents),
      planner,
      logger: silentLogger,
      ...(clientOptions ? { clientOptions } : {}),
    });
    const { url } = await this.start('orchestrator', { card: createOrchestratorCard(agents), executor });
    return { url, client: new A2AClient(`${url}/a2a`) };
  }

  async closeAll(): Promise<void> {
    for (const child of this.#children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(this.#servers.splice(0).map((server) => server.close()));
  }
}

/** A directory of the given agents, as the orchestrator reads it. */
export function directoryOf(agents: readonly KnownAgent[]) {
  return { agents: () => agents, get: (key: string) => agents.find((agent) => agent.key === key) };
}

/** An OpenAI-compatible endpoint that starts every streamed answer and then never finishes it. */
export interface StalledLlm {
  /** `http://127.0.0.1:<port>/v1`, for `LLM_BASE_URL`. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts an LLM stand-in whose chat completions stream the first `tokens` and then hold the
 * response open: a writer that uses it is mid-stream, with its first chunks out, for as long as
 * the test needs. `GET /v1/models` lists `fake-model`.
 */
export async function startStalledLlm(tokens: readonly string[]): Promise<StalledLlm> {
  const open = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    request.resume();
    if (request.method === 'GET' && request.url === '/v1/models') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'test' }] }),
      );
      return;
    }
    request.once('end', () => {
      open.add(response);
      response.once('close', () => open.delete(response));
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: Record<string, unknown>) =>
        `data: ${JSON.stringify({ id: 'chatcmpl-stalled', object: 'chat.completion.chunk', created: 0, model: 'fake-model', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
      response.write(chunk({ role: 'assistant', content: '' }));
      for (const token of tokens) response.write(chunk({ content: token }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of open) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
