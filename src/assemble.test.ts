import { describe, expect, it } from 'vitest';
import { allPacks } from '../mocks/index.ts';
import { assembleMock, startLifecycleTicker, testMock } from './assemble.ts';
import { createControlledClock } from './core/clock.ts';
import { StoreUnavailable } from './store/unavailable.ts';

const [pack] = allPacks;
// Each test its own seed: seeded data is cached per process, and a frozen store freezes what it is given.

// The first seeded record of the pack's first collection, as the mock's store holds it.
async function firstStored(admin: ReturnType<typeof testMock>['admin']) {
  if (!pack) throw new Error('no pack registered');
  const [collection] = Object.keys(admin.seedData(pack.id));
  return (await admin.records(pack.id, collection ?? '', { limit: 1 }))?.records[0];
}

describe('the mocks tests and the server build', () => {
  it('freezes stored records in the tests mock, so code that changes one throws (decision 003)', async () => {
    const stored = await firstStored(testMock({ packs: allPacks.slice(0, 1), seed: 101 }).admin);
    expect(stored).toBeDefined();
    expect(Object.isFrozen(stored?.data)).toBe(true);
  });

  it('does not freeze them in the server, where frozen copies would cost memory', async () => {
    const stored = await firstStored(assembleMock({ packs: allPacks.slice(0, 1), seed: 102 }).admin);
    expect(Object.isFrozen(stored?.data)).toBe(false);
  });
});

describe('the lifecycle ticker', () => {
  it('reports a failing tick (the shared store away) and keeps ticking, without an unhandled rejection', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const admin = {
      tick: async () => {
        calls++;
        if (calls <= 2) throw new StoreUnavailable('Redis is unavailable (read: connect ECONNREFUSED)');
        return 0;
      },
    } as unknown as Parameters<typeof startLifecycleTicker>[0];
    const stop = startLifecycleTicker(admin, createControlledClock('real'), 5, (error) => errors.push(error));
    await new Promise((resolve) => setTimeout(resolve, 60));
    stop();
    expect(errors).toHaveLength(2);
    expect(calls).toBeGreaterThan(2);
  });
});
