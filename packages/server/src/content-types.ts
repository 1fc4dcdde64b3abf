import { A2AError, ErrorCode } from '@a2a-mesh/protocol';
import type { AgentCard, MessageSendParams } from '@a2a-mesh/protocol';

/**
 * Rejects, with -32005, a file whose media type the agent does not take, or a request that
 * accepts none of the output modes the agent produces. Modes may use `type/*` or `*\/*`.
 */
export function checkContentTypes(card: AgentCard, params: MessageSendParams): void {
  for (const [index, part] of params.message.parts.entries()) {
    const mimeType = part.kind === 'file' ? part.file.mimeType : undefined;
    if (mimeType && !card.defaultInputModes.some((mode) => matches(mode, mimeType))) {
      throw A2AError.of(
        ErrorCode.ContentTypeNotSupported,
        `params.message.parts[${index}].file.mimeType "${mimeType}" is not one of ${card.defaultInputModes.join(', ')}`,
      );
    }
  }
  const accepted = params.configuration?.acceptedOutputModes;
  if (accepted && accepted.length > 0) {
    const overlap = accepted.some((want) =>
      card.defaultOutputModes.some((mode) => matches(mode, want) || matches(want, mode)),
    );
    if (!overlap) {
      throw A2AError.of(
        ErrorCode.ContentTypeNotSupported,
        `params.configuration.acceptedOutputModes: this agent produces ${card.defaultOutputModes.join(', ')}`,
      );
    }
  }
}

function matches(pattern: string, mimeType: string): boolean {
  if (pattern === '*/*' || pattern === mimeType) return true;
  return pattern.endsWith('/*') && mimeType.startsWith(pattern.slice(0, -1));
}
