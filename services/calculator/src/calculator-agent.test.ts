import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import type { Message, Part, StreamEvent, TaskArtifactUpdateEvent, TaskStatusUpdateEvent } from '@a2a-mesh/protocol';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentServer } from '@a2a-mesh/server';
import type { Calculation } from './calculation.ts';
import { calculatorCard } from './calculator-card.ts';
import { createCalculatorExecutor } from './calculator-executor.ts';

let server: AgentServer;
let client: A2AClient;
beforeAll(async () => {
  server = createAgentServer({ card: calculatorCard, executor: createCalculatorExecutor() });
  client = await A2AClient.fromCardUrl(await server.listen(0, '127.0.0.1'));
});
afterAll(async () => {
  await client.close();
  await server.close();
});

/** Sends `text` (on `taskId` when given) and reads the stream to its final event. */
async function ask(text: string, taskId?: string): Promise<StreamEvent[]> {
  const message: Message = { kind: 'message', messageId: randomUUID(), role: 'user', parts: [{ kind: 'text', text }] };
  const events: StreamEvent[] = [];
  for await (const { event } of client.streamMessage({ message: taskId ? { ...message, taskId } : message })) {
    events.push(event);
  }
  return events;
}

const statuses = (events: StreamEvent[]) =>
  events.filter((event): event is TaskStatusUpdateEvent => event.kind === 'status-update');
const artifacts = (events: StreamEvent[]) =>
  events.filter((event): event is TaskArtifactUpdateEvent => event.kind === 'artifact-update');
const textOf = (parts: Part[] | undefined) =>
  (parts ?? []).flatMap((part) => (part.kind === 'text' ? [part.text] : [])).join('\n');
const dataOf = (parts: Part[] | undefined) => (parts ?? []).find((part) => part.kind === 'data')?.data;
const progress = (events: StreamEvent[]) =>
  statuses(events).flatMap((event) => {
    const data = dataOf(event.status.message?.parts);
    return data?.['step'] ? [{ text: textOf(event.status.message?.parts), data }] : [];
  });
const final = (events: StreamEvent[]) => statuses(events).at(-1);
const answer = (events: StreamEvent[]) => {
  const [artifact] = artifacts(events);
  return { text: textOf(artifact?.artifact.parts), data: dataOf(artifact?.artifact.parts) as Calculation | undefined };
};

