import { negotiateProtocolVersion } from '@a2a-mesh/protocol';
import type { AgentCardDocument, ProtocolVersion } from '@a2a-mesh/protocol';

/** The endpoint a client talks to, and the A2A version it speaks there. */
export interface SelectedInterface {
  url: string;
  protocolVersion: ProtocolVersion;
}

/**
 * Picks the JSON-RPC interface to use: the first the card announces (its preferred) in a version
 * we speak, or, when `protocolVersion` is given, the first in that version. A card that announces
 * none of those leaves the card's `url`, in the version asked for or else 0.3.
 */
export function selectInterface(document: AgentCardDocument, protocolVersion?: ProtocolVersion): SelectedInterface {
  for (const entry of document.interfaces) {
    if (entry.protocolBinding.toUpperCase() !== 'JSONRPC') continue;
    const version = negotiateProtocolVersion(entry.protocolVersion);
    if (version === undefined || (protocolVersion !== undefined && version !== protocolVersion)) continue;
    return { url: entry.url, protocolVersion: version };
  }
  return { url: document.card.url, protocolVersion: protocolVersion ?? '0.3' };
}
