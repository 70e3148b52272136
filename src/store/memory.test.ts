import { describe, expect, it } from 'vitest';
import { createMemoryStore, createTestStore } from './memory.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('memory', () => createMemoryStore());
describeStoreContract('memory, frozen as in tests', () => createTestStore());

describe('the test store', () => {
  it('deep-freezes what it stores, so code that changes a stored record throws', async () => {
    const store = createTestStore();
    await store.insert('s', 'runs', { id: 'r1', data: { state: 'on', tags: ['a'] } });
    const stored = await store.get('s', 'runs', 'r1');
    expect(Object.isFrozen(stored?.data)).toBe(true);
    expect(Object.isFrozen(stored?.data['tags'])).toBe(true);
  });
});
