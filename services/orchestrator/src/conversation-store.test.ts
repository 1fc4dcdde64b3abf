import { describe, expect, it } from 'vitest';
import { ConversationStore } from './conversation-store.ts';

const turn = (n: number) => ({ request: `request ${n}`, answer: `answer ${n}` });

describe('ConversationStore', () => {
  it('keeps the latest turns of each context, oldest first', () => {
    const store = new ConversationStore({ maxTurns: 3 });
    for (let n = 1; n <= 5; n += 1) store.record('a', turn(n));
    store.record('b', turn(9));
    expect(store.history('a')).toEqual([turn(3), turn(4), turn(5)]);
    expect(store.history('b')).toEqual([turn(9)]);
    expect(store.history('never seen')).toEqual([]);
  });

  it('forgets the least recently used context first when there are too many', () => {
    const store = new ConversationStore({ maxContexts: 2 });
    store.record('a', turn(1));
    store.record('b', turn(2));
    store.history('a'); // a is now the most recently used
    store.record('c', turn(3));
    expect(store.size).toBe(2);
    expect(store.history('b')).toEqual([]);
    expect(store.history('a')).toEqual([turn(1)]);
    expect(store.history('c')).toEqual([turn(3)]);
  });

  it('cuts long texts and hands out copies', () => {
    const store = new ConversationStore({ maxTextLength: 5 });
    store.record('a', { request: 'short', answer: 'a long answer' });
    const history = store.history('a');
    expect(history).toEqual([{ request: 'short', answer: 'a lo…' }]);
    history.pop();
    expect(store.history('a')).toHaveLength(1);
  });
});
