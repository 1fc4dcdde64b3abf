import type { StreamItem } from '@a2a-mesh/client';
import type { Metadata, Part, TaskState } from '@a2a-mesh/protocol';
import type { EventPublisher } from '@a2a-mesh/server';

/** Which step of the plan, on which specialist, an upstream event comes from. */
export interface RelaySource {
  /** `KnownAgent.key` of the specialist. */
  readonly agent: string;
  /** `PlanStep.id`. */
  readonly step: string;
}

/** Where the upstream task stood when the event was relayed. */
export interface UpstreamPosition {
  readonly taskId: string | undefined;
  /** The upstream task's state after the event; absent for a message-only answer. */
  readonly state: TaskState | undefined;
}

/**
 * The metadata of every relayed event: where it came from, so a UI can draw one lane per agent
 * and a reader can match it against the upstream task's own log (`upstreamSeq` is its SSE id
 * there). The upstream event's own metadata, node timings for example, rides along unchanged.
 */
export interface Provenance extends Metadata {
  agent: string;
  step: string;
  upstreamTaskId?: string;
  upstreamSeq?: number;
  upstreamState?: TaskState;
  upstreamKind: StreamItem['event']['kind'];
  upstreamMetadata?: Metadata;
}

/** The id a relayed artifact gets on the orchestrator's task: unique per step, agent and upstream artifact. */
export function relayedArtifactId(source: RelaySource, upstreamArtifactId: string): string {
  return `${source.step}/${source.agent}/${upstreamArtifactId}`;
}

/**
 * Publishes one upstream stream event on the orchestrator's task, as it arrives. Status updates,
 * the upstream Task and a message-only answer become `working` updates carrying the upstream
 * parts (the orchestrator's own state stays `working` whatever the specialist's is: the upstream
 * state is in `upstreamState`); artifact updates keep their parts and chunking (`append`,
 * `lastChunk`) under a prefixed id (see {@link relayedArtifactId}). Resolves once it is logged.
 */
export async function relayEvent(
  publisher: EventPublisher,
  source: RelaySource,
  item: StreamItem,
  upstream: UpstreamPosition,
): Promise<void> {
  const { event } = item;
  const metadata: Provenance = {
    agent: source.agent,
    step: source.step,
    ...(upstream.taskId === undefined ? {} : { upstreamTaskId: upstream.taskId }),
    ...(item.id === undefined ? {} : { upstreamSeq: item.id }),
    ...(upstream.state === undefined ? {} : { upstreamState: upstream.state }),
    upstreamKind: event.kind,
    ...(event.metadata ? { upstreamMetadata: event.metadata } : {}),
  };
  switch (event.kind) {
    case 'task':
      return publisher.status('working', partsOrNone(event.status.message?.parts), { metadata });
    case 'message':
      return publisher.status('working', partsOrNone(event.parts), { metadata });
    case 'status-update':
      return publisher.status('working', partsOrNone(event.status.message?.parts), { metadata });
    case 'artifact-update':
      return publisher.artifact(
        { ...event.artifact, artifactId: relayedArtifactId(source, event.artifact.artifactId) },
        {
          ...(event.append === undefined ? {} : { append: event.append }),
          ...(event.lastChunk === undefined ? {} : { lastChunk: event.lastChunk }),
          metadata,
        },
      );
  }
}

/** A status without a message stays without one: an empty message would be noise in a UI. */
function partsOrNone(parts: readonly Part[] | undefined): Part[] | undefined {
  return parts && parts.length > 0 ? [...parts] : undefined;
}
