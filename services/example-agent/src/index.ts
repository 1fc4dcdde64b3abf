export { echoCard } from './echo-card.ts';
export { createEchoExecutor } from './echo-executor.ts';
export type { EchoOptions } from './echo-executor.ts';
