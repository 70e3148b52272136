// Measures the compact store (decision 006): heap (with array buffers) and RSS after seeding N synthetic runs per
// collection, as key columns or as whole records, and the cost of a get and of a filtered page. Run:
//   node --expose-gc --import tsx contract-tests/scale/measure-store.ts [count] [columns|records] [spaces]
import { syntheticRuns } from '../../src/store/generated-fixture.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import { seededRecords, type SeedCollection } from '../../src/store/store.ts';

const count = Number(process.argv[2] ?? 100_000);
const form = process.argv[3] ?? 'columns';
const spaces = Number(process.argv[4] ?? 1);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
/** Heap plus array buffers (key columns are typed arrays), and RSS, after collecting garbage. */
const settle = () => {
  gc();
  gc();
  const { heapUsed, arrayBuffers, rss } = process.memoryUsage();
  return { heapUsed: heapUsed + arrayBuffers, rss };
};

const before = settle();
const source = syntheticRuns(count, 1);
const collection: SeedCollection = form === 'records' ? seededRecords(source) : source;
const store = createMemoryStore();
let started = performance.now();
for (let s = 0; s < spaces; s++) await store.seed(`s${s}:api`, () => ({ runs: collection }));
const seedMs = performance.now() - started;
const seeded = settle();
console.log(
  `${count} runs as ${form}, ${spaces} space(s): seeded in ${seedMs.toFixed(0)} ms; heap +${mb(seeded.heapUsed - before.heapUsed)}, rss ${mb(seeded.rss)}`,
);

const ids = Array.from({ length: 2_000 }, (_, k) => source.keys(Math.floor((k * 7919) % count)).id);
const time = async (label: string, runs: number, work: (k: number) => Promise<unknown>) => {
  for (let k = 0; k < Math.min(runs, 50); k++) await work(k);
  started = performance.now();
  for (let k = 0; k < runs; k++) await work(k);
  console.log(`  ${label}: ${(((performance.now() - started) / runs) * 1000).toFixed(1)} µs`);
};
await time('get by id (cache cold then warm, 2,000 ids)', 4_000, (k) => store.get('s0:api', 'runs', ids[k % ids.length] as string));
const orderBy = [{ field: 'createdAt', dir: 'desc' as const, as: 'time' as const }];
await time('page of 100, status = running, newest first', 200, (k) =>
  store.list('s0:api', 'runs', {
    where: [{ field: 'status', op: 'eq', value: 'running' }],
    orderBy,
    page: { kind: 'offset', offset: (k % 10) * 100, limit: 100 },
  }),
);
await time('page of 100, status = running and owner in 3, newest first', 50, (k) =>
  store.list('s0:api', 'runs', {
    where: [
      { field: 'status', op: 'eq', value: 'running' },
      { field: 'owner', op: 'in', values: ['owner-1', 'owner-2', 'owner-3'] },
    ],
    orderBy,
    page: { kind: 'offset', offset: (k % 5) * 100, limit: 100 },
  }),
);
await time('page of 100 since a time, newest first', 50, () =>
  store.list('s0:api', 'runs', {
    where: [{ field: 'createdAt', op: 'gte', value: Date.UTC(2026, 0, 1) + count * 30_000, as: 'time' }],
    orderBy,
    page: { kind: 'offset', offset: 0, limit: 100 },
  }),
);
const loaded = settle();
console.log(`  after the reads: heap +${mb(loaded.heapUsed - before.heapUsed)}, rss ${mb(loaded.rss)}`);
