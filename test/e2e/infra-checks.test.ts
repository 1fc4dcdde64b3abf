import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestContext } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { defaultEventStreamOptions, gatewayDefaults } from '@a2a-mesh/gateway';
import { isPortFree } from '@a2a-mesh/mesh';
import { composeEnvs, kubernetesEnvs } from '../../infra/checks/deployment-env.ts';
import type { DeployedEnv } from '../../infra/checks/deployment-env.ts';
import { blockBody, directivesOf, nginxSeconds } from '../../infra/checks/nginx-blocks.ts';
import { serviceEnvNames } from '../../infra/checks/service-env-names.ts';
import { startSseUpstream } from '../../infra/checks/sse-upstream.ts';
import { findExecutable } from '../../infra/local/find-executable.ts';
import { freePorts } from '../../infra/local/free-ports.ts';
import { launchReplicas } from '../../infra/local/launch-replicas.ts';
import { findNginx, startNginx, testNginxConfig, writeNginxFiles } from '../../infra/local/nginx-server.ts';
import { ProcessGroup } from '../../infra/local/process-group.ts';

/*
 * The checks of infra/ that run on a machine without Docker or Kubernetes: the nginx
 * configuration through the real nginx (syntax, and SSE delivered unbuffered), the shape and
 * the environment wiring of the compose file and the Kubernetes manifests against the services'
 * source, the Dockerfile's essentials, and the local multi-replica run.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const infra = (...parts: string[]): string => path.join(root, 'infra', ...parts);
const nginxConf = readFileSync(infra('nginx', 'a2a-mesh.conf'), 'utf8');
const compose = parse(readFileSync(infra('compose', 'compose.yaml'), 'utf8'), { merge: true }) as ComposeFile;
const manifestFiles = readdirSync(infra('k8s')).filter(
  (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml',
);
const manifests = manifestFiles.flatMap((file) =>
  parseAllDocuments(readFileSync(infra('k8s', file), 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new Error(`infra/k8s/${file}: ${document.errors[0]!.message}`);
    return document.toJS() as Manifest;
  }),
);
const services = ['gateway', 'orchestrator', 'knowledge', 'calculator', 'writer'];
const envRead = new Map(services.map((service) => [service, serviceEnvNames(root, service)]));

interface ComposeService {
  image?: string;
  working_dir?: string;
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
  deploy?: { replicas?: number };
  ports?: string[];
  volumes?: string[];
  command?: string[];
  build?: { context: string; dockerfile: string };
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}
interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
}
interface Container {
  name: string;
  image: string;
  workingDir?: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{ name: string; value?: string }>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface Manifest {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: {
    replicas?: number;
    /** A Service's labels, or a Deployment's and a PodDisruptionBudget's `matchLabels`. */
    selector?: Record<string, string> & { matchLabels?: Record<string, string> };
    template?: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } };
    ports?: Array<{ name?: string; port: number; targetPort?: string | number }>;
    minAvailable?: number;
    rules?: Array<{ http: { paths: Array<{ backend: { service: { name: string } } }> } }>;
  };
  data?: Record<string, string>;
}

/** The last value of an nginx directive in a block's directives. */
const one = (directives: Map<string, string[]>, name: string): string | undefined => directives.get(name)?.at(-1);

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The tool a check runs, or: in CI (where .ci/run installs it) a failure naming it; elsewhere a
 * skip that says what to install, also printed so that it is not missed.
 */
function need(context: TestContext, tool: string, found: string | undefined): string {
  if (found) return found;
  const message = `${tool} is not installed (apt-get install -y ${tool})`;
  if (process.env.CI) throw new Error(`${message}: CI must install it before the tests, in .ci/run`);
  console.warn(`infra-checks: SKIPPED, ${message}`);
  return context.skip(message);
}

/** nginx in front of `gateways`, with infra/nginx/a2a-mesh.conf (or a variant of it). */
async function startProxy(nginx: string, gateways: string[], template?: string): Promise<string> {
  const [port] = await freePorts(1);
  const files = await writeNginxFiles({ listen: `127.0.0.1:${port}`, gateways, ...(template ? { template } : {}) });
  cleanups.push(() => rm(files.prefix, { recursive: true, force: true }));
  const group = new ProcessGroup(() => {});
  cleanups.push(() => group.stopAll(2_000));
  const url = `http://127.0.0.1:${port}`;
  await startNginx(group, { nginx, files, url, cwd: root, env: process.env, timeoutMs: 10_000 });
  return url;
}

