import { describe, expect, it, vi } from 'vitest';
import { generatedFrom, syntheticRuns } from './generated-fixture.ts';
import { MemoryState } from './memory-state.ts';
import { createMemoryStore, createTestStore } from './memory.ts';
import type { ListQuery } from './query.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('memory', () => createMemoryStore());
describeStoreContract('memory, frozen as in tests', () => createTestStore());

const newest: ListQuery = { where: [], orderBy: [{ field: 'createdAt', dir: 'desc', as: 'time' }], page: { kind: 'offset', offset: 0, limit: 10 } };

/** A generator of `count` runs that counts the records it makes whole. */
function counted(count: number) {
  const records = Array.from({ length: count }, (_, i) => ({
    id: `r${i}`,
    data: { status: i % 2 === 0 ? 'on' : 'off', createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), note: `n${i % 3}` },
  }));
  return generatedFrom(records, ['status', 'createdAt']);
}

describe('the test store', () => {
  it('deep-freezes what it stores, so code that changes a stored record throws', async () => {
    const store = createTestStore();
    await store.insert('s', 'runs', { id: 'r1', data: { state: 'on', tags: ['a'] } });
    const stored = await store.get('s', 'runs', 'r1');
    expect(Object.isFrozen(stored?.data)).toBe(true);
    expect(Object.isFrozen(stored?.data['tags'])).toBe(true);
  });

  it('deep-freezes seeded records made from a generator too', async () => {
    const store = createTestStore();
    await store.seed('s', () => ({ runs: counted(3) }));
    expect(Object.isFrozen((await store.get('s', 'runs', 'r1'))?.data)).toBe(true);
  });

  it('refuses a list on a field the generator did not declare', async () => {
    const store = createTestStore();
    await store.seed('s', () => ({ runs: counted(3) }));
    await expect(store.list('s', 'runs', { ...newest, where: [{ field: 'note', op: 'eq', value: 'n1' }] })).rejects.toThrow(/note.*does not declare/);
  });
});

describe('the compact memory store', () => {
  it('makes no seeded record whole to seed, and only the page to list', async () => {
    const source = counted(1_000);
    const store = createMemoryStore();
    await store.seed('s', () => ({ runs: source }));
    expect(source.made()).toBe(0);
    const page = await store.list('s', 'runs', { ...newest, where: [{ field: 'status', op: 'eq', value: 'on' }] });
    expect(page.items.map((record) => record.id)).toEqual(['r998', 'r996', 'r994', 'r992', 'r990', 'r988', 'r986', 'r984', 'r982', 'r980']);
    expect(page.total).toBe(500);
    expect(source.made()).toBe(10);
  });

  it('serves the same object for a seeded record while it is cached', async () => {
    const store = createMemoryStore();
    await store.seed('s', () => ({ runs: counted(10) }));
    await store.seed('t', () => ({ runs: counted(10) }));
    const first = await store.get('s', 'runs', 'r4');
    expect(await store.get('s', 'runs', 'r4')).toBe(first);
    expect((await store.list('s', 'runs', newest)).items).toContain(first);
  });

  it('keeps the records it made whole within its budget', async () => {
    const state = new MemoryState({ cacheBytes: 50_000 });
    state.fill('s', { runs: syntheticRuns(5_000) });
    for (let offset = 0; offset < 5_000; offset += 100) state.list('s', 'runs', { ...newest, page: { kind: 'offset', offset, limit: 100 } });
    const held = state.cacheSize();
    expect(held.bytes).toBeLessThanOrEqual(50_000);
    expect(held.records).toBeGreaterThan(0);
    expect(held.records).toBeLessThan(100);
  });

  it('serves a list on an undeclared field from whole records, and says so once', async () => {
    const warn = vi.fn();
    const store = createMemoryStore({ onUndeclared: warn });
    await store.seed('s', () => ({ runs: counted(30) }));
    const query = { ...newest, where: [{ field: 'note', op: 'eq' as const, value: 'n1' }] };
    expect((await store.list('s', 'runs', query)).total).toBe(10);
    expect((await store.list('s', 'runs', query)).total).toBe(10);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('runs', 'note');
  });

  it('counts records by value from key columns, without making seeded records whole', async () => {
    const source = counted(100);
    const store = createMemoryStore();
    await store.seed('s', () => ({ runs: source }));
    await store.remove('s', 'runs', 'r0');
    expect(await store.countBy?.('s', 'runs', 'status')).toEqual([
      { value: 'off', count: 50 },
      { value: 'on', count: 49 },
    ]);
    expect(source.made()).toBe(0);
  });

  it('numbers seeded record i with sequence i and inserts after the last', async () => {
    const store = createMemoryStore();
    await store.seed('s', () => ({ runs: counted(5) }));
    expect((await store.get('s', 'runs', 'r3'))?.seq).toBe(3);
    const inserted = await store.insert('s', 'runs', { id: 'new', data: { status: 'on', createdAt: '2026-02-01T00:00:00.000Z' } });
    expect(inserted.ok && inserted.value.seq).toBe(5);
  });

  it('lists spaces seeded from one generator from one index until one of them writes', async () => {
    const source = syntheticRuns(2_000);
    const store = createMemoryStore();
    await store.seed('a', () => ({ runs: source }));
    await store.seed('b', () => ({ runs: source }));
    const running = { ...newest, where: [{ field: 'status', op: 'eq' as const, value: 'running' }] };
    const before = await store.list('b', 'runs', running);
    expect((await store.list('a', 'runs', running)).items).toEqual(before.items);
    const first = before.items[0];
    await store.replace('a', 'runs', first?.id ?? '', 1, { data: { ...first?.data, status: 'done' }, meta: {} });
    expect((await store.list('a', 'runs', running)).total).toBe(before.total - 1);
    expect((await store.list('b', 'runs', running)).total).toBe(before.total);
    expect((await store.list('b', 'runs', running)).items[0]).toBe(first);
  });

  it('keeps a seeded record replaced in one space as generated in another', async () => {
    const source = syntheticRuns(50);
    const id = source.keys(7).id;
    const store = createMemoryStore();
    await store.seed('a', () => ({ runs: source }));
    await store.seed('b', () => ({ runs: source }));
    const current = await store.get('a', 'runs', id);
    await store.replace('a', 'runs', id, 1, { data: { ...current?.data, status: 'moved' }, meta: {} });
    const moved = await store.list('a', 'runs', { ...newest, where: [{ field: 'status', op: 'eq', value: 'moved' }] });
    expect(moved.items.map((record) => record.id)).toEqual([id]);
    expect((await store.list('b', 'runs', { ...newest, where: [{ field: 'status', op: 'eq', value: 'moved' }] })).total).toBe(0);
    expect((await store.get('b', 'runs', id))?.data).toEqual(source.record(7).data);
  });
});
