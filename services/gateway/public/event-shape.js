/**
 * Reading A2A 0.3.0 events defensively. The orchestrator relays its specialists' events with their
 * provenance in `metadata` ({ agent, step, upstreamTaskId, upstreamSeq, upstreamState,
 * upstreamKind }); LangGraph agents report node timings as `metadata: { node, phase, durationMs }`,
 * either at the top level or nested inside a relayed event's metadata. Nothing here trusts a shape.
 */

export function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const stringOr = (value) => (typeof value === 'string' && value !== '' ? value : undefined);

/** The text parts of a message or artifact, joined with `separator`. */
export function textOf(parts, separator = '\n') {
  if (!Array.isArray(parts)) return '';
  return parts
    .filter((part) => isObject(part) && part.kind === 'text' && typeof part.text === 'string')
    .map((part) => part.text)
    .join(separator);
}

/** The data parts' values. */
export function dataOf(parts) {
  if (!Array.isArray(parts)) return [];
  return parts.filter((part) => isObject(part) && part.kind === 'data' && isObject(part.data)).map((part) => part.data);
}

/**
 * The orchestrator's own events about a step (`Asking <agent>: …`, `Skipped …`) carry the step's
 * state as `stepState`, in the orchestrator's words; as lane states they read as A2A states.
 */
const STEP_STATES = {
  running: 'working',
  'input-required': 'input-required',
  completed: 'completed',
  failed: 'failed',
  canceled: 'canceled',
  skipped: 'skipped',
};

/**
 * Where a relayed event came from, or undefined for the orchestrator's own events. Specialists'
 * artifacts are also recognised by their id, `<step>/<agent>/<id>`, should their metadata be lost.
 */
export function provenanceOf(event) {
  const metadata = isObject(event.metadata) ? event.metadata : {};
  let agent = stringOr(metadata.agent);
  let step = stringOr(metadata.step);
  if (!agent && event.kind === 'artifact-update') {
    const [idStep, idAgent, ...rest] = String(event.artifact?.artifactId ?? '').split('/');
    if (idStep && idAgent && rest.length > 0) [step, agent] = [idStep, idAgent];
  }
  if (!agent) return undefined;
  return {
    agent,
    step,
    upstreamState:
      stringOr(metadata.upstreamState) ??
      (Object.hasOwn(STEP_STATES, metadata.stepState) ? STEP_STATES[metadata.stepState] : undefined),
    upstreamKind: stringOr(metadata.upstreamKind),
    upstreamTaskId: stringOr(metadata.upstreamTaskId),
  };
}

/**
 * A node timing `{ node, phase, durationMs?, nodeRunId?, interrupted? }` found in the metadata, at
 * its top level or in an object nested up to two levels down (a relayed event's own metadata).
 */
export function timingOf(metadata, depth = 0) {
  if (!isObject(metadata)) return undefined;
  if (typeof metadata.node === 'string' && (metadata.phase === 'start' || metadata.phase === 'end')) {
    return {
      node: metadata.node,
      phase: metadata.phase,
      nodeRunId: stringOr(metadata.nodeRunId),
      durationMs: Number.isFinite(metadata.durationMs) ? metadata.durationMs : undefined,
      interrupted: metadata.interrupted === true,
    };
  }
  if (depth >= 2) return undefined;
  for (const value of Object.values(metadata)) {
    const nested = timingOf(value, depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

/** The plan carried by a `working` status's data part: `{ steps: [...], planner }`. */
export function planOf(status) {
  for (const data of dataOf(status?.message?.parts)) {
    if (isObject(data.plan) && Array.isArray(data.plan.steps)) {
      const steps = data.plan.steps
        .filter((step) => isObject(step) && typeof step.id === 'string' && typeof step.agent === 'string')
        .map((step) => ({
          id: step.id,
          agent: step.agent,
          skillId: stringOr(step.skillId),
          text: typeof step.text === 'string' ? step.text : '',
          dependsOn: Array.isArray(step.dependsOn) ? step.dependsOn.filter((id) => typeof id === 'string') : [],
        }));
      return { steps, planner: stringOr(data.plan.planner), unserved: stringOr(data.plan.unserved) };
    }
  }
  return undefined;
}

/** Milliseconds since the epoch of an event's status timestamp, if it has a valid one. */
export function timeOf(status) {
  const time = Date.parse(status?.timestamp ?? '');
  return Number.isFinite(time) ? time : undefined;
}

/** "12 ms", "3.4 ms", "1.25 s", "2 min 5 s". */
export function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 10) return `${Math.round(ms * 10) / 10} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
