import { InMemoryTaskStore } from './in-memory-task-store.ts';
import { describeTaskStoreContract } from './task-store-contract.ts';

describeTaskStoreContract('InMemoryTaskStore', (retention) => new InMemoryTaskStore(retention));
