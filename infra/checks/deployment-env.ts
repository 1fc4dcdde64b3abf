/** The environment a deployment gives one process of a2a-mesh, by name, with its values. */
export interface DeployedEnv {
  /** Where it is declared, for messages: `compose service writer`, `Deployment gateway`. */
  readonly where: string;
  /** The service it runs (`services/<service>`), from its working directory. */
  readonly service: string;
  readonly env: ReadonlyMap<string, string>;
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const serviceOf = (workingDirectory: unknown): string | undefined =>
  typeof workingDirectory === 'string' ? /^\/app\/services\/([a-z-]+)$/.exec(workingDirectory)?.[1] : undefined;

/** A compose `environment`, as a map or as a list of `NAME=value`. */
function composeEnvironment(environment: unknown): Map<string, string> {
  if (Array.isArray(environment)) {
    return new Map(environment.map((item) => String(item).split(/=(.*)/s) as [string, string]));
  }
  return new Map(
    Object.entries(isNode(environment) ? environment : {}).map(([key, value]) => [key, String(value ?? '')]),
  );
}

/**
 * Every compose service that runs the a2a-mesh image (its `working_dir` names the service), with
 * its environment. `compose` is the parsed file with its YAML merge keys applied.
 */
export function composeEnvs(compose: unknown): DeployedEnv[] {
  const services = isNode(compose) && isNode(compose.services) ? compose.services : {};
  return Object.entries(services).flatMap(([name, service]) => {
    const runs = isNode(service) ? serviceOf(service.working_dir) : undefined;
    if (!runs || !isNode(service)) return [];
    return [{ where: `compose service ${name}`, service: runs, env: composeEnvironment(service.environment) }];
  });
}

/**
 * Every container of a Deployment that runs the a2a-mesh image (its `workingDir` names the
 * service), with its environment: its `env` entries and every key of the ConfigMaps and Secrets
 * its `envFrom` names. `documents` are every parsed manifest.
 */
export function kubernetesEnvs(documents: readonly unknown[]): DeployedEnv[] {
  const nodes = documents.filter(isNode);
  const sources = new Map<string, Node>();
  for (const document of nodes) {
    if (document.kind !== 'ConfigMap' && document.kind !== 'Secret') continue;
    const name = isNode(document.metadata) ? String(document.metadata.name) : '';
    sources.set(`${document.kind}/${name}`, {
      ...(isNode(document.data) ? document.data : {}),
      ...(isNode(document.stringData) ? document.stringData : {}),
    });
  }
  return nodes
    .filter((document) => document.kind === 'Deployment')
    .flatMap((deployment) => {
      const spec =
        isNode(deployment.spec) && isNode(deployment.spec.template) ? deployment.spec.template.spec : undefined;
      const containers = isNode(spec) && Array.isArray(spec.containers) ? spec.containers.filter(isNode) : [];
      const name = isNode(deployment.metadata) ? String(deployment.metadata.name) : '?';
      return containers.flatMap((container) => {
        const runs = serviceOf(container.workingDir);
        if (!runs) return [];
        const env = new Map<string, string>();
        for (const from of Array.isArray(container.envFrom) ? container.envFrom.filter(isNode) : []) {
          const reference = isNode(from.configMapRef)
            ? `ConfigMap/${from.configMapRef.name}`
            : isNode(from.secretRef)
              ? `Secret/${from.secretRef.name}`
              : '';
          const source = sources.get(reference);
          if (!source)
            throw new Error(
              `Deployment ${name}: envFrom ${reference || JSON.stringify(from)} is not among the manifests`,
            );
          for (const [key, value] of Object.entries(source)) env.set(key, String(value ?? ''));
        }
        for (const item of Array.isArray(container.env) ? container.env.filter(isNode) : [])
          env.set(String(item.name), String(item.value ?? ''));
        return [{ where: `Deployment ${name}`, service: runs, env }];
      });
    });
}
