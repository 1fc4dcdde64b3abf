import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { IdentifyOptions } from './api-keys.ts';
import type { GatewayMetrics } from './gateway-metrics.ts';
import type { ResolvedGatewayOptions } from './gateway-options.ts';
import type { OrchestratorLink } from './orchestrator-link.ts';
import type { StreamLimit } from './stream-limit.ts';

/** What the route modules share: built once per gateway by `createGatewayApp`. */
export interface GatewayContext {
  options: ResolvedGatewayOptions;
  link: OrchestratorLink;
  metrics: GatewayMetrics;
  streamLimit: StreamLimit;
  /** Identify the client, apply the rate limit, then require a key when keys are configured. */
  guard(options?: IdentifyOptions): RequestHandler[];
  /** Reads a JSON body within the size limit. */
  jsonBody: RequestHandler;
  /** Open SSE responses, for shutdown to end. */
  streams: Set<ServerResponse>;
  /** True once `close()` began. */
  isStopping(): boolean;
}
