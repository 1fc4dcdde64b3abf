/**
 * The logging surface this package uses: pino's shape (fields first, then the message), the
 * same as `@a2a-mesh/server`'s `Logger`, so either logger can be passed as is. Declared here so
 * that the LLM package depends on nothing of ours.
 */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}
