import { describe, expect, it } from 'vitest';
import type { AgentCardDocument } from '@a2a-mesh/protocol';
import { selectInterface } from './select-interface.ts';
import { agentCard } from './testing/test-agent.ts';

function documentWith(interfaces: AgentCardDocument['interfaces']): AgentCardDocument {
  return { card: agentCard('http://card.test/a2a'), interfaces };
}

describe('selectInterface', () => {
  const both = documentWith([
    { url: 'http://grpc.test', protocolBinding: 'GRPC', protocolVersion: '1.0' },
    { url: 'http://v1.test/a2a', protocolBinding: 'jsonrpc', protocolVersion: '1.0' },
    { url: 'http://v03.test/a2a', protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
  ]);

  it('takes the first JSON-RPC interface in a version we speak: the card’s preference', () => {
    expect(selectInterface(both)).toEqual({ url: 'http://v1.test/a2a', protocolVersion: '1.0' });
    const legacyFirst = documentWith([...both.interfaces].reverse());
    expect(selectInterface(legacyFirst)).toEqual({ url: 'http://v03.test/a2a', protocolVersion: '0.3' });
  });

  it('takes the interface of the version asked for', () => {
    expect(selectInterface(both, '0.3')).toEqual({ url: 'http://v03.test/a2a', protocolVersion: '0.3' });
  });

  it('skips versions we do not speak, and falls back to the card url', () => {
    const future = documentWith([{ url: 'http://v2.test/a2a', protocolBinding: 'JSONRPC', protocolVersion: '2.0' }]);
    expect(selectInterface(future)).toEqual({ url: 'http://card.test/a2a', protocolVersion: '0.3' });
    expect(selectInterface(future, '1.0')).toEqual({ url: 'http://card.test/a2a', protocolVersion: '1.0' });
  });
});
