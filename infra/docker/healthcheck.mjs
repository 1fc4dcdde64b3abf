// The container healthcheck: exits 0 when the service in this container answers the path given
// as the first argument (default /healthz, liveness) with 2xx, 1 otherwise. Plain JavaScript
// with no imports, so a probe every few seconds costs one small Node start and no TypeScript.
//
//   node /app/infra/docker/healthcheck.mjs            # liveness
//   node /app/infra/docker/healthcheck.mjs /readyz    # readiness
//
// The port is PORT, else the default of the service the working directory names.
const defaultPorts = { gateway: 8080, orchestrator: 9100, knowledge: 9101, calculator: 9102, writer: 9103 };
const service = process.cwd().split('/').at(-1) ?? '';
const port = process.env.PORT || defaultPorts[service] || 8080;
const path = process.argv[2] ?? '/healthz';

try {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2_500) });
  process.exitCode = response.ok ? 0 : 1;
} catch {
  process.exitCode = 1;
}
