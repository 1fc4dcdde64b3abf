import { apiKey, setApiKey } from './api.js';
import { byId, setText } from './dom.js';

/**
 * The API key form in the page's header. It opens by itself when the gateway answers 401, saying
 * why; once the user gives a key (kept in sessionStorage, for this tab only) the action that was
 * refused runs again.
 */
export class ApiKeyForm {
  #retry;
  #onKey;

  /** @param {() => void} onKey called after every key change (to reload what needs one) */
  constructor(onKey) {
    this.#onKey = onKey;
    byId('key-button').addEventListener('click', () => {
      if (!byId('key-form').hidden) return this.#close();
      setText(byId('key-reason'), apiKey() ? 'An API key is set for this tab.' : 'No API key is set for this tab.');
      this.#open();
    });
    byId('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = byId('key-input');
      setApiKey(input.value.trim());
      input.value = '';
      this.#close();
      const retry = this.#retry;
      this.#retry = undefined;
      retry?.();
      this.#onKey();
    });
    byId('key-forget').addEventListener('click', () => {
      setApiKey('');
      byId('key-input').value = '';
      setText(byId('key-reason'), 'The API key was forgotten.');
    });
  }

  /** Asks for a key, with the gateway's reason; `retry` runs once one is given. */
  ask(reason, retry) {
    if (retry) this.#retry = retry;
    setText(byId('key-reason'), reason || 'The gateway needs an API key.');
    this.#open();
  }

  #open() {
    byId('key-form').hidden = false;
    byId('key-button').setAttribute('aria-expanded', 'true');
    byId('key-input').focus();
  }

  #close() {
    byId('key-form').hidden = true;
    byId('key-button').setAttribute('aria-expanded', 'false');
  }
}
