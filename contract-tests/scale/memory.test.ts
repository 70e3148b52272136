import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { assembleMock } from '../../src/assemble.ts';
import { createControlledClock } from '../../src/core/clock.ts';
import { syntheticRuns } from '../../src/store/generated-fixture.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import { seededRecords } from '../../src/store/store.ts';

// Seeded records of generated collections cost their keys (decision 006): a large seed keeps the heap small, in
// every session, and reading records keeps it bounded. Generous bounds: the exact figures are the bench's
// (README); whole records cost ten to fifty times these.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1024 * 1024;

/** Heap and array buffers (key columns are typed arrays) after collecting garbage. */
function held(): number {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

const newestFirst = [{ field: 'createdAt', dir: 'desc' as const, as: 'time' as const }];

describe('memory of a large generated seed', () => {
  it('keeps 100k synthetic runs in five sessions within 10 MB, and within 40 MB once pages were read', async () => {
    const source = syntheticRuns(100_000, 9);
    const before = held();
    const store = createMemoryStore();
    for (let session = 0; session < 5; session++) await store.seed(`s${session}:api`, () => ({ runs: source }));
    const seeded = held() - before;
    expect(seeded).toBeLessThan(10 * MB);
    for (let offset = 0; offset < 20_000; offset += 100) {
      await store.list('s0:api', 'runs', {
        where: [{ field: 'status', op: 'eq', value: 'running' }],
        orderBy: newestFirst,
        page: { kind: 'offset', offset, limit: 100 },
      });
    }
    for (let i = 0; i < 5_000; i++) await store.get(`s${i % 5}:api`, 'runs', source.keys((i * 7919) % 100_000).id);
    const grown = held() - before;
    expect(await store.spaces()).toHaveLength(5);
    // The same runs as whole records, for scale: one session's worth.
    const whole = held();
    const records = seededRecords(syntheticRuns(100_000, 9));
    const wholeGrown = held() - whole;
    expect(records).toHaveLength(100_000);
    console.log(
      `100k synthetic runs, 5 sessions: ${(seeded / MB).toFixed(1)} MB seeded, ${(grown / MB).toFixed(1)} MB after reads; as whole records, one session: ${(wholeGrown / MB).toFixed(1)} MB`,
    );
    expect(grown).toBeLessThan(40 * MB);
    expect(grown * 5).toBeLessThan(wholeGrown);
  });

  it('keeps every API seeded with 100k runs within 150 MB, and its first tick too', async () => {
    const before = held();
    const { admin } = assembleMock({
      records: 100_000,
      rateLimits: false,
      controlledClock: createControlledClock('manual', Date.parse('2026-11-01T00:00:00Z')),
    });
    await admin.ready();
    await admin.tick();
    for (const pack of admin.packs) {
      const collection = pack.console?.collection ?? pack.lifecycle?.progress?.collection;
      if (collection) await admin.records(pack.id, collection, { offset: 50_000, limit: 100 });
    }
    const grown = held() - before;
    expect((await admin.records('nerm', 'sessions', { limit: 1 }))?.total).toBeGreaterThan(100_000 - 1);
    console.log(`every API with 100k runs, ready and ticked: ${(grown / MB).toFixed(1)} MB`);
    expect(grown).toBeLessThan(150 * MB);
  }, 60_000);
});
