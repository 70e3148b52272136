import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../core/json.ts';
import { positionOf, type ListQuery, type SortKey } from './query.ts';
import type { Store, StoredRecord } from './store.ts';

/**
 * The behaviour every Store backend must share. Each backend's test file calls this with a factory, the way
 * Hono runs one router suite against each router implementation.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<Store> | Store): void {
  const run = (data: JsonObject, id: string) => ({ id, data });
  const newestFirst: SortKey[] = [{ field: 'createdAt', dir: 'desc', as: 'time' }];
  const all = (orderBy: SortKey[] = newestFirst, limit = 1000): ListQuery => ({ where: [], orderBy, page: { kind: 'offset', offset: 0, limit } });
  const ids = (records: readonly StoredRecord[]) => records.map((record) => record.id);

  async function seeded(count: number): Promise<Store> {
    const store = await makeStore();
    const records = Array.from({ length: count }, (_, i) =>
      run(
        {
          id: `r${i}`,
          status: i % 3 === 0 ? 'done' : 'running',
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
          name: `Run ${i}`,
          tags: [i % 2 === 0 ? 'even' : 'odd'],
          amount: i,
        },
        `r${i}`,
      ),
    );
    await store.seed('s', () => ({ runs: records }));
    return store;
  }

  describe(`${name} store contract`, () => {
    it('returns an inserted record by id with version 1', async () => {
      const store = await makeStore();
      const inserted = await store.insert('s', 'runs', run({ status: 'new' }, 'a'));
      expect(inserted.ok).toBe(true);
      expect(await store.get('s', 'runs', 'a')).toMatchObject({ id: 'a', version: 1, data: { status: 'new' }, meta: {} });
    });

    it('refuses a second insert with the same id', async () => {
      const store = await makeStore();
      await store.insert('s', 'runs', run({}, 'a'));
      expect(await store.insert('s', 'runs', run({}, 'a'))).toEqual({ ok: false, error: 'exists' });
    });

    it('replaces only when the expected version matches', async () => {
      const store = await makeStore();
      await store.insert('s', 'runs', run({ status: 'new' }, 'a'));
      const first = await store.replace('s', 'runs', 'a', 1, { data: { status: 'running' }, meta: {} });
      const second = await store.replace('s', 'runs', 'a', 1, { data: { status: 'failed' }, meta: {} });
      expect(first).toMatchObject({ ok: true, value: { version: 2, data: { status: 'running' } } });
      expect(second).toEqual({ ok: false, error: 'stale' });
      expect((await store.get('s', 'runs', 'a'))?.data).toEqual({ status: 'running' });
    });

    it('reports a replace of an unknown id as missing', async () => {
      const store = await makeStore();
      expect(await store.replace('s', 'runs', 'nope', 1, { data: {}, meta: {} })).toEqual({ ok: false, error: 'missing' });
    });

    it('keeps spaces apart', async () => {
      const store = await makeStore();
      await store.insert('one', 'runs', run({}, 'a'));
      expect(await store.get('two', 'runs', 'a')).toBeUndefined();
    });

    it('removes a record', async () => {
      const store = await makeStore();
      await store.insert('s', 'runs', run({}, 'a'));
      expect(await store.remove('s', 'runs', 'a')).toBe(true);
      expect(await store.get('s', 'runs', 'a')).toBeUndefined();
      expect(await store.remove('s', 'runs', 'a')).toBe(false);
    });

    it('seeds a space once and again only after drop', async () => {
      const store = await makeStore();
      expect(await store.seed('s', () => ({ runs: [run({}, 'a')] }))).toBe(true);
      expect(await store.seed('s', () => ({ runs: [run({}, 'b')] }))).toBe(false);
      expect(await store.get('s', 'runs', 'b')).toBeUndefined();
      await store.drop('s');
      expect(await store.get('s', 'runs', 'a')).toBeUndefined();
      expect(await store.seed('s', () => ({ runs: [run({}, 'b')] }))).toBe(true);
    });

    it('dumps a space and restores it with the same order, versions and next sequence', async () => {
      const store = await seeded(5);
      await store.replace('s', 'runs', 'r2', 1, { data: { id: 'r2', status: 'moved', createdAt: '2026-01-01T00:00:02.000Z' }, meta: { note: 'kept' } });
      const dump = await store.dump('s');
      await store.drop('s');
      expect(await store.get('s', 'runs', 'r2')).toBeUndefined();
      await store.restore('t', dump);
      expect(await store.get('t', 'runs', 'r2')).toMatchObject({ version: 2, data: { status: 'moved' }, meta: { note: 'kept' } });
      expect(ids((await store.list('t', 'runs', all())).items)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
      const added = await store.insert('t', 'runs', run({ createdAt: '2026-01-01T00:00:00.000Z' }, 'late'));
      expect(added.ok && added.value.seq).toBe(6);
      expect((await store.spaces()).sort()).toEqual(['t']);
    });

    it('sorts newest first and counts every match', async () => {
      const store = await seeded(10);
      const page = await store.list('s', 'runs', all());
      expect(ids(page.items)).toEqual(['r9', 'r8', 'r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1', 'r0']);
      expect(page.total).toBe(10);
      expect(page.hasMore).toBe(false);
    });

    it('breaks ties by insertion order in the direction of the first key', async () => {
      const store = await makeStore();
      for (const id of ['a', 'b', 'c']) await store.insert('s', 'runs', run({ createdAt: '2026-01-01T00:00:00Z' }, id));
      expect(ids((await store.list('s', 'runs', all())).items)).toEqual(['c', 'b', 'a']);
      expect(ids((await store.list('s', 'runs', all([{ field: 'createdAt', dir: 'asc' }]))).items)).toEqual(['a', 'b', 'c']);
    });

    it('sorts missing values as larger than any value: last ascending, first descending', async () => {
      const store = await makeStore();
      await store.insert('s', 'runs', run({ endedAt: null }, 'open'));
      await store.insert('s', 'runs', run({ endedAt: '2026-01-02T00:00:00Z' }, 'late'));
      await store.insert('s', 'runs', run({ endedAt: '2026-01-01T00:00:00Z' }, 'early'));
      expect(ids((await store.list('s', 'runs', all([{ field: 'endedAt', dir: 'asc', as: 'time' }]))).items)).toEqual(['early', 'late', 'open']);
      expect(ids((await store.list('s', 'runs', all([{ field: 'endedAt', dir: 'desc', as: 'time' }]))).items)).toEqual(['open', 'late', 'early']);
    });

    it('filters with each operator', async () => {
      const store = await seeded(12);
      const where = async (condition: ListQuery['where'][number]) =>
        ids((await store.list('s', 'runs', { ...all([{ field: 'amount', dir: 'asc' }]), where: [condition] })).items);
      expect(await where({ field: 'status', op: 'eq', value: 'done' })).toEqual(['r0', 'r3', 'r6', 'r9']);
      expect(await where({ field: 'amount', op: 'in', values: [1, 5, 50] })).toEqual(['r1', 'r5']);
      expect(await where({ field: 'tags', op: 'has', value: 'odd' })).toHaveLength(6);
      expect(await where({ field: 'tags', op: 'overlaps', values: ['odd', 'prime'] })).toHaveLength(6);
      expect(await where({ field: 'tags', op: 'overlaps', values: ['odd', 'even'] })).toHaveLength(12);
      expect(await where({ field: 'tags', op: 'overlaps', values: ['none'] })).toEqual([]);
      expect(await where({ field: 'name', op: 'contains', value: 'run 1', ignoreCase: true })).toEqual(['r1', 'r10', 'r11']);
      expect(await where({ field: 'name', op: 'contains', value: 'run 1' })).toEqual([]);
      expect(await where({ field: 'amount', op: 'gte', value: 10 })).toEqual(['r10', 'r11']);
      expect(await where({ field: 'amount', op: 'lt', value: 2 })).toEqual(['r0', 'r1']);
      const from = Date.UTC(2026, 0, 1, 0, 0, 3);
      expect(await where({ field: 'createdAt', op: 'gt', value: from, as: 'time' })).toHaveLength(8);
      expect(await where({ field: 'createdAt', op: 'lte', value: from, as: 'time' })).toEqual(['r0', 'r1', 'r2', 'r3']);
    });

    it('pages by offset without gaps or repeats', async () => {
      const store = await seeded(25);
      const seen: string[] = [];
      for (let offset = 0; ; offset += 7) {
        const page = await store.list('s', 'runs', { where: [], orderBy: newestFirst, page: { kind: 'offset', offset, limit: 7 } });
        seen.push(...ids(page.items));
        if (!page.hasMore) break;
      }
      expect(seen).toEqual(ids((await store.list('s', 'runs', all())).items));
    });

    it('pages by keyset past records inserted during the traversal, visiting each original once', async () => {
      const store = await seeded(30);
      const seen: string[] = [];
      let after: ListQuery['page'] = { kind: 'keyset', limit: 4 };
      for (let round = 0; round < 50; round++) {
        const page = await store.list('s', 'runs', { where: [], orderBy: newestFirst, page: after });
        seen.push(...ids(page.items));
        await store.insert('s', 'runs', run({ createdAt: new Date(Date.UTC(2026, 5, 1, 0, 0, round)).toISOString() }, `new${round}`));
        const last = page.items.at(-1);
        if (!page.hasMore || !last) break;
        after = { kind: 'keyset', limit: 4, after: positionOf(last, newestFirst) };
      }
      expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `r${29 - i}`));
    });
  });
}
