import type { ServerHandle } from '../servers/server-handle.ts';
import type { StreamRequest } from '../sse/sse-stream-reader.ts';
import { workloadText } from '../workload.ts';
import type { Workload } from '../workload.ts';
import type { Deployment, DeploymentName } from './deployment.ts';

/** What the benchmark measures, side by side. */
export type TargetName = 'floor' | 'peer' | 'ours' | 'ours-redis' | 'mesh-orchestrator' | 'mesh-gateway';

/** How the benchmark drives one target. */
export interface Target {
  readonly name: TargetName;
  /** Column heading. */
  readonly label: string;
  readonly deployment: DeploymentName;
  /** Whether a resubscribe replays from a cursor (the peer's SDK sends the snapshot, then live events). */
  readonly replays: boolean;
  /** Whether idle streams get heartbeats (the peer's SDK sends none). */
  readonly heartbeats: boolean;
  /** The processes whose memory and CPU time the target's figures count. */
  processes(deployment: Deployment): ServerHandle[];
  /** The process whose producer waits at a gate. */
  producer(deployment: Deployment): ServerHandle;
  /** A request that starts a task running `workload` and streams it. */
  stream(deployment: Deployment, workload: Workload): StreamRequest;
  /** A request that follows task `taskId`: from `cursor` (its `Last-Event-ID`), or from its snapshot. */
  resubscribe(deployment: Deployment, taskId: string, cursor?: number): StreamRequest;
  /** Starts a task without following it; resolves with its id. */
  createTask(deployment: Deployment, workload: Workload): Promise<string>;
}

function rpc(method: string, params: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
}

function userMessage(workload: Workload): unknown {
  return {
    kind: 'message',
    messageId: '{{uuid}}',
    role: 'user',
    parts: [{ kind: 'text', text: workloadText(workload) }],
  };
}

function endpoint(server: ServerHandle, path: string): Pick<StreamRequest, 'host' | 'port' | 'path'> {
  return { host: '127.0.0.1', port: server.port, path };
}

function cursorHeader(cursor: number | undefined): Record<string, string> {
  return cursor === undefined ? {} : { 'Last-Event-ID': String(cursor) };
}

async function postJson(url: string, body: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body.replaceAll('{{uuid}}', () => crypto.randomUUID()),
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** A target spoken to in A2A JSON-RPC at `path` of `role`'s server. */
function jsonRpcTarget(
  name: TargetName,
  label: string,
  deployment: DeploymentName,
  role: string,
  path: string,
  extra: { replays: boolean; heartbeats: boolean; processes: string[]; producer: string },
): Target {
  const server = (d: Deployment): ServerHandle => d.servers[role]!;
  return {
    name,
    label,
    deployment,
    replays: extra.replays,
    heartbeats: extra.heartbeats,
    processes: (d) => extra.processes.map((each) => d.servers[each]!),
    producer: (d) => d.servers[extra.producer]!,
    stream: (d, workload) => ({
      ...endpoint(server(d), path),
      method: 'POST',
      body: rpc('message/stream', { message: userMessage(workload) }),
    }),
    resubscribe: (d, taskId, cursor) => ({
      ...endpoint(server(d), path),
      method: 'POST',
      headers: cursorHeader(cursor),
      body: rpc('tasks/resubscribe', { id: taskId }),
    }),
    createTask: async (d, workload) => {
      const body = rpc('message/send', { message: userMessage(workload), configuration: { blocking: false } });
      const answer = (await postJson(`${server(d).url}${path}`, body)) as { result?: { id?: string } };
      if (!answer.result?.id) throw new Error(`${name}: message/send answered ${JSON.stringify(answer)}`);
      return answer.result.id;
    },
  };
}

/** Every target, in column order. */
export const allTargets: readonly Target[] = [
  jsonRpcTarget('floor', 'floor', 'floor', 'floor', '/a2a', {
    replays: true,
    heartbeats: true,
    processes: ['floor'],
    producer: 'floor',
  }),
  jsonRpcTarget('peer', 'peer (a2a-js 0.3.14)', 'peer', 'peer', '/', {
    replays: false,
    heartbeats: false,
    processes: ['peer'],
    producer: 'peer',
  }),
  jsonRpcTarget('ours', 'ours', 'ours', 'ours', '/a2a', {
    replays: true,
    heartbeats: true,
    processes: ['ours'],
    producer: 'ours',
  }),
  jsonRpcTarget('ours-redis', 'ours + Redis', 'ours-redis', 'ours-redis', '/a2a', {
    replays: true,
    heartbeats: true,
    processes: ['ours-redis'],
    producer: 'ours-redis',
  }),
  jsonRpcTarget('mesh-orchestrator', 'mesh: via orchestrator', 'mesh', 'orchestrator', '/a2a', {
    replays: true,
    heartbeats: true,
    processes: ['specialist', 'orchestrator'],
    producer: 'specialist',
  }),
  {
    name: 'mesh-gateway',
    label: 'mesh: via gateway SSE',
    deployment: 'mesh',
    replays: true,
    heartbeats: true,
    processes: (d) => [d.servers['specialist']!, d.servers['orchestrator']!, d.servers['gateway']!],
    producer: (d) => d.servers['specialist']!,
    stream: (d, workload) => ({
      ...endpoint(d.servers['gateway']!, '/api/stream'),
      method: 'POST',
      body: JSON.stringify({ text: workloadText(workload) }),
    }),
    resubscribe: (d, taskId, cursor) => ({
      ...endpoint(d.servers['gateway']!, `/api/tasks/${encodeURIComponent(taskId)}/events`),
      method: 'GET',
      headers: cursorHeader(cursor),
    }),
    createTask: async (d, workload) => {
      const answer = (await postJson(
        `${d.servers['gateway']!.url}/api/tasks`,
        JSON.stringify({ text: workloadText(workload) }),
      )) as { task?: { id?: string } };
      if (!answer.task?.id) throw new Error(`mesh-gateway: POST /api/tasks answered ${JSON.stringify(answer)}`);
      return answer.task.id;
    },
  },
];

/** The task id in a stream's first event: a JSON-RPC response carrying a Task, or a bare Task. */
export function taskIdOf(firstData: string | undefined): string {
  if (!firstData) throw new Error('the stream sent no event');
  const parsed = JSON.parse(firstData) as { result?: { id?: string }; id?: string | number; kind?: string };
  const id = parsed.result?.id ?? (parsed.kind === 'task' ? parsed.id : undefined);
  if (typeof id !== 'string') throw new Error(`the first event names no task: ${firstData.slice(0, 200)}`);
  return id;
}
