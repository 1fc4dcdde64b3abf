import type { GatewayOptions } from './gateway-options.ts';

/** What `main.ts` takes from the environment. */
export interface GatewayEnvironment {
  options: GatewayOptions;
  port: number;
  host: string;
}

/**
 * Reads the gateway's configuration from environment variables (see the README's table). A value
 * that cannot be used is an error naming the variable and what it expected, so a typo stops the
 * process at start instead of quietly running with a default.
 */
export function readGatewayEnv(env: NodeJS.ProcessEnv): GatewayEnvironment {
  const auth = env.GATEWAY_AUTH?.trim().toLowerCase();
  if (auth !== undefined && auth !== '' && auth !== 'on' && auth !== 'off') {
    throw new Error(`GATEWAY_AUTH: expected "on" or "off", received ${JSON.stringify(env.GATEWAY_AUTH)}`);
  }
  const heartbeatMs = integer(env, 'GATEWAY_HEARTBEAT_MS');
  const perMinute = integer(env, 'GATEWAY_RATE_LIMIT');
  const options: GatewayOptions = {
    nodeEnv: env.NODE_ENV,
    apiKeys: list(env.GATEWAY_API_KEYS),
    corsOrigins: list(env.GATEWAY_CORS_ORIGINS),
    ...(env.ORCHESTRATOR_URL ? { orchestratorUrl: url(env, 'ORCHESTRATOR_URL') } : {}),
    ...(auth === 'on' || auth === 'off' ? { auth } : {}),
    ...optional('bodyLimitBytes', integer(env, 'GATEWAY_BODY_LIMIT_BYTES')),
    ...optional('maxStreamsPerClient', integer(env, 'GATEWAY_MAX_STREAMS')),
    ...(perMinute === undefined ? {} : { rateLimit: { limit: perMinute, windowMs: 60_000 } }),
    ...(heartbeatMs === undefined ? {} : { sse: { heartbeatMs } }),
    ...(env.GATEWAY_TRUST_PROXY ? { trustProxy: trustProxy(env.GATEWAY_TRUST_PROXY) } : {}),
  };
  return { options, port: integer(env, 'PORT', { allowZero: true }) ?? 8080, host: env.HOST || '127.0.0.1' };
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function integer(env: NodeJS.ProcessEnv, name: string, options: { allowZero?: boolean } = {}): number | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return undefined;
  const number = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(number) || (number === 0 && !options.allowZero)) {
    const expected = options.allowZero ? 'a non-negative integer' : 'a positive integer';
    throw new Error(`${name}: expected ${expected}, received ${JSON.stringify(env[name])}`);
  }
  return number;
}

function url(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]!.trim();
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new Error(
      `${name}: expected an http(s) URL such as http://127.0.0.1:9100, received ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function optional<TKey extends string>(key: TKey, value: number | undefined): Partial<Record<TKey, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<TKey, number>);
}

/** `true`/`false`, a hop count, or express's own list syntax (`loopback, 10.0.0.0/8`). */
function trustProxy(value: string): boolean | number | string {
  const trimmed = value.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}
