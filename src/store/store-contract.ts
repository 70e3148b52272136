import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../core/json.ts';
import { generatedFrom } from './generated-fixture.ts';
import { positionOf, type ListQuery, type SortKey } from './query.ts';
import type { NewRecord, SeedCollection, Store, StoredRecord } from './store.ts';

/** The fields the contract's lists read, as a generated collection declares them. */
const FIELDS = ['status', 'createdAt', 'name', 'tags', 'amount'];

/** A seeded collection in each form a seed may take: records, or a generator of them (issue 17). */
const FORMS: readonly { readonly form: string; readonly make: (records: readonly NewRecord[]) => SeedCollection }[] = [
  { form: 'records', make: (records) => records },
  { form: 'a generator', make: (records) => generatedFrom(records, FIELDS) },
];

type MakeStore = () => Promise<Store> | Store;

const run = (data: JsonObject, id: string): NewRecord => ({ id, data });
const newestFirst: SortKey[] = [{ field: 'createdAt', dir: 'desc', as: 'time' }];
const all = (orderBy: SortKey[] = newestFirst, limit = 1000): ListQuery => ({ where: [], orderBy, page: { kind: 'offset', offset: 0, limit } });
const ids = (records: readonly StoredRecord[]) => records.map((record) => record.id);

/** Seeded run `i`: every third one done, a creation second per index, a name, a tag, an amount. */
const seededRun = (i: number): NewRecord =>
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
  );

/**
 * The behaviour every Store backend must share. Each backend's test file calls this with a factory, the way
 * Hono runs one router suite against each router implementation. Every test of seeded data runs twice: with the seed
 * as records, and as a generated collection (which a compact store keeps as key columns, decision 006).
 */
export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describeWrites(`${name} store contract`, makeStore);
  for (const { form, make } of FORMS) describeSeeded(`${name} store contract, seeded with ${form}`, makeStore, make);
}

function describeWrites(title: string, makeStore: MakeStore): void {
  describe(title, () => {
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
  });
}

