import { describe, expect, it } from 'vitest';
import { resolveGatewayOptions } from './gateway-options.ts';

describe('resolveGatewayOptions', () => {
  it('refuses to run without API keys in production, unless authentication is switched off on purpose', () => {
    expect(() => resolveGatewayOptions({ nodeEnv: 'production' })).toThrow(
      /refuses to start without API keys in production.*GATEWAY_API_KEYS.*GATEWAY_AUTH=off/,
    );
    expect(() => resolveGatewayOptions({ nodeEnv: 'production', apiKeys: [''] })).toThrow(/GATEWAY_API_KEYS/);
    expect(resolveGatewayOptions({ nodeEnv: 'production', apiKeys: ['k'] }).apiKeys).toEqual(['k']);
    expect(resolveGatewayOptions({ nodeEnv: 'production', auth: 'off' }).apiKeys).toEqual([]);
    expect(resolveGatewayOptions({ nodeEnv: 'development' }).apiKeys).toEqual([]);
  });

  it('fills in the defaults', () => {
    const resolved = resolveGatewayOptions({ nodeEnv: 'test' });
    expect(resolved).toMatchObject({
      orchestratorUrl: 'http://127.0.0.1:9100',
      corsOrigins: [],
      bodyLimitBytes: 65_536,
      maxStreamsPerClient: 6,
      rateLimit: { limit: 60, windowMs: 60_000 },
      sse: { heartbeatMs: 15_000, retryMs: 2_000, slowReaderTimeoutMs: 30_000 },
    });
    expect(resolved.publicDir).toMatch(/services[/\\]gateway[/\\]public$/);
  });

  it('rejects limits that are not positive integers', () => {
    expect(() => resolveGatewayOptions({ maxStreamsPerClient: 0 })).toThrow(
      'maxStreamsPerClient must be a positive integer, got 0',
    );
    expect(() => resolveGatewayOptions({ rateLimit: { limit: 1.5 } })).toThrow(/rateLimit\.limit/);
  });
});
