import { HumanMessage } from '@langchain/core/messages';
import { textOf } from '@a2a-mesh/server';
import type { RequestContext } from '@a2a-mesh/server';

/**
 * The default graph input: the user's text as one `HumanMessage` (id = the A2A message id) in
 * `messages`, the state key of `MessagesAnnotation` and of LangGraph's prebuilt agents. A graph
 * with another input shape passes its own `toInput`.
 */
export function defaultToInput(context: RequestContext): { messages: HumanMessage[] } {
  return { messages: [new HumanMessage({ content: textOf(context.message), id: context.message.messageId })] };
}

/** The default resume value of an interrupted graph: the text of the user's reply. */
export function defaultToResume(context: RequestContext): string {
  return textOf(context.message);
}
