import { h } from './dom.js';

/**
 * How each task state reads. The colour is never the only signal: every badge carries a symbol and
 * the state's name in words. `planned` and `skipped` are not A2A states: a planned step whose agent
 * has not reported yet, and one the orchestrator will not run (a step it needed did not complete).
 */
const STATES = {
  planned: { label: 'planned', symbol: '○' },
  submitted: { label: 'submitted', symbol: '◔' },
  working: { label: 'working', symbol: '◐' },
  'input-required': { label: 'input required', symbol: '?' },
  'auth-required': { label: 'auth required', symbol: '⚿' },
  completed: { label: 'completed', symbol: '✓' },
  failed: { label: 'failed', symbol: '✕' },
  canceled: { label: 'canceled', symbol: '⊘' },
  rejected: { label: 'rejected', symbol: '✕' },
  skipped: { label: 'skipped', symbol: '↷' },
  unknown: { label: 'unknown', symbol: '·' },
};

/** States after which a task never changes again. */
export const TERMINAL_STATES = new Set(['completed', 'failed', 'canceled', 'rejected']);

/** States in which a task waits for the user; they end the current stream. */
export const INTERRUPTED_STATES = new Set(['input-required', 'auth-required']);

/** A state in words: `input required` for `input-required`. */
export function stateWords(state) {
  return Object.hasOwn(STATES, state) ? STATES[state].label : String(state);
}

/** A state badge: symbol and words, coloured by `data-state`. */
export function stateBadge(state, prefix = '') {
  const known = Object.hasOwn(STATES, state) ? state : 'unknown';
  const { label, symbol } = STATES[known];
  return h(
    'span',
    { class: 'badge', dataset: { state: known } },
    h('span', { class: 'badge-symbol', 'aria-hidden': 'true' }, symbol),
    prefix ? `${prefix} ${label}` : label,
  );
}

/** Replaces the badge inside `holder` when the state changed. */
export function setBadge(holder, state, prefix = '') {
  const current = holder.querySelector('.badge');
  if (current?.dataset.state === state && holder.dataset.prefix === prefix) return;
  holder.dataset.prefix = prefix;
  holder.replaceChildren(stateBadge(state, prefix));
}
