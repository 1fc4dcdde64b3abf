import { agentNames, renderAgents, renderExamples } from './agents-panel.js';
import { ApiError, cancelTask, createTask, getAgents, getTask, sendMessage } from './api.js';
import { ApiKeyForm } from './api-key-form.js';
import { byId, setText } from './dom.js';
import { textOf } from './event-shape.js';
import { INTERRUPTED_STATES, TERMINAL_STATES } from './states.js';
import { TaskStream } from './stream.js';
import { TaskView } from './task-view.js';

/**
 * A stream the gateway refused or closed early is opened again while its task runs on: first
 * after REOPEN_DELAY_MS, doubling up to MAX_REOPEN_DELAY_MS, at most MAX_REOPENS times in a row
 * (about a minute); any event that gets through starts the count again.
 */
const REOPEN_DELAY_MS = 250;
const MAX_REOPEN_DELAY_MS = 5000;
const MAX_REOPENS = 16;

/** The page: the prompt, one task at a time (its id in the URL, `#task=<id>`), the agents. */
const page = {
  /** @type {TaskView | undefined} */ view: undefined,
  /** @type {TaskStream | undefined} */ stream: undefined,
  names: new Map(),
  reopens: 0,
};

const keyForm = new ApiKeyForm(() => void loadAgents());

const nameOf = (key) => page.names.get(key) ?? key;

/**
 * Runs an API action and shows its error; resolves to undefined when it failed. A 401 asks for an
 * API key, and `retry` (what the user did, done again) runs once one is given.
 */
async function guarded(action, retry) {
  showError('');
  try {
    return await action();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      keyForm.ask(error.message, retry);
      return undefined;
    }
    showError(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

function showError(message) {
  const box = byId('error');
  setText(box, message);
  box.hidden = message === '';
}

// ---- the prompt -------------------------------------------------------------------------------

function usePrompt(text) {
  const prompt = byId('prompt');
  prompt.value = text;
  prompt.focus();
}

byId('prompt').addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || event.isComposing)
    return;
  event.preventDefault();
  byId('prompt-form').requestSubmit();
});

byId('prompt-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const prompt = byId('prompt');
  const text = prompt.value.trim();
  if (text === '') {
    prompt.focus();
    return;
  }
  const send = byId('send');
  send.disabled = true;
  const contextId = byId('continue').checked ? page.view?.contextId : undefined;
  const task = await guarded(
    () => createTask(text, contextId),
    () => byId('prompt-form').requestSubmit(),
  );
  send.disabled = false;
  if (!task) return;
  prompt.value = '';
  attach(task.id, task);
  history.pushState(null, '', `#task=${encodeURIComponent(task.id)}`);
});

// ---- the task ---------------------------------------------------------------------------------

/**
 * Shows a task and streams its events from the very start: a page that was just created or
 * reloaded has no state of its own, so it replays the whole log.
 */
function attach(taskId, task) {
  page.stream?.close();
  page.reopens = 0;
  const view = new TaskView(taskId, nameOf);
  if (task) view.showRequest(textOf(task.history?.find((message) => message?.role === 'user')?.parts));
  const stream = new TaskStream(taskId, {
    onEvent: (seq, kind, event) => {
      view.apply(seq, kind, event);
      page.reopens = 0;
      if (view.contextId) byId('continue-label').hidden = false;
    },
    onConnection: (connection) => {
      view.setConnection(connection);
      if (connection.state === 'paused') void checkPaused(view, stream);
    },
    onClosed: () => void diagnose(view, stream),
  });
  page.view = view;
  page.stream = stream;
  stream.open(0);
}

/**
 * The stream ended at an `input-required` event. When replaying a reloaded task, that question may
 * have been answered already: the task then runs on, and the stream resumes from there.
 */
async function checkPaused(view, stream) {
  const task = await guarded(
    () => getTask(view.taskId),
    () => checkPaused(view, stream),
  );
  if (!task || page.view !== view) return;
  if (!INTERRUPTED_STATES.has(task.status?.state) && !stream.isOpen) stream.open();
}

