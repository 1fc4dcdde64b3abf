/** One process of the mesh: where its entry point is, its port, and what it needs to know. */
export interface MeshService {
  readonly name: string;
  /** Entry point, relative to the repository root. */
  readonly entry: string;
  /** The variable that overrides its port, and the default. */
  readonly portVariable: string;
  readonly defaultPort: number;
}

/** The mesh, in start order: specialists first, so the orchestrator finds them answering. */
export const meshServices: readonly MeshService[] = [
  { name: 'knowledge', entry: 'services/knowledge/src/main.ts', portVariable: 'KNOWLEDGE_PORT', defaultPort: 9101 },
  { name: 'calculator', entry: 'services/calculator/src/main.ts', portVariable: 'CALCULATOR_PORT', defaultPort: 9102 },
  { name: 'writer', entry: 'services/writer/src/main.ts', portVariable: 'WRITER_PORT', defaultPort: 9103 },
  {
    name: 'orchestrator',
    entry: 'services/orchestrator/src/main.ts',
    portVariable: 'ORCHESTRATOR_PORT',
    defaultPort: 9100,
  },
  { name: 'gateway', entry: 'services/gateway/src/main.ts', portVariable: 'GATEWAY_PORT', defaultPort: 8080 },
];

/** Each service's port: its variable when set (a whole number 1–65535), else its default. */
export function meshPorts(env: NodeJS.ProcessEnv): Map<string, number> {
  const ports = new Map<string, number>();
  for (const service of meshServices) {
    const raw = env[service.portVariable];
    const port = raw === undefined || raw === '' ? service.defaultPort : Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new Error(`${service.portVariable} must be a port number (1–65535), not "${raw}"`);
    }
    ports.set(service.name, port);
  }
  return ports;
}

/** The environment each process starts with: its port, and the URLs of the services it calls. */
export function serviceEnvironment(
  service: MeshService,
  ports: Map<string, number>,
  host: string,
  env: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv {
  const url = (name: string): string => `http://${host}:${ports.get(name)}`;
  return {
    ...env,
    PORT: String(ports.get(service.name)),
    HOST: host,
    SPECIALISTS: env.SPECIALISTS ?? ['knowledge', 'calculator', 'writer'].map(url).join(','),
    ORCHESTRATOR_URL: env.ORCHESTRATOR_URL ?? url('orchestrator'),
  };
}
