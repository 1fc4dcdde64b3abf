/** Writes one structured log entry: context first, then the message (pino's argument order). */
export type LogFunction = (context: Record<string, unknown>, message: string) => void;

/**
 * The logger the client writes to. A pino logger satisfies it as is; the client never creates
 * one itself, so an application decides where its logs go.
 */
export interface Logger {
  debug: LogFunction;
  info: LogFunction;
  warn: LogFunction;
  error: LogFunction;
}

const ignore: LogFunction = () => {};

/** A logger that discards everything: the default. */
export const noopLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