function describeSeeded(title: string, makeStore: MakeStore, form: (records: readonly NewRecord[]) => SeedCollection): void {
  const seedOf = (records: readonly NewRecord[]) => () => ({ runs: form(records) });

  async function seeded(count: number, space = 's', store?: Store): Promise<Store> {
    const target = store ?? (await makeStore());
    await target.seed(space, seedOf(Array.from({ length: count }, (_, i) => seededRun(i))));
    return target;
  }

  describe(title, () => {
    it('seeds a space once and again only after drop', async () => {
      const store = await makeStore();
      expect(await store.seed('s', seedOf([run({ status: 'a' }, 'a')]))).toBe(true);
      expect(await store.seed('s', seedOf([run({ status: 'b' }, 'b')]))).toBe(false);
      expect(await store.get('s', 'runs', 'b')).toBeUndefined();
      await store.drop('s');
      expect(await store.get('s', 'runs', 'a')).toBeUndefined();
      expect(await store.seed('s', seedOf([run({ status: 'b' }, 'b')]))).toBe(true);
      expect(await store.get('s', 'runs', 'b')).toMatchObject({ id: 'b', version: 1, data: { status: 'b' } });
    });

    it('returns a seeded record by id with version 1, and nothing for an unknown id', async () => {
      const store = await seeded(40);
      expect(await store.get('s', 'runs', 'r17')).toMatchObject({ id: 'r17', version: 1, data: seededRun(17).data, meta: {} });
      expect(await store.get('s', 'runs', 'r40')).toBeUndefined();
      expect(await store.insert('s', 'runs', run({}, 'r3'))).toEqual({ ok: false, error: 'exists' });
    });

    it('dumps a space and restores it with the same order, versions and next sequence', async () => {
      const store = await seeded(5);
      await store.replace('s', 'runs', 'r2', 1, { data: { id: 'r2', status: 'moved', createdAt: '2026-01-01T00:00:02.000Z' }, meta: { note: 'kept' } });
      const dump = await store.dump('s');
      expect(dump['runs']?.map((record) => [record.id, record.version])).toEqual([
        ['r0', 1],
        ['r1', 1],
        ['r2', 2],
        ['r3', 1],
        ['r4', 1],
      ]);
      await store.drop('s');
      expect(await store.get('s', 'runs', 'r2')).toBeUndefined();
      await store.restore('t', dump);
      expect(await store.get('t', 'runs', 'r2')).toMatchObject({ version: 2, data: { status: 'moved' }, meta: { note: 'kept' } });
      expect(ids((await store.list('t', 'runs', all())).items)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
      const added = await store.insert('t', 'runs', run({ createdAt: '2026-01-01T00:00:00.000Z' }, 'late'));
      expect(added.ok && added.value.seq).toBe(Math.max(...(dump['runs'] ?? []).map((record) => record.seq)) + 1);
      expect((await store.spaces()).sort()).toEqual(['t']);
    });

    it('sorts newest first and counts every match', async () => {
      const store = await seeded(10);
      const page = await store.list('s', 'runs', all());
      expect(ids(page.items)).toEqual(['r9', 'r8', 'r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1', 'r0']);
      expect(page.total).toBe(10);
      expect(page.hasMore).toBe(false);
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

    it('lists replaced seeded records by their new values and leaves removed ones out', async () => {
      const store = await seeded(9);
      const r4 = await store.get('s', 'runs', 'r4');
      await store.replace('s', 'runs', 'r4', 1, { data: { ...r4?.data, status: 'done', amount: 100 }, meta: {} });
      expect(await store.remove('s', 'runs', 'r3')).toBe(true);
      expect(await store.remove('s', 'runs', 'r3')).toBe(false);
      const done = await store.list('s', 'runs', { ...all([{ field: 'amount', dir: 'desc' }]), where: [{ field: 'status', op: 'eq', value: 'done' }] });
      expect(ids(done.items)).toEqual(['r4', 'r6', 'r0']);
      expect(done.total).toBe(3);
      const big = await store.list('s', 'runs', { ...all(), where: [{ field: 'amount', op: 'gte', value: 4 }] });
      expect(ids(big.items)).toEqual(['r8', 'r7', 'r6', 'r5', 'r4']);
      expect(await store.get('s', 'runs', 'r3')).toBeUndefined();
      expect(await store.get('s', 'runs', 'r4')).toMatchObject({ version: 2, data: { amount: 100 } });
      expect((await store.list('s', 'runs', all())).total).toBe(8);
    });

    it('keeps the sequence of a replaced seeded record and numbers inserts after every seeded one', async () => {
      const store = await seeded(6);
      const seeded3 = await store.get('s', 'runs', 'r3');
      const replaced = await store.replace('s', 'runs', 'r3', 1, { data: { status: 'moved' }, meta: {} });
      expect(replaced.ok && replaced.value.seq).toBe(seeded3?.seq);
      await store.remove('s', 'runs', 'r5');
      const again = await store.insert('s', 'runs', run({ status: 'back' }, 'r5'));
      const seqs = (await store.dump('s'))['runs']?.map((record) => record.seq) ?? [];
      expect(again.ok && again.value.seq).toBeGreaterThan(Math.max(...seqs.slice(0, -1)));
      expect(await store.get('s', 'runs', 'r5')).toMatchObject({ version: 1, data: { status: 'back' } });
    });

    it('keeps spaces seeded from the same seed apart', async () => {
      const records = Array.from({ length: 8 }, (_, i) => seededRun(i));
      const collection = form(records);
      const store = await makeStore();
      await store.seed('one', () => ({ runs: collection }));
      await store.seed('two', () => ({ runs: collection }));
      await store.replace('one', 'runs', 'r1', 1, { data: { status: 'changed' }, meta: {} });
      await store.remove('one', 'runs', 'r2');
      expect(await store.get('two', 'runs', 'r1')).toMatchObject({ version: 1, data: { status: 'running' } });
      expect(await store.get('two', 'runs', 'r2')).toBeDefined();
      expect((await store.list('two', 'runs', all())).total).toBe(8);
      expect((await store.list('one', 'runs', all())).total).toBe(7);
    });

    it('counts records by value that agree with a list, when the store offers it', async () => {
      const store = await seeded(12);
      await store.replace('s', 'runs', 'r1', 1, { data: { ...seededRun(1).data, status: 'done' }, meta: {} });
      await store.remove('s', 'runs', 'r2');
      await store.insert('s', 'runs', run({ amount: 99 }, 'extra'));
      if (!store.countBy) return;
      const counts = await store.countBy('s', 'runs', 'status');
      const listed = (await store.list('s', 'runs', all())).items;
      const expected = new Map<string, number>();
      for (const record of listed)
        expected.set(JSON.stringify(record.data['status'] ?? null), (expected.get(JSON.stringify(record.data['status'] ?? null)) ?? 0) + 1);
      expect(new Map(counts.map(({ value, count }) => [JSON.stringify(value), count]))).toEqual(expected);
      expect(expected.get('"done"')).toBe(5);
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
