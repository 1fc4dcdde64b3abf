import { pino } from 'pino';
import { stopOnSignals } from '@a2a-mesh/server';
import { createGateway } from './create-gateway.ts';
import type { Gateway } from './create-gateway.ts';
import { readGatewayEnv } from './read-gateway-env.ts';
import type { GatewayEnvironment } from './read-gateway-env.ts';

const logger = pino({ name: 'gateway', level: process.env.LOG_LEVEL ?? 'info' });

/** The configuration, or a one-line reason on stderr and exit 1: a typo must not start a gateway. */
function configure(): { environment: GatewayEnvironment; gateway: Gateway } {
  try {
    const environment = readGatewayEnv(process.env);
    return { environment, gateway: createGateway({ ...environment.options, logger }) };
  } catch (error) {
    console.error(`gateway: ${(error as Error).message}`);
    process.exit(1);
  }
}

const { environment, gateway } = configure();
try {
  const url = await gateway.listen(environment.port, environment.host);
  const { auth, apiKeys } = environment.options;
  const keys = auth !== 'off' && (apiKeys?.length ?? 0) > 0 ? 'on' : 'off';
  console.log(`\nGateway ready (API keys ${keys}).\n  UI: ${url}/\n  API: ${url}/api/openapi.json\n`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${environment.port} is in use: set PORT to a free port.`
      : `gateway: ${String(error)}`,
  );
  process.exit(1);
}
// Closing ends open SSE responses, so browsers reconnect (with Last-Event-ID) to the next gateway.
stopOnSignals([gateway], logger);
