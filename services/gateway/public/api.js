/**
 * The gateway's JSON API, same origin. URLs are relative to the page, so the UI also works when the
 * gateway is mounted under a path prefix. An API key, when the user gave one, is kept in
 * sessionStorage (gone with the tab) and sent as a bearer token; EventSource cannot send headers,
 * so the events URL carries it as `access_token`.
 */

const KEY_STORAGE = 'a2a-mesh.apiKey';

/** An error answer from the gateway: `{ error: { code, message } }` with its HTTP status. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export function apiKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

function url(path) {
  return new URL(path, document.baseURI);
}

async function request(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const key = apiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  let response;
  try {
    response = await fetch(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, 'network', `The gateway did not answer (${error instanceof Error ? error.message : error}).`);
  }
  const payload = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = payload?.error;
    throw new ApiError(
      response.status,
      typeof error?.code === 'string' || typeof error?.code === 'number' ? error.code : `http-${response.status}`,
      typeof error?.message === 'string'
        ? error.message
        : `The gateway answered ${response.status} ${response.statusText}.`,
    );
  }
  return payload;
}

const taskPath = (taskId) => `api/tasks/${encodeURIComponent(taskId)}`;

/** Starts a task; `contextId` continues a conversation. Resolves to the A2A Task. */
export async function createTask(text, contextId) {
  return (await request('POST', 'api/tasks', contextId ? { text, contextId } : { text })).task;
}

/** Answers a task waiting in `input-required`. */
export async function sendMessage(taskId, text) {
  return (await request('POST', `${taskPath(taskId)}/messages`, { text })).task;
}

export async function cancelTask(taskId) {
  return (await request('POST', `${taskPath(taskId)}/cancel`)).task;
}

export async function getTask(taskId) {
  return (await request('GET', taskPath(taskId))).task;
}

/** `{ orchestrator: { url, healthy, card? }, agents: [{ key, url, healthy, problem?, card? }] }` */
export async function getAgents() {
  return request('GET', 'api/agents');
}

/** The task's event stream from after sequence number `after`, for an EventSource. */
export function eventsUrl(taskId, after) {
  const events = url(`${taskPath(taskId)}/events`);
  events.searchParams.set('after', String(after));
  const key = apiKey();
  if (key) events.searchParams.set('access_token', key);
  return events.href;
}
