import {
  EmptyInputError,
  GraphRecursionError,
  GraphValueError,
  InvalidUpdateError,
  StateGraphInputError,
  isNodeTimeoutError,
} from '@langchain/langgraph';

const longestDetail = 300;

/**
 * The `failed` status text for an error a graph run threw: what a person understands, never a
 * stack. LangGraph's own errors get a plain explanation; any other error its message's first
 * paragraph (LangGraph appends troubleshooting links after a blank line), cut to 300 characters.
 */
export function describeGraphError(error: unknown): string {
  if (error instanceof GraphRecursionError || nameOf(error) === 'GraphRecursionError') {
    const limit = /recursion limit of (\d+)/i.exec(messageOf(error))?.[1];
    return `The agent took too many steps without finishing${limit ? ` (its limit is ${limit} steps)` : ''}.`;
  }
  if (isNodeTimeoutError(error)) {
    return `The agent's step "${error.node}" took too long (its limit is ${error.timeout} ms).`;
  }
  const detail = firstParagraph(messageOf(error));
  if (
    error instanceof GraphValueError ||
    error instanceof InvalidUpdateError ||
    error instanceof EmptyInputError ||
    error instanceof StateGraphInputError
  ) {
    return `The agent is misconfigured: ${detail}`;
  }
  return `The agent failed: ${detail}`;
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return '';
}

function firstParagraph(message: string): string {
  const paragraph = message.split(/\n\s*\n/)[0]?.trim() ?? '';
  if (paragraph === '') return 'unknown error';
  return paragraph.length > longestDetail ? `${paragraph.slice(0, longestDetail - 1)}…` : paragraph;
}
