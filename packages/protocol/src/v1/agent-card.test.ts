import { describe, expect, it } from 'vitest';
import { AgentCardSchema } from '../agent-card.ts';
import type { AgentCard } from '../agent-card.ts';
import {
  apiKeyScheme,
  fullAgentCard as fullAgentCardSample,
  httpBearerScheme,
  minimalAgentCard,
  mutualTlsScheme,
  oauth2Scheme,
  openIdConnectScheme,
} from '../fixtures/samples.ts';
import { V1AgentCardSchema, fromV1AgentCard, interfacesOf, majorMinor, toV1AgentCard } from './agent-card.ts';
import { readAgentCard } from './read-agent-card.ts';
import { V1SecuritySchemeSchema, fromV1SecurityScheme, toV1SecurityScheme } from './security.ts';

const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));
const fullAgentCard = fullAgentCardSample as unknown as AgentCard;

describe('agent cards, 0.3 → 1.0', () => {
  const written = toV1AgentCard(fullAgentCard);

  it('announce the card’s endpoints in supportedInterfaces, with Major.Minor versions', () => {
    expect(written.supportedInterfaces).toEqual([
      { url: fullAgentCard.url, protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
      { url: 'https://agents.example.com/travel/a2a/v1', protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
      { url: 'https://grpc.agents.example.com/travel', protocolBinding: 'GRPC', protocolVersion: '0.3' },
      { url: 'https://agents.example.com/travel/rest/v1', protocolBinding: 'HTTP+JSON', protocolVersion: '0.3' },
    ]);
    for (const field of ['url', 'protocolVersion', 'preferredTransport', 'additionalInterfaces', 'security']) {
      expect(written, field).not.toHaveProperty(field);
    }
  });

  it('move the extended-card flag into capabilities and security into securityRequirements', () => {
    expect(written.capabilities).toEqual({
      streaming: true,
      pushNotifications: true,
      extendedAgentCard: true,
      extensions: [
        {
          uri: 'https://a2a-mesh.dev/extensions/resumable-stream/v1',
          description: 'Streams resume from Last-Event-ID without gaps or duplicates',
          required: false,
          params: { retainEvents: 10_000 },
        },
        { uri: 'https://developers.google.com/identity/protocols/oauth2', required: false },
      ],
    });
    expect(written.securityRequirements).toEqual([
      { schemes: { oauth: { list: ['trips:read'] } } },
      { schemes: { 'api-key': { list: [] }, mtls: { list: [] } } },
    ]);
    expect(written.skills[0]?.securityRequirements).toEqual([{ schemes: { oauth: { list: ['trips:read'] } } }]);
    expect(V1AgentCardSchema.parse(wire(written))).toEqual(written);
  });

  it('take the interfaces a server announces', () => {
    const interfaces = [
      { url: 'http://a.test/a2a', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
      { url: 'http://a.test/a2a', protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
    ];
    expect(toV1AgentCard(minimalAgentCard, interfaces).supportedInterfaces).toEqual(interfaces);
  });
});

describe('agent cards, both ways', () => {
  it('come back with every 0.3 field but what 1.0 dropped or narrowed', () => {
    const back = fromV1AgentCard(V1AgentCardSchema.parse(wire(toV1AgentCard(fullAgentCard))));
    const { stateTransitionHistory: _dropped, ...capabilities } = fullAgentCard.capabilities;
    const expected = {
      ...fullAgentCard,
      // 1.0 versions are Major.Minor; it has no stateTransitionHistory; an OAuth scheme holds one flow.
      protocolVersion: '0.3',
      capabilities,
      securitySchemes: {
        ...fullAgentCard.securitySchemes,
        oauth: { ...oauth2Scheme, flows: { authorizationCode: oauth2Scheme.flows.authorizationCode } },
      },
    };
    expect(back).toEqual(expected);
    expect(AgentCardSchema.parse(back)).toEqual(expected);
  });

  it('keep a minimal card', () => {
    const back = fromV1AgentCard(V1AgentCardSchema.parse(wire(toV1AgentCard(minimalAgentCard))));
    expect(back).toEqual({ ...minimalAgentCard, protocolVersion: '0.3', preferredTransport: 'JSONRPC' });
  });
});

describe('security schemes', () => {
  it.each([
    [
      apiKeyScheme,
      { apiKeySecurityScheme: { description: apiKeyScheme.description, location: 'header', name: 'X-API-Key' } },
    ],
    [httpBearerScheme, { httpAuthSecurityScheme: { scheme: 'bearer', bearerFormat: 'JWT' } }],
    [openIdConnectScheme, { openIdConnectSecurityScheme: { openIdConnectUrl: openIdConnectScheme.openIdConnectUrl } }],
    [mutualTlsScheme, { mtlsSecurityScheme: { description: 'Mesh-internal mTLS' } }],
  ] as const)('$type is its oneof member, and comes back unchanged', (scheme, v1) => {
    expect(toV1SecurityScheme(scheme)).toEqual(v1);
    expect(fromV1SecurityScheme(V1SecuritySchemeSchema.parse(wire(v1)))).toEqual(scheme);
  });

  it('reads a 1.0 device-code flow, which 0.3 cannot say, as no flow', () => {
    const scheme = V1SecuritySchemeSchema.parse({
      oauth2SecurityScheme: {
        flows: { deviceCode: { deviceAuthorizationUrl: 'https://a.test/device', tokenUrl: 'https://a.test/token' } },
      },
    });
    expect(fromV1SecurityScheme(scheme)).toEqual({ type: 'oauth2', flows: {} });
  });
});

describe('readAgentCard', () => {
  const v1Card = wire(
    toV1AgentCard(minimalAgentCard, [
      { url: 'http://b.test/rpc', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
      { url: 'http://b.test/legacy', protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
    ]),
  );

  it('reads a 0.3 card, and derives its interfaces', () => {
    const read = readAgentCard(wire(fullAgentCard));
    expect(read.success && read.document.card).toEqual(fullAgentCard);
    expect(read.success && read.document.interfaces).toEqual(interfacesOf(fullAgentCard));
  });

  it('reads a 0.3 card that also announces supportedInterfaces (ours, a2a-js legacy cards)', () => {
    const interfaces = [{ url: 'http://a.test/a2a', protocolBinding: 'JSONRPC', protocolVersion: '1.0' }];
    const read = readAgentCard({ ...(wire(minimalAgentCard) as object), supportedInterfaces: interfaces });
    expect(read.success && read.document).toEqual({ card: minimalAgentCard, interfaces });
  });

  it('reads a 1.0 card into our model: its first interface is the url', () => {
    const read = readAgentCard(v1Card);
    expect(read.success && read.document.card).toMatchObject({
      url: 'http://b.test/rpc',
      protocolVersion: '1.0',
      preferredTransport: 'JSONRPC',
      additionalInterfaces: [{ url: 'http://b.test/legacy', transport: 'JSONRPC' }],
    } satisfies Partial<AgentCard>);
    expect(read.success && read.document.interfaces.map((entry) => entry.protocolVersion)).toEqual(['1.0', '0.3']);
  });

  it('names the offending field of a broken card', () => {
    const { protocolVersion: _missing, ...noVersion } = minimalAgentCard;
    const read = readAgentCard(noVersion);
    expect(!read.success && read.error).toMatch(/protocolVersion/);
    const noInterfaces = readAgentCard({ ...(v1Card as object), supportedInterfaces: [] });
    expect(!noInterfaces.success && noInterfaces.error).toMatch(/supportedInterfaces/);
  });
});

describe('majorMinor', () => {
  it('cuts a version to Major.Minor', () => {
    expect(majorMinor('0.3.0')).toBe('0.3');
    expect(majorMinor('1.0')).toBe('1.0');
    expect(majorMinor('1')).toBe('1.0');
  });
});
