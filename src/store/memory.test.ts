import { createMemoryStore } from './memory.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('memory', () => createMemoryStore());
