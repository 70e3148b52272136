import { describe, expect, it } from 'vitest';
import { generatedFrom } from './generated-fixture.ts';
import { MemoryState } from './memory-state.ts';
import { compareRecords, comparePositions, matchesAll, positionOf, type Condition, type ListQuery, type SortKey } from './query.ts';
import { pageOf } from './sorted-index.ts';
import type { ListPage, StoredRecord } from './store.ts';

/** The obvious implementation, kept here as the reference the indexed one must agree with. */
function naivePage(records: readonly StoredRecord[], query: ListQuery): ListPage {
  const matching = records.filter((record) => matchesAll(record, query.where)).sort((a, b) => compareRecords(a, b, query.orderBy));
  const { page } = query;
  let start = page.kind === 'offset' ? page.offset : 0;
  if (page.kind === 'keyset' && page.after) {
    const after = page.after;
    const found = matching.findIndex((record) => comparePositions(positionOf(record, query.orderBy), after, query.orderBy) > 0);
    start = found === -1 ? matching.length : found;
  }
  const items = matching.slice(start, start + page.limit);
  return { items, total: matching.length, hasMore: start + items.length < matching.length };
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const STATUSES = ['new', 'running', 'done', 'failed'];
const ORDERS: readonly (readonly SortKey[])[] = [
  [],
  [{ field: 'createdAt', dir: 'desc', as: 'time' }],
  [{ field: 'createdAt', dir: 'asc', as: 'time' }],
  [
    { field: 'status', dir: 'asc' },
    { field: 'createdAt', dir: 'asc', as: 'time' },
  ],
  [{ field: 'score', dir: 'desc', as: 'number' }],
];

function recordData(next: () => number, i: number) {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  return {
    id: `r${i}`,
    status: pick(STATUSES),
    tenant: pick(['a', 'b']),
    // Many equal times and some missing ones, so ties and nulls are exercised.
    createdAt: next() < 0.1 ? null : new Date(Date.UTC(2026, 0, 1 + Math.floor(next() * 20))).toISOString(),
    score: Math.floor(next() * 10),
  };
}

function randomQuery(next: () => number, last?: StoredRecord): ListQuery {
  const where: Condition[] = [];
  if (next() < 0.6) where.push({ field: 'status', op: 'eq', value: STATUSES[Math.floor(next() * 4)] as string });
  if (next() < 0.3) where.push({ field: 'tenant', op: 'eq', value: 'a' });
  if (next() < 0.3) where.push({ field: 'score', op: 'gte', value: 5, as: 'number' });
  // Time windows, which an index sorted by time answers by binary search.
  for (const op of ['gte', 'gt', 'lte', 'lt'] as const) {
    if (next() < 0.2) where.push({ field: 'createdAt', op, value: Date.UTC(2026, 0, 1 + Math.floor(next() * 40)), as: 'time' });
  }
  const orderBy = ORDERS[Math.floor(next() * ORDERS.length)] ?? [];
  const limit = 1 + Math.floor(next() * 15);
  if (next() < 0.5) return { where, orderBy, page: { kind: 'offset', offset: Math.floor(next() * 40), limit } };
  return { where, orderBy, page: { kind: 'keyset', limit, ...(last && next() < 0.7 ? { after: positionOf(last, orderBy) } : {}) } };
}

describe('indexed lists', () => {
  it.each(['records', 'a generator'])('agree with filtering and sorting every record, across inserts, replaces and removes, seeded with %s', (form) => {
    const next = random(7);
    const state = new MemoryState({ cacheBytes: 20_000 });
    const seeded = Array.from({ length: 200 }, (_, i) => {
      const data = recordData(next, i);
      return { id: data.id, data };
    });
    state.fill('s', { runs: form === 'records' ? seeded : generatedFrom(seeded, ['status', 'tenant', 'createdAt', 'score']) });
    let created = seeded.length;
    for (let step = 0; step < 1500; step++) {
      const roll = next();
      const all = state.dump('s')['runs'] ?? [];
      if (roll < 0.4 || all.length === 0) {
        const data = recordData(next, created++);
        const prepared = state.prepareInsert('s', 'runs', { id: data.id, data });
        if (prepared.ok) state.put('s', 'runs', prepared.value);
      } else if (roll < 0.6) {
        const victim = all[Math.floor(next() * all.length)] as StoredRecord;
        const prepared = state.prepareReplace('s', 'runs', victim.id, victim.version, {
          data: {
            ...victim.data,
            status: STATUSES[Math.floor(next() * 4)] as string,
            createdAt: new Date(Date.UTC(2026, 1, Math.floor(next() * 5))).toISOString(),
          },
          meta: {},
        });
        if (prepared.ok) state.put('s', 'runs', prepared.value);
      } else if (roll < 0.7) {
        state.remove('s', 'runs', (all[Math.floor(next() * all.length)] as StoredRecord).id);
      } else {
        const current = state.dump('s')['runs'] ?? [];
        const query = randomQuery(next, current[Math.floor(next() * current.length)]);
        const expected = naivePage(current, query);
        const actual = state.list('s', 'runs', query);
        expect({ ids: actual.items.map((r) => r.id), total: actual.total, hasMore: actual.hasMore }, JSON.stringify(query)).toEqual({
          ids: expected.items.map((r) => r.id),
          total: expected.total,
          hasMore: expected.hasMore,
        });
      }
    }
  });

  it('gives the same pages from a collection read whole (the Redis path)', () => {
    const next = random(11);
    const records: StoredRecord[] = Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, seq: i + 1, version: 1, data: recordData(next, i), meta: {} }));
    for (let i = 0; i < 200; i++) {
      const query = randomQuery(next, records[Math.floor(next() * records.length)]);
      expect(pageOf(records, query).items.map((r) => r.id)).toEqual(naivePage(records, query).items.map((r) => r.id));
    }
  });

  it('keeps at most a bounded number of indexes per collection, and still answers after evicting', () => {
    const state = new MemoryState();
    state.fill('s', { runs: Array.from({ length: 50 }, (_, i) => ({ id: `r${i}`, data: { uid: `u${i}`, n: i } })) });
    for (let i = 0; i < 100; i++) {
      const page = state.list('s', 'runs', {
        where: [{ field: 'uid', op: 'eq', value: `u${i % 50}` }],
        orderBy: [],
        page: { kind: 'offset', offset: 0, limit: 5 },
      });
      expect(page.items.map((r) => r.id)).toEqual([`r${i % 50}`]);
    }
  });
});
