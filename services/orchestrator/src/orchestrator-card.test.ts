import { describe, expect, it } from 'vitest';
import { AgentCardSchema } from '@a2a-mesh/protocol';
import type { AgentSkill } from '@a2a-mesh/protocol';
import { createOrchestratorCard } from './orchestrator-card.ts';
import type { KnownAgent } from './plan.ts';

function agent(key: string, name: string, skills: AgentSkill[], healthy = true): KnownAgent {
  return {
    key,
    url: `http://127.0.0.1:1/${key}`,
    healthy,
    card: {
      name,
      description: `${name}.`,
      url: `http://127.0.0.1:1/${key}/a2a`,
      protocolVersion: '0.3.0',
      version: '1.0.0',
      capabilities: {},
      defaultInputModes: ['text/plain'],
      defaultOutputModes: ['text/plain'],
      skills,
    },
  };
}

const sky = agent('sky', 'Sky desk', [
  { id: 'forecast', name: 'Forecast', description: 'The weather.', tags: ['weather'], examples: ['rain in Oslo?'] },
]);
const polyglot = agent('polyglot', 'Polyglot', [
  {
    id: 'translate',
    name: 'Translate',
    description: 'Translates text.',
    tags: ['translate', 'language'],
    examples: ['translate to French: <text>', 'say hello in Spanish'],
    inputModes: ['text/plain'],
  },
]);
const broken = agent('broken', 'Broken', [{ id: 'x', name: 'X', description: 'X.', tags: ['x'] }], false);

describe('createOrchestratorCard', () => {
  it('describes what the mesh can do: a route skill, then each healthy specialist skill', () => {
    const card = createOrchestratorCard([sky, polyglot, broken]);
    expect(card.capabilities.streaming).toBe(true);
    expect(card.description).toContain('Specialists available now: Sky desk, Polyglot (2 of 3)');
    expect(card.skills.map((skill) => skill.id)).toEqual(['route', 'sky/forecast', 'polyglot/translate']);
    expect(card.skills[0]).toMatchObject({
      name: 'Ask anything',
      description: expect.stringMatching(/^Ask anything: the mesh picks the specialists/),
      examples: ['rain in Oslo?', 'say hello in Spanish', 'rain in Oslo and say hello in Spanish'],
    });
    expect(card.skills[2]).toEqual({
      id: 'polyglot/translate',
      name: 'Translate',
      description: 'Routed to Polyglot: Translates text.',
      tags: ['translate', 'language'],
      examples: ['translate to French: <text>', 'say hello in Spanish'],
      inputModes: ['text/plain'],
    });
  });

  it('is a valid agent card once served, and pure', () => {
    const card = createOrchestratorCard([sky, polyglot]);
    expect(createOrchestratorCard([sky, polyglot])).toEqual(card);
    const served = AgentCardSchema.safeParse({ ...card, url: 'http://127.0.0.1:1/a2a', protocolVersion: '0.3.0' });
    expect(served.success).toBe(true);
  });

  it('still has the route skill when no specialist is up', () => {
    const card = createOrchestratorCard([broken]);
    expect(card.skills.map((skill) => skill.id)).toEqual(['route']);
    expect(card.description).toContain('Specialists available now: none (0 of 1)');
  });
});