/** Reads `reader` until the text read so far contains `marker`; undefined after `timeoutMs`. */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  marker: string,
  timeoutMs: number,
): Promise<string | undefined> {
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + timeoutMs;
  while (!text.includes(marker)) {
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const chunk = await Promise.race([
      reader.read(),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left))),
    ]).finally(() => clearTimeout(timer));
    if (chunk === 'timeout') return undefined;
    if (chunk.done) return text.includes(marker) ? text : undefined;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

describe('nginx (infra/nginx/a2a-mesh.conf)', () => {
  const sse = directivesOf(blockBody(nginxConf, /location ~ \^\/api\/\(tasks\/\[\^\/\]\+\/events\|stream\)\$ \{/));
  const server = directivesOf(blockBody(nginxConf, /^server \{/m));
  const upstream = directivesOf(blockBody(nginxConf, /^upstream a2a_gateways \{/m));

  it('streams SSE without buffering, over HTTP/1.1, with long timeouts and X-Accel-Buffering honoured', () => {
    expect(one(sse, 'proxy_buffering')).toBe('off');
    expect(one(sse, 'proxy_cache')).toBe('off');
    expect(one(sse, 'gzip')).toBe('off');
    expect(one(sse, 'chunked_transfer_encoding')).toBe('on');
    for (const timeout of ['proxy_read_timeout', 'proxy_send_timeout']) {
      expect(nginxSeconds(one(sse, timeout) ?? '60s'), timeout).toBeGreaterThanOrEqual(3600);
    }
    expect(nginxSeconds(one(sse, 'proxy_read_timeout')!) * 1000).toBeGreaterThan(defaultEventStreamOptions.heartbeatMs);
    expect(sse.get('proxy_pass_header')).toContain('X-Accel-Buffering');
    expect(nginxConf).not.toMatch(/proxy_ignore_headers[^;]*X-Accel-Buffering/i);
    expect(one(server, 'proxy_http_version')).toBe('1.1');
    expect(server.get('proxy_set_header')).toEqual(
      expect.arrayContaining([
        'Connection ""',
        'Last-Event-ID $http_last_event_id',
        'traceparent $http_traceparent',
        'X-Forwarded-For $proxy_add_x_forwarded_for',
        'X-Forwarded-Proto $scheme',
      ]),
    );
    // proxy_set_header is inherited only by locations that set none of their own.
    expect(sse.has('proxy_set_header')).toBe(false);
    // The SSE location matches exactly the gateway's two streaming routes.
    const pattern = new RegExp(/\^\/api\/\(tasks\/\[\^\/\]\+\/events\|stream\)\$/.exec(nginxConf)![0]);
    expect(['/api/tasks/t-1/events', '/api/stream'].every((url) => pattern.test(url))).toBe(true);
    expect(['/api/tasks', '/api/tasks/t-1', '/api/streams'].some((url) => pattern.test(url))).toBe(false);
  });

  it('balances two gateways without stickiness, and never retries a POST that reached one', () => {
    const servers = upstream.get('server') ?? [];
    expect(servers.length).toBeGreaterThanOrEqual(2);
    for (const line of servers) expect(line).toMatch(/max_fails=\d+ fail_timeout=\d+s/);
    for (const sticky of ['ip_hash', 'hash', 'sticky', 'random']) expect(upstream.has(sticky), sticky).toBe(false);
    const conditions = one(server, 'proxy_next_upstream')!.split(/\s+/);
    expect(conditions).not.toContain('non_idempotent');
    // The gateway's own 502/503 say the orchestrator is down, the same on every replica.
    expect(conditions.filter((condition) => condition.startsWith('http_'))).toEqual([]);
    expect(Number(one(server, 'proxy_next_upstream_tries'))).toBe(2);
    // Shorter than Node's 5 s keep-alive: a POST is never sent on a socket the gateway is closing.
    expect(nginxSeconds(one(upstream, 'keepalive_timeout')!)).toBeLessThan(5);
  });

  it("limits bodies as the gateway does, answering with the gateway's JSON error", () => {
    const limit = one(server, 'client_max_body_size')!;
    expect(Number.parseInt(limit, 10) * (limit.endsWith('k') ? 1024 : limit.endsWith('m') ? 1024 ** 2 : 1)).toBe(
      gatewayDefaults.bodyLimitBytes,
    );
    expect(nginxConf).toContain(`"message":"The request body is larger than ${gatewayDefaults.bodyLimitBytes} bytes."`);
    expect(nginxConf).toContain('"code":"body-too-large"');
  });

  it('passes nginx -t', async (context) => {
    const nginx = need(context, 'nginx', findNginx());
    const files = await writeNginxFiles({ listen: '127.0.0.1:8080', gateways: ['127.0.0.1:8081', '127.0.0.1:8082'] });
    cleanups.push(() => rm(files.prefix, { recursive: true, force: true }));
    expect(await testNginxConfig(nginx, files)).toContain('test is successful');
  });

  it('delivers each SSE event through the real nginx as it is written, with the cursor and trace context', async (context) => {
    const nginx = need(context, 'nginx', findNginx());
    const upstream = await startSseUpstream();
    cleanups.push(() => upstream.close());
    const proxy = await startProxy(nginx, [upstream.address]);
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const response = await fetch(`${proxy}/api/tasks/t-1/events`, { headers: { 'last-event-id': '41', traceparent } });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const first = await readUntil(reader, 'id:42', 3_000);
    expect(first, 'the first event did not arrive while the stream was open: nginx buffers it').toBeDefined();
    expect(upstream.ended).toBe(false);
    upstream.release();
    expect(await readUntil(reader, 'id:43', 5_000)).toContain('"final":true');
    expect(upstream.requests[0]).toMatchObject({
      'last-event-id': '41',
      traceparent,
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
    });
    // HTTP/1.1 with no Connection header: the upstream connection stays open for reuse.
    expect(upstream.requests[0]!.connection).toBeUndefined();
  });

  // With nginx 1.22, `proxy_buffering on` alone still passes small chunks on as they come; a
  // filter that holds data (gzip here) is what then delays events, until the stream ends.
  // `proxy_buffering off` (or the gateway's X-Accel-Buffering: no) keeps them flowing even so.
  it('tells a buffering proxy apart, and proxy_buffering off or X-Accel-Buffering: no keeps events flowing', async (context) => {
    const nginx = need(context, 'nginx', findNginx());
    const gzip = (config: string) =>
      config.replace('gzip off;', 'gzip on; gzip_types text/event-stream; gzip_min_length 1;');
    const buffering = gzip(nginxConf.replace('proxy_buffering off;', 'proxy_buffering on;'));
    const cases = [
      { name: 'buffering and gzip', template: buffering, accelBuffering: undefined, flows: false },
      { name: 'buffering and gzip, X-Accel-Buffering: no', template: buffering, accelBuffering: 'no', flows: true },
      { name: 'gzip, proxy_buffering off', template: gzip(nginxConf), accelBuffering: undefined, flows: true },
    ] as const;
    for (const { name, template, accelBuffering, flows } of cases) {
      expect(template, name).not.toBe(nginxConf);
      const upstream = await startSseUpstream({ ...(accelBuffering ? { accelBuffering } : {}), holdMs: 3_000 });
      cleanups.push(() => upstream.close());
      const proxy = await startProxy(nginx, [upstream.address], template);
      const response = await fetch(`${proxy}/api/tasks/t-1/events`, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.headers.get('content-encoding'), name).toBe('gzip');
      const reader = response.body!.getReader();
      const first = await readUntil(reader, 'id:42', 1_500);
      expect(first !== undefined && !upstream.ended, `${name}: the first event arrives while the stream is open`).toBe(
        flows,
      );
      await reader.cancel();
    }
  });
});

describe('environment wiring (compose and Kubernetes) against the services’ source', () => {
  const deployed: DeployedEnv[] = [...composeEnvs(compose), ...kubernetesEnvs(manifests)];

  it('runs every service, in compose and in Kubernetes', () => {
    for (const service of services) {
      expect(deployed.filter((entry) => entry.service === service && entry.where.startsWith('compose'))).not.toEqual(
        [],
      );
      expect(deployed.filter((entry) => entry.service === service && entry.where.startsWith('Deployment'))).not.toEqual(
        [],
      );
    }
  });

  it('names only variables the service it is given to reads', () => {
    const unread = deployed.flatMap(({ where, service, env }) =>
      [...env.keys()]
        .filter((name) => !envRead.get(service)!.has(name))
        .map((name) => `${where} (services/${service}) sets ${name}, which it does not read`),
    );
    expect(unread).toEqual([]);
  });

  it('gives each service what it needs to find the others', () => {
    for (const { where, service, env } of deployed) {
      expect(env.get('HOST'), where).toBe('0.0.0.0');
      expect(env.get('PORT'), where).toMatch(/^\d+$/);
      if (service === 'gateway') expect(env.get('ORCHESTRATOR_URL'), where).toBe('http://orchestrator:9100');
      if (service === 'orchestrator') {
        expect(env.get('SPECIALISTS')?.split(','), where).toEqual([
          'http://knowledge:9101',
          'http://calculator:9102',
          'http://writer:9103',
        ]);
      }
      if (service !== 'gateway') {
        expect(env.get('REDIS_URL'), where).toBe('redis://redis:6379');
        expect(env.get('PUBLIC_URL'), where).toBe(`http://${service}:${env.get('PORT')}`);
      }
    }
  });
});

describe('compose (infra/compose/compose.yaml)', () => {
  const entries = Object.entries(compose.services);
  const portOf = (name: string): string | undefined => compose.services[name]?.environment?.PORT;

  it('has a healthcheck on every service, and starts each after what it depends on is healthy', () => {
    for (const [name, service] of entries) {
      expect(service.healthcheck?.test?.length, `${name} healthcheck`).toBeGreaterThan(0);
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(compose.services[dependency], `${name} depends on ${dependency}`).toBeDefined();
        expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
      }
    }
    for (const [, service] of entries.filter(([, service]) => service.working_dir)) {
      expect(service.healthcheck!.test).toEqual(['CMD', 'node', '/app/infra/docker/healthcheck.mjs', '/readyz']);
      expect(existsSync(path.join(root, 'infra', 'compose', service.build!.context, service.build!.dockerfile))).toBe(
        true,
      );
    }
  });

  it('runs Redis, two gateways behind nginx, two orchestrators and a specialist twice', () => {
    expect(compose.services.redis?.image).toMatch(/^redis:7/);
    const gateways = entries.filter(([, service]) => service.working_dir === '/app/services/gateway');
    expect(gateways).toHaveLength(2);
    expect(compose.services.orchestrator?.deploy?.replicas).toBeGreaterThanOrEqual(2);
    const specialists = ['knowledge', 'calculator', 'writer'].map(
      (name) => compose.services[name]?.deploy?.replicas ?? 1,
    );
    expect(Math.max(...specialists)).toBeGreaterThanOrEqual(2);
    // nginx serves infra/nginx/a2a-mesh.conf, whose upstream names exactly these gateways.
    const nginx = compose.services.nginx!;
    expect(nginx.volumes).toContain('../nginx/a2a-mesh.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(nginx.ports).toHaveLength(1);
    const upstream = directivesOf(blockBody(nginxConf, /^upstream a2a_gateways \{/m)).get('server')!;
    expect(upstream.map((line) => line.split(' ')[0]).sort()).toEqual(
      gateways.map(([name]) => `${name}:${portOf(name)}`).sort(),
    );
    expect(Object.keys(nginx.depends_on ?? {}).sort()).toEqual(gateways.map(([name]) => name).sort());
  });

  it('points every URL at a service that listens there', () => {
    const urls = composeEnvs(compose).flatMap(({ where, env }) =>
      ['ORCHESTRATOR_URL', 'SPECIALISTS', 'PUBLIC_URL'].flatMap((name) =>
        (env.get(name) ?? '')
          .split(',')
          .filter(Boolean)
          .map((url) => ({ where, url: new URL(url) })),
      ),
    );
    expect(urls.length).toBeGreaterThan(5);
    for (const { where, url } of urls)
      expect(`${where}: ${url.host}`).toBe(`${where}: ${url.hostname}:${portOf(url.hostname)}`);
  });
});

describe('Kubernetes (infra/k8s)', () => {
  const deployments = manifests.filter((manifest) => manifest.kind === 'Deployment');
  const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);

  it('lists every manifest in kustomization.yaml', () => {
    const kustomization = parse(readFileSync(infra('k8s', 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual([...manifestFiles].sort());
    expect(ofKind('Namespace').map((manifest) => manifest.metadata.name)).toEqual(['a2a-mesh']);
    expect(ofKind('Secret').map((manifest) => manifest.metadata.name)).toEqual(['a2a-mesh-gateway-keys']);
  });

  it('probes readiness on /readyz and liveness on /healthz, on the port the service listens on', () => {
    for (const deployment of deployments) {
      for (const container of deployment.spec!.template!.spec.containers) {
        const where = `${deployment.metadata.name}/${container.name}`;
        expect(container.readinessProbe, where).toBeDefined();
        expect(container.livenessProbe, where).toBeDefined();
        expect(container.resources?.requests?.memory, where).toBeDefined();
        expect(container.resources?.limits?.memory, where).toBeDefined();
        if (!container.workingDir) continue; // Redis: redis-cli ping
        const port = container.env?.find((item) => item.name === 'PORT')?.value;
        const named = (reference: string | number | undefined) =>
          container.ports?.find((item) => item.name === reference || item.containerPort === reference)?.containerPort;
        expect(container.readinessProbe!.httpGet?.path, where).toBe('/readyz');
        expect(container.livenessProbe!.httpGet?.path, where).toBe('/healthz');
        expect(String(named(container.readinessProbe!.httpGet?.port)), where).toBe(port);
        expect(String(named(container.livenessProbe!.httpGet?.port)), where).toBe(port);
      }
    }
  });

  it('runs two gateways and two orchestrators, each replicated Deployment with a Service and a PodDisruptionBudget', () => {
    const replicas = (name: string) =>
      deployments.find((deployment) => deployment.metadata.name === name)?.spec?.replicas;
    expect(replicas('gateway')).toBeGreaterThanOrEqual(2);
    expect(replicas('orchestrator')).toBeGreaterThanOrEqual(2);
    for (const deployment of deployments) {
      const labels = deployment.spec!.template!.metadata.labels;
      const selects = (manifest: Manifest): boolean => {
        const { matchLabels, ...plain } = manifest.spec?.selector ?? {};
        const selector = Object.entries(matchLabels ?? plain);
        return selector.length > 0 && selector.every(([key, value]) => labels[key] === value);
      };
      expect(ofKind('Service').some(selects), `Service for ${deployment.metadata.name}`).toBe(true);
      if ((deployment.spec!.replicas ?? 1) >= 2) {
        expect(ofKind('PodDisruptionBudget').some(selects), `PDB for ${deployment.metadata.name}`).toBe(true);
      }
    }
  });

  it('exposes the gateways through an Ingress configured for SSE', () => {
    const [ingress] = ofKind('Ingress');
    const annotations = ingress!.metadata.annotations!;
    const annotation = (name: string) => annotations[`nginx.ingress.kubernetes.io/${name}`];
    expect(annotation('proxy-buffering')).toBe('off');
    expect(Number(annotation('proxy-read-timeout'))).toBeGreaterThanOrEqual(3600);
    expect(Number(annotation('proxy-send-timeout'))).toBeGreaterThanOrEqual(3600);
    expect(annotation('proxy-body-size')).toBe(
      one(directivesOf(blockBody(nginxConf, /^server \{/m)), 'client_max_body_size'),
    );
    expect(annotation('proxy-next-upstream')).not.toContain('non_idempotent');
    expect(annotation('affinity')).toBeUndefined();
    expect(ingress!.spec!.rules![0]!.http.paths.map((item) => item.backend.service.name)).toEqual(['gateway']);
  });
});

describe('Dockerfile (infra/docker)', () => {
  const dockerfile = readFileSync(infra('docker', 'Dockerfile'), 'utf8');
  const ignore = readFileSync(infra('docker', 'dockerignore'), 'utf8').split('\n');

  it('installs from the lockfile in one stage and runs as an unprivileged user in another', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/pnpm install --prod --frozen-lockfile/);
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production/m);
    expect(dockerfile).toMatch(/^USER [1-9]\d*:[1-9]\d*$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*healthcheck\.mjs", "\/healthz"\]/m);
    expect(dockerfile).toContain('CMD ["node", "--import", "tsx", "src/main.ts"]');
    // What the image needs at run time is not ignored: the healthcheck, and the knowledge agent's docs.
    expect(ignore).toContain('!infra/docker/healthcheck.mjs');
    expect(ignore).toContain('**/node_modules');
    expect(ignore.some((line) => /^docs\b/.test(line))).toBe(false);
  });
});

describe('local replicas (infra/local)', () => {
  it('starts Redis, the specialists, two orchestrators, two gateways and nginx, serves a task, and stops cleanly', async (context) => {
    need(context, 'redis-server', findExecutable('redis-server'));
    if (!findNginx()) console.warn('infra-checks: nginx is not installed; the gateways are checked one by one');
    const lines: string[] = [];
    // The test's signal fires when it times out: the launch then stops what it started.
    const running = await launchReplicas({
      env: { ...process.env, LOG_LEVEL: 'warn' },
      print: (line) => lines.push(line),
      signal: context.signal,
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${lines.slice(-40).join('\n')}`, { cause: error });
    });
    cleanups.push(() => running.stop(2_000));
    expect(running.urls.gateway).toHaveLength(2);
    expect(running.urls.orchestrator).toHaveLength(2);
    expect(running.urls.writer).toHaveLength(2);

    const healthz = async (url: string) => (await fetch(`${url}/healthz`)).status;
    if (running.nginxUrl) {
      expect(running.url).toBe(running.nginxUrl);
      for (let index = 0; index < 4; index += 1) expect(await healthz(running.nginxUrl)).toBe(200);
      // nginx's access log names the replica that answered: both did.
      const accessLog = (): string => readFileSync(running.nginxAccessLog!, 'utf8');
      for (const gateway of running.urls.gateway) {
        await expect.poll(accessLog).toMatch(new RegExp(`GET /healthz .*upstream=${new URL(gateway).host} `));
      }
      const big = await fetch(`${running.url}/api/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'x'.repeat(gatewayDefaults.bodyLimitBytes) }),
      });
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ error: { code: 'body-too-large' } });
    }
    for (const gateway of running.urls.gateway) expect(await healthz(gateway)).toBe(200);

    const created = await fetch(`${running.url}/api/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'what is 15% of 80' }),
    });
    expect(created.status).toBe(201);
    const { task } = (await created.json()) as { task: { id: string } };
    const events = await (await fetch(`${running.url}/api/tasks/${task.id}/events`)).text();
    expect(events).toContain('15% of 80 = 12');
    expect(events).toMatch(/"state":"completed"[^\n]*"final":true/);
    // Each gateway asks its own orchestrator: both know the task, from the Redis they share.
    for (const gateway of running.urls.gateway) {
      const replay = await (await fetch(`${gateway}/api/tasks/${task.id}/events`)).text();
      expect(replay.replaceAll(/^:.*\n/gm, ''), gateway).toBe(events.replaceAll(/^:.*\n/gm, ''));
    }

    // The image's healthcheck script, against a live gateway and then a stopped one.
    const gatewayPort = new URL(running.urls.gateway[1]!).port;
    const healthcheck = (probe: string) =>
      promisify(execFile)(process.execPath, [infra('docker', 'healthcheck.mjs'), probe], {
        cwd: path.join(root, 'services', 'gateway'),
        env: { ...process.env, PORT: gatewayPort },
      }).then(
        () => 0,
        (error: { code?: number }) => error.code ?? -1,
      );
    expect(await healthcheck('/readyz')).toBe(0);
    expect(await running.stopReplica('gateway-2')).toMatchObject({ code: 0 });
    expect(await healthcheck('/healthz')).toBe(1);

    await running.stop();
    const ports = [...running.replicas.map((replica) => replica.port), Number(new URL(running.redisUrl).port)];
    if (running.nginxUrl) ports.push(Number(new URL(running.nginxUrl).port));
    for (const port of ports) expect(await isPortFree(port, '127.0.0.1'), `port ${port}`).toBe(true);
  }, 120_000);
});
