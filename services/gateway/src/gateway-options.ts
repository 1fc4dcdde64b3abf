import { fileURLToPath } from 'node:url';
import type { RetryPolicy, Timeouts } from '@a2a-mesh/client';
import type { Logger } from '@a2a-mesh/server';
import { silentLogger } from '@a2a-mesh/server';
import { defaultEventStreamOptions } from './event-stream.ts';
import type { EventStreamOptions } from './event-stream.ts';
import type { GatewayMetrics } from './gateway-metrics.ts';

/** Everything a gateway can be configured with; every field has a default. */
export interface GatewayOptions {
  /** The orchestrator's base URL. Default `http://127.0.0.1:9100`. */
  orchestratorUrl?: string;
  /**
   * Accepted API keys. None means no authentication, which `NODE_ENV=production` refuses unless
   * `auth` is `'off'`.
   */
  apiKeys?: readonly string[];
  /** `'off'` allows running without keys in production, on purpose. */
  auth?: 'on' | 'off';
  /** The `NODE_ENV` the production rule reads. Default `process.env.NODE_ENV`. */
  nodeEnv?: string | undefined;
  /** Origins allowed to call the API from other sites (`*` for all). Default none: same-origin only. */
  corsOrigins?: readonly string[];
  /** Largest request body, in bytes. Default 64 KiB. */
  bodyLimitBytes?: number;
  /** SSE streams one client (API key, or IP address) may hold open at once. Default 6. */
  maxStreamsPerClient?: number;
  /** API requests one client may make per window. Default 60 per minute. */
  rateLimit?: { limit?: number; windowMs?: number };
  /** SSE heartbeat, retry hint and slow-reader limit; see `defaultEventStreamOptions`. */
  sse?: Partial<EventStreamOptions>;
  /** How the A2A client treats the orchestrator: reconnection budget and time limits. */
  upstream?: { retry?: Partial<RetryPolicy>; timeouts?: Timeouts };
  /** The web UI's folder, served at `/`. Default the service's `public/`. */
  publicDir?: string;
  /** Express `trust proxy`: set it behind a reverse proxy so client addresses are the real ones. */
  trustProxy?: boolean | number | string;
  /** How long `close()` lets ordinary requests finish before cutting them. Default 5 s. */
  shutdownGraceMs?: number;
  /** A pino-shaped logger. Default silent. */
  logger?: Logger;
  /** Prometheus metrics at `GET /metrics`. Default a registry of the gateway's own. */
  metrics?: GatewayMetrics;
}

/** {@link GatewayOptions} with every default filled in. */
export interface ResolvedGatewayOptions {
  orchestratorUrl: string;
  apiKeys: readonly string[];
  corsOrigins: readonly string[];
  bodyLimitBytes: number;
  maxStreamsPerClient: number;
  rateLimit: { limit: number; windowMs: number };
  sse: EventStreamOptions;
  upstream: { retry?: Partial<RetryPolicy> | undefined; timeouts?: Timeouts | undefined };
  publicDir: string;
  trustProxy: boolean | number | string;
  shutdownGraceMs: number;
  logger: Logger;
}

/** The gateway's defaults. */
export const gatewayDefaults = {
  orchestratorUrl: 'http://127.0.0.1:9100',
  bodyLimitBytes: 64 * 1024,
  maxStreamsPerClient: 6,
  rateLimit: { limit: 60, windowMs: 60_000 },
  shutdownGraceMs: 5_000,
} as const;

/**
 * Fills in defaults and refuses an unsafe configuration: in production (`NODE_ENV=production`)
 * an API without keys is refused, unless authentication is switched off explicitly.
 */
export function resolveGatewayOptions(options: GatewayOptions): ResolvedGatewayOptions {
  const apiKeys = (options.apiKeys ?? []).filter((key) => key !== '');
  const nodeEnv = 'nodeEnv' in options ? options.nodeEnv : process.env.NODE_ENV;
  if (apiKeys.length === 0 && nodeEnv === 'production' && options.auth !== 'off') {
    throw new Error(
      'The gateway refuses to start without API keys in production (NODE_ENV=production): set ' +
        'GATEWAY_API_KEYS to one or more comma-separated keys, or GATEWAY_AUTH=off to run without authentication.',
    );
  }
  for (const [name, value] of Object.entries({
    bodyLimitBytes: options.bodyLimitBytes,
    maxStreamsPerClient: options.maxStreamsPerClient,
    'rateLimit.limit': options.rateLimit?.limit,
    'rateLimit.windowMs': options.rateLimit?.windowMs,
  })) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
      throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return {
    orchestratorUrl: options.orchestratorUrl ?? gatewayDefaults.orchestratorUrl,
    apiKeys: options.auth === 'off' ? [] : apiKeys,
    corsOrigins: options.corsOrigins ?? [],
    bodyLimitBytes: options.bodyLimitBytes ?? gatewayDefaults.bodyLimitBytes,
    maxStreamsPerClient: options.maxStreamsPerClient ?? gatewayDefaults.maxStreamsPerClient,
    rateLimit: {
      limit: options.rateLimit?.limit ?? gatewayDefaults.rateLimit.limit,
      windowMs: options.rateLimit?.windowMs ?? gatewayDefaults.rateLimit.windowMs,
    },
    sse: {
      heartbeatMs: options.sse?.heartbeatMs ?? defaultEventStreamOptions.heartbeatMs,
      retryMs: options.sse?.retryMs ?? defaultEventStreamOptions.retryMs,
      slowReaderTimeoutMs: options.sse?.slowReaderTimeoutMs ?? defaultEventStreamOptions.slowReaderTimeoutMs,
    },
    upstream: options.upstream ?? {},
    publicDir: options.publicDir ?? fileURLToPath(new URL('../public', import.meta.url)),
    trustProxy: options.trustProxy ?? false,
    shutdownGraceMs: options.shutdownGraceMs ?? gatewayDefaults.shutdownGraceMs,
    logger: options.logger ?? silentLogger,
  };
}
