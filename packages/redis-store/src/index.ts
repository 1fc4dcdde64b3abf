export { createTaskStoreFromEnv } from './create-task-store-from-env.ts';
export type { TaskStoreDefaults, TaskStoreSetup } from './create-task-store-from-env.ts';
export { RedisTaskControl, defaultLeaseMs } from './redis-task-control.ts';
export type { RedisTaskControlOptions } from './redis-task-control.ts';
export { RedisTaskStore } from './redis-task-store.ts';
export type { RedisTaskStoreOptions } from './redis-task-store.ts';
export { TaskEndedError } from './task-ended-error.ts';
export { isTaskStoreUnavailable, taskStoreUnavailable } from './task-store-unavailable.ts';
