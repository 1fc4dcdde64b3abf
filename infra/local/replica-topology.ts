import { meshServices } from '../../services/mesh/src/index.ts';

/** The services of the mesh, as `services/mesh` names them. */
export type ServiceName = 'gateway' | 'orchestrator' | 'knowledge' | 'calculator' | 'writer';

/** How many processes of each service run. */
export type ReplicaCounts = Readonly<Record<ServiceName, number>>;

/**
 * The topology of infra/compose and infra/k8s: two gateways (behind nginx), two orchestrators,
 * the three specialists with the writer twice.
 */
export const defaultReplicaCounts: ReplicaCounts = {
  knowledge: 1,
  calculator: 1,
  writer: 2,
  orchestrator: 2,
  gateway: 2,
};

/** Start order, as stop tiers: specialists, then orchestrators, then gateways (Redis is 0, nginx 9). */
const tiers: Readonly<Record<ServiceName, number>> = {
  knowledge: 1,
  calculator: 1,
  writer: 1,
  orchestrator: 2,
  gateway: 3,
};
const specialists = ['knowledge', 'calculator', 'writer'] as const;

/** One process of the topology. */
export interface Replica {
  /** `gateway-1`, `writer-2`, …: one-based, also when a service runs once. */
  readonly name: string;
  readonly service: ServiceName;
  /** Entry point, relative to the repository root. */
  readonly entry: string;
  readonly tier: number;
  readonly port: number;
  /** Its base URL, `http://host:port`. */
  readonly url: string;
  /** What it is told: its address, the Redis store, and the URLs of the services it calls. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Every replica of `counts`, each on the next of `ports`, wired together.
 *
 * The card a service serves names the address it listens on, and A2A clients call the card's
 * `url`; so a replica is reached at its own port, not through a shared address. Replicas are
 * paired instead of balanced: orchestrator i is given replica i (modulo their count) of each
 * specialist, and gateway i orchestrator i. Any replica still serves any task, because the task
 * logs live in the shared Redis (`REDIS_URL`, given to every service that keeps tasks; the
 * gateway keeps none), and nginx balances the browsers over the gateways.
 */
export function replicaTopology(options: {
  counts: ReplicaCounts;
  ports: readonly number[];
  host: string;
  redisUrl: string;
  /** Whether nginx is in front of the gateways (then they trust its X-Forwarded-For). */
  behindProxy: boolean;
}): Replica[] {
  const { counts, host } = options;
  const ports = [...options.ports];
  const urls = new Map<ServiceName, string[]>();
  const replicas: Replica[] = [];
  for (const service of [...specialists, 'orchestrator', 'gateway'] as const) {
    const count = counts[service];
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`${service}: expected 1 or more replicas, got ${count}`);
    const entry = meshServices.find((candidate) => candidate.name === service)!.entry;
    for (let index = 0; index < count; index += 1) {
      const port = ports.shift();
      if (port === undefined) throw new RangeError(`not enough ports for ${service}-${index + 1}`);
      const url = `http://${host}:${port}`;
      urls.set(service, [...(urls.get(service) ?? []), url]);
      const pick = (name: ServiceName): string => {
        const candidates = urls.get(name)!;
        return candidates[index % candidates.length]!;
      };
      const env: Record<string, string> = { PORT: String(port), HOST: host };
      if (service !== 'gateway') env.REDIS_URL = options.redisUrl;
      if (service === 'orchestrator') env.SPECIALISTS = specialists.map(pick).join(',');
      if (service === 'gateway') {
        env.ORCHESTRATOR_URL = pick('orchestrator');
        if (options.behindProxy) env.GATEWAY_TRUST_PROXY = 'loopback';
      }
      replicas.push({ name: `${service}-${index + 1}`, service, entry, tier: tiers[service], port, url, env });
    }
  }
  return replicas;
}

/** The total number of processes of `counts`. */
export function replicaTotal(counts: ReplicaCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}
