import { describe, expect, it } from 'vitest';
import { readGatewayEnv } from './read-gateway-env.ts';

describe('readGatewayEnv', () => {
  it('defaults to port 8080 on loopback, no keys, same-origin only', () => {
    expect(readGatewayEnv({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      options: { nodeEnv: undefined, apiKeys: [], corsOrigins: [] },
    });
  });

  it('reads every variable, splitting lists on commas', () => {
    const { options, port, host } = readGatewayEnv({
      PORT: '9000',
      HOST: '0.0.0.0',
      NODE_ENV: 'production',
      ORCHESTRATOR_URL: 'http://orchestrator:9100',
      GATEWAY_API_KEYS: ' one, two ,,',
      GATEWAY_CORS_ORIGINS: 'https://a.example,https://b.example',
      GATEWAY_AUTH: 'on',
      GATEWAY_BODY_LIMIT_BYTES: '1024',
      GATEWAY_MAX_STREAMS: '3',
      GATEWAY_RATE_LIMIT: '100',
      GATEWAY_HEARTBEAT_MS: '5000',
      GATEWAY_TRUST_PROXY: '1',
    });
    expect({ port, host }).toEqual({ port: 9000, host: '0.0.0.0' });
    expect(options).toEqual({
      nodeEnv: 'production',
      orchestratorUrl: 'http://orchestrator:9100',
      apiKeys: ['one', 'two'],
      corsOrigins: ['https://a.example', 'https://b.example'],
      auth: 'on',
      bodyLimitBytes: 1024,
      maxStreamsPerClient: 3,
      rateLimit: { limit: 100, windowMs: 60_000 },
      sse: { heartbeatMs: 5000 },
      trustProxy: 1,
    });
  });

  it('names the variable and what it expected when a value cannot be used', () => {
    expect(() => readGatewayEnv({ GATEWAY_MAX_STREAMS: 'six' })).toThrow(
      'GATEWAY_MAX_STREAMS: expected a positive integer, received "six"',
    );
    expect(() => readGatewayEnv({ GATEWAY_RATE_LIMIT: '0' })).toThrow(
      /^GATEWAY_RATE_LIMIT: expected a positive integer/,
    );
    expect(() => readGatewayEnv({ PORT: '-1' })).toThrow(/^PORT: expected a non-negative integer/);
    expect(() => readGatewayEnv({ GATEWAY_AUTH: 'maybe' })).toThrow(/^GATEWAY_AUTH: expected "on" or "off"/);
    expect(() => readGatewayEnv({ ORCHESTRATOR_URL: 'orchestrator:9100' })).toThrow(
      /^ORCHESTRATOR_URL: expected an http/,
    );
  });
});
