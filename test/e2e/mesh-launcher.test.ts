import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isPortFree } from '@a2a-mesh/mesh';

const root = fileURLToPath(new URL('../..', import.meta.url));
const variables = ['KNOWLEDGE_PORT', 'CALCULATOR_PORT', 'WRITER_PORT', 'ORCHESTRATOR_PORT', 'GATEWAY_PORT'];
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Free ports, found by letting the kernel pick them. */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  for (let index = 0; index < count; index += 1) {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
  }
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function launch(ports: number[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  variables.forEach((name, index) => (env[name] = String(ports[index])));
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/mesh/src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { child, exited, output: () => output };
}

describe('the start command', () => {
  it('starts the whole mesh, serves a task through the gateway, and stops everything on Ctrl-C', async () => {
    const ports = await freePorts(5);
    const mesh = launch(ports);
    await expect.poll(mesh.output, { timeout: 60_000, interval: 200 }).toMatch(/a2a-mesh is up\.\s+UI: (\S+)/);
    const ui = /UI: (http:\/\/\S+)/.exec(mesh.output().split('a2a-mesh is up.')[1]!)![1]!;
    expect(ui).toBe(`http://127.0.0.1:${ports[4]}/`);
    expect((await fetch(ui)).headers.get('content-type')).toContain('text/html');

    const agents = (await (await fetch(`${ui}api/agents`)).json()) as { agents: Array<{ healthy: boolean }> };
    expect(agents.agents.filter((agent) => agent.healthy)).toHaveLength(3);
    const created = (await (
      await fetch(`${ui}api/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'what is 15% of 80' }),
      })
    ).json()) as { task: { id: string } };
    const events = await (await fetch(`${ui}api/tasks/${created.task.id}/events`)).text();
    expect(events).toContain('15% of 80 = 12');
    expect(events).toMatch(/"state":"completed"[^\n]*"final":true/);

    mesh.child.kill('SIGINT');
    expect(await mesh.exited).toBe(0);
    for (const port of ports) expect(await isPortFree(port, '127.0.0.1')).toBe(true);
  });

  it('refuses to start when a port is taken, naming the service and the variable to change', async () => {
    const ports = await freePorts(5);
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(ports[3], '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
    const mesh = launch(ports);
    expect(await mesh.exited).toBe(1);
    expect(mesh.output()).toContain(`Port ${ports[3]} (orchestrator) is in use`);
    expect(mesh.output()).toContain('ORCHESTRATOR_PORT');
  });
});