/** The gateway ended the stream without a final event (or refused it): find out why. */
async function diagnose(view, stream) {
  let task;
  try {
    task = await getTask(view.taskId);
  } catch (error) {
    if (page.view !== view) return;
    if (error instanceof ApiError && error.status === 401) {
      view.setConnection({ state: 'closed', reconnects: 0, message: 'the gateway needs an API key' });
      keyForm.ask(error.message, () => stream.open());
    } else if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
      // Nothing of the task can be shown (it expired, or the link is wrong): only say why.
      stream.close();
      byId('task').hidden = true;
      showError(`Task ${view.taskId} cannot be shown: ${error.message}`);
    } else {
      // The gateway or the orchestrator is down for now (a 502, a 503, no answer): keep trying.
      resumeLater(view, stream, error.message);
    }
    return;
  }
  if (page.view !== view) return;
  const state = task.status?.state;
  const ended = TERMINAL_STATES.has(state);
  if ((ended || INTERRUPTED_STATES.has(state)) && view.state === state) {
    // Everything up to where the task stands has been shown; there is nothing more to stream.
    view.setConnection({ state: ended ? 'ended' : 'paused', reconnects: 0 });
  } else {
    // The task went on (a reply was taken, or events are still to come): stream what follows.
    resumeLater(view, stream, 'the gateway keeps closing this stream');
  }
}

/** Resumes the stream from its last event after a pause that doubles each time, within a budget. */
function resumeLater(view, stream, reason) {
  if (page.reopens >= MAX_REOPENS) {
    view.setConnection({ state: 'closed', reconnects: 0, message: `${reason}; reload the page to try again` });
    return;
  }
  const delay = Math.min(REOPEN_DELAY_MS * 2 ** page.reopens, MAX_REOPEN_DELAY_MS);
  page.reopens += 1;
  view.setConnection({ state: 'reconnecting', reconnects: 0 });
  setTimeout(() => page.view === view && !stream.isOpen && stream.resume(), delay);
}

byId('cancel').addEventListener('click', async () => {
  const { view, stream } = page;
  if (!view || !stream) return;
  const button = byId('cancel');
  button.disabled = true;
  await guarded(
    () => cancelTask(view.taskId),
    () => byId('cancel').click(),
  );
  button.disabled = false;
  // A task waiting for input has no open stream: open one to receive its `canceled` event.
  if (page.view === view && !stream.isOpen) stream.open();
});

byId('question-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const { view, stream } = page;
  const reply = byId('reply');
  const text = reply.value.trim();
  if (!view || !stream || text === '') {
    reply.focus();
    return;
  }
  reply.disabled = true;
  const task = await guarded(
    () => sendMessage(view.taskId, text),
    () => byId('question-form').requestSubmit(),
  );
  reply.disabled = false;
  if (!task || page.view !== view) return;
  reply.value = '';
  byId('question-form').hidden = true;
  byId('prompt').focus();
  // The gateway closed the stream at the question; the same task's events continue after it.
  if (!stream.isOpen) stream.open();
});

function taskFromHash() {
  const match = /(?:^#|&)task=([^&]+)/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : undefined;
}

function followHash() {
  const taskId = taskFromHash();
  if (taskId && taskId !== page.view?.taskId) attach(taskId);
}

window.addEventListener('hashchange', followHash);
window.addEventListener('popstate', followHash);

// ---- agents -----------------------------------------------------------------------------------

async function loadAgents() {
  let directory;
  try {
    directory = await getAgents();
  } catch (error) {
    const needsKey = error instanceof ApiError && error.status === 401;
    setText(
      byId('agents'),
      needsKey ? 'The agents are listed once an API key is given.' : `The agents could not be listed: ${error.message}`,
    );
    if (needsKey) keyForm.ask(error.message);
    return;
  }
  page.names = agentNames(directory);
  const examples = renderAgents(byId('agents'), directory, usePrompt);
  renderExamples(byId('examples'), examples, usePrompt);
}

byId('agents-refresh').addEventListener('click', () => void loadAgents());

void loadAgents();
followHash();
