import type { Task } from '@a2a-mesh/protocol';
import { textOf } from '@a2a-mesh/server';

/**
 * Where a step stands. `pending`: waiting for the steps it depends on; `input-required`: its
 * specialist asked a question; `skipped`: a step it depends on did not complete; `canceled`: the
 * orchestrator's task was canceled while it ran.
 */
export type UpstreamState = 'pending' | 'running' | 'input-required' | 'completed' | 'failed' | 'canceled' | 'skipped';

/** How one step of a plan went: what the answer's data part reports, per step. */
export interface UpstreamOutcome {
  readonly step: string;
  readonly agent: string;
  readonly skillId: string;
  readonly state: UpstreamState;
  /** The specialist's task, once it named one. */
  readonly upstreamTaskId?: string;
  /** Why the step failed or was skipped. */
  readonly reason?: string;
  /** The text of its final artifacts, when it completed. */
  readonly text?: string;
  /** The ids its artifacts have on the orchestrator's task. */
  readonly artifactIds: readonly string[];
}

/**
 * What an upstream stream that ended normally (at a final event) means for the step: the
 * specialist completed, asks for input, or did not complete, with its own words for why.
 */
export function settledState(
  task: Task | undefined,
): { state: 'completed' | 'input-required' } | { state: 'failed'; reason: string } {
  const state = task?.status.state;
  const said = textOf(task?.status.message).trim();
  switch (state) {
    case 'completed':
      return { state: 'completed' };
    case 'input-required':
    case 'auth-required':
      return { state: 'input-required' };
    case 'failed':
      return { state: 'failed', reason: said || 'it failed without saying why' };
    case 'rejected':
      return { state: 'failed', reason: `it rejected the task${said ? `: ${said}` : ''}` };
    case 'canceled':
      return { state: 'failed', reason: `its task was canceled there${said ? ` (${said})` : ''}` };
    default:
      return { state: 'failed', reason: `its stream ended while its task was ${state ?? 'not yet created'}` };
  }
}