describe('the calculator agent', () => {
  it('serves a card with one skill per kind of request, each with tags and example prompts', () => {
    // The client fetched and validated it from /.well-known/agent-card.json.
    const card = client.card;
    if (!card) throw new Error('the client was made without a card');
    expect(card.name).toBe('Calculator');
    expect(card.capabilities.streaming).toBe(true);
    expect(card.skills.map((skill) => skill.id)).toEqual([
      'arithmetic',
      'percentages',
      'statistics',
      'unit-conversion',
    ]);
    for (const skill of card.skills) {
      expect(skill.tags).toContain('math');
      expect(skill.examples?.length).toBeGreaterThan(0);
    }
    expect(card.skills.flatMap((skill) => skill.tags)).toEqual(
      expect.arrayContaining(['calculate', 'arithmetic', 'percent', 'statistics', 'mean', 'convert', 'units']),
    );
  });

  // Every result exact unless marked ≈ (rounded to 15 significant digits).
  const table: Array<[request: string, text: string, skill: Calculation['skill'], result: string, unit?: string]> = [
    ['0.1 + 0.2', '0.1 + 0.2 = 0.3', 'arithmetic', '0.3'],
    ['what is (2 + 3) * 4^2?', '(2 + 3) * 4^2 = 80', 'arithmetic', '80'],
    ['calculate 2^100', '2^100 = 1267650600228229401496703205376', 'arithmetic', '1267650600228229401496703205376'],
    [
      '99999999999999999999 + 1',
      '99999999999999999999 + 1 = 100000000000000000000',
      'arithmetic',
      '100000000000000000000',
    ],
    ['compute factorial(25)', 'factorial(25) = 15511210043330985984000000', 'arithmetic', '15511210043330985984000000'],
    ['1 - 0.9', '1 - 0.9 = 0.1', 'arithmetic', '0.1'],
    ['1/3', '1/3 ≈ 0.333333333333333', 'arithmetic', '0.333333333333333'],
    ['3 × 4 − 2', '3 × 4 − 2 = 10', 'arithmetic', '10'],
    ['15% of 80', '15% of 80 = 12', 'percentages', '12'],
    ['what is 20 percent of 250', '20 percent of 250 = 50', 'percentages', '50'],
    ['increase 120 by 15%', 'increase 120 by 15% = 138', 'percentages', '138'],
    ['decrease 200 by 25 percent', 'decrease 200 by 25 percent = 150', 'percentages', '150'],
    ['30 is what percent of 120', '30 is what percent of 120 = 25%', 'percentages', '25', '%'],
    ['100 + 10%', '100 + 10% = 110', 'percentages', '110'],
    ['mean of 3, 5, 8, 13', 'mean of 3, 5, 8, 13 = 7.25', 'statistics', '7.25'],
    ['median of 3, 5, 8 and 13', 'median of 3, 5, 8 and 13 = 6.5', 'statistics', '6.5'],
    ['mode of 1, 2, 2, 3, 3', 'mode of 1, 2, 2, 3, 3 = 2, 3', 'statistics', '2, 3'],
    [
      'population standard deviation of 2, 4, 4, 4, 5, 5, 7, 9',
      'population standard deviation of 2, 4, 4, 4, 5, 5, 7, 9 = 2',
      'statistics',
      '2',
    ],
    ['variance of 1, 2, 3, 4', 'variance of 1, 2, 3, 4 ≈ 1.66666666666667', 'statistics', '1.66666666666667'],
    ['sum of 1.1, 2.2, 3.3', 'sum of 1.1, 2.2, 3.3 = 6.6', 'statistics', '6.6'],
    ['2.5 hours in minutes', '2.5 hours in minutes = 150 minutes', 'unit-conversion', '150', 'minutes'],
    ['convert 5 inches to cm', '5 inches to cm = 12.7 cm', 'unit-conversion', '12.7', 'cm'],
    ['5 km to miles', '5 km to miles ≈ 3.10685596118667 miles', 'unit-conversion', '3.10685596118667', 'miles'],
    [
      '100 fahrenheit in celsius',
      '100 fahrenheit in celsius ≈ 37.7777777777778 celsius',
      'unit-conversion',
      '37.7777777777778',
      'celsius',
    ],
    ['60 mph to km/h', '60 mph to km/h = 96.56064 km / h', 'unit-conversion', '96.56064', 'km / h'],
  ];

  it.each(table)('answers %j with %j', async (request, text, skill, result, unit) => {
    const events = await ask(request);

    expect(final(events)).toMatchObject({ status: { state: 'completed' }, final: true });
    const { text: answerText, data } = answer(events);
    expect(answerText).toBe(text);
    expect(data).toMatchObject({ skill, result, exact: !text.includes('≈') });
    expect(data?.unit).toBe(unit);
  });

  it('streams the parse, then each sub-result in evaluation order, then the answer', async () => {
    const events = await ask('(2 + 3) * 4^2');

    expect(progress(events)).toEqual([
      { text: 'Parsed (2 + 3) * 4^2', data: { step: 'parse', expression: '(2 + 3) * 4^2', skill: 'arithmetic' } },
      {
        text: '2 + 3 = 5',
        data: { step: 'evaluate', subexpression: '2 + 3', operation: '2 + 3', value: '5', exact: true },
      },
      {
        text: '4 ^ 2 = 16',
        data: { step: 'evaluate', subexpression: '4 ^ 2', operation: '4 ^ 2', value: '16', exact: true },
      },
      {
        text: '5 * 16 = 80',
        data: { step: 'evaluate', subexpression: '(2 + 3) * 4 ^ 2', operation: '5 * 16', value: '80', exact: true },
      },
    ]);
    // Progress comes first, while the task works; the answer after it, then `completed`.
    expect(events.map((event) => event.kind).slice(-2)).toEqual(['artifact-update', 'status-update']);
    expect(
      statuses(events)
        .slice(0, -1)
        .every((event) => event.status.state === 'working'),
    ).toBe(true);
    expect(answer(events)).toEqual({
      text: '(2 + 3) * 4^2 = 80',
      data: {
        input: '(2 + 3) * 4^2',
        expression: '(2 + 3) * 4^2',
        skill: 'arithmetic',
        result: '80',
        exact: true,
        steps: progress(events)
          .slice(1)
          .map(({ data: { step: _step, ...step } }) => step),
      },
    });
  });

  it('asks for a corrected expression, pointing at the problem, and continues the same task with it', async () => {
    const events = await ask('what is 2 + * 3?');

    const question = final(events);
    expect(question).toMatchObject({ status: { state: 'input-required' }, final: true });
    expect(textOf(question?.status.message?.parts)).toBe(
      [
        'I could not read "2 + * 3": expected a number, a name or "(" at character 13, but found "*".',
        'what is 2 + * 3?',
        '            ^',
        'Send the corrected expression.',
      ].join('\n'),
    );
    expect(dataOf(question?.status.message?.parts)).toMatchObject({
      interrupts: [
        {
          value: {
            problem: {
              position: 13,
              expected: 'a number, a name or "("',
              found: '"*"',
              caret: 'what is 2 + * 3?\n            ^',
            },
          },
        },
      ],
    });

    const taskId = question?.taskId ?? '';
    const retry = await ask('2 + 4 * 3', taskId);
    expect(final(retry)).toMatchObject({ taskId, status: { state: 'completed' } });
    expect(answer(retry).text).toBe('2 + 4 * 3 = 14');
  });

  it('asks again when the correction is wrong too', async () => {
    const first = await ask('5 blargs to miles');
    const taskId = final(first)?.taskId ?? '';
    expect(textOf(final(first)?.status.message?.parts)).toContain('"blargs" is not a unit or a constant I know.');

    const second = await ask('5 kilometerz to miles', taskId);
    expect(final(second)).toMatchObject({ status: { state: 'input-required' } });
    expect(textOf(final(second)?.status.message?.parts)).toContain('Did you mean');

    const third = await ask('5 km to miles', taskId);
    expect(final(third)).toMatchObject({ taskId, status: { state: 'completed' } });
    expect(answer(third).data).toMatchObject({ result: '3.10685596118667', unit: 'miles' });
  });

  it('fails a division by zero, saying which divisor is zero', async () => {
    const events = await ask('10 / (5 - 5)');

    expect(final(events)).toMatchObject({ status: { state: 'failed' }, final: true });
    expect(textOf(final(events)?.status.message?.parts)).toBe(
      'Division by zero: "10 / (5 - 5)" divides by "5 - 5", which is 0. A number cannot be divided by zero.',
    );
    expect(artifacts(events)).toEqual([]);
  });

  it('fails a conversion between units that measure different things', async () => {
    const events = await ask('5 km to kg');

    expect(final(events)).toMatchObject({ status: { state: 'failed' } });
    expect(textOf(final(events)?.status.message?.parts)).toBe(
      'Cannot convert "5 km to kg": a length (km) cannot be converted to a mass (kg).',
    );
  });
});
