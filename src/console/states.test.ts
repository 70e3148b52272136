import { describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { testMock } from '../assemble.ts';
import { readPath } from '../core/json.ts';
import type { ApiPack } from '../engine/pack.ts';
import type { StoredRecord } from '../store/store.ts';
import { countStates, type RecordPages } from './states.ts';

const pack = (id: string) => allPacks.find((candidate) => candidate.id === id) as ApiPack;

describe('counting runs by state', () => {
  it("counts every stored run of the console's collection by the machine's field", async () => {
    const { admin } = testMock({ seed: 1 });
    const read: RecordPages = (collection, page) => admin.records('twinit', collection, page);
    const counted = await countStates(pack('twinit'), read);
    const all = await admin.records('twinit', 'workflows', { offset: 0, limit: 10_000 });
    const expected: Record<string, number> = {};
    for (const record of all?.records ?? []) {
      const state = String(readPath(record.data, '_status'));
      expected[state] = (expected[state] ?? 0) + 1;
    }
    expect(counted).toEqual({ field: '_status', counts: expected, total: all?.total });
    expect(Object.values(expected).reduce((sum, n) => sum + n, 0)).toBe(all?.total);
  });

  it('counts from the store without reading records when it can, with the same result', async () => {
    const { admin } = testMock({ seed: 1 });
    const read: RecordPages = (collection, page) => admin.records('amperity', collection, page);
    let asked = 0;
    const counted = await countStates(pack('amperity'), read, async (collection, field) => {
      asked++;
      return admin.countBy('amperity', collection, field);
    });
    expect(asked).toBe(1);
    expect(counted).toEqual(await countStates(pack('amperity'), read));
  });

  it('reads page after page until the total', async () => {
    const records = Array.from(
      { length: 1203 },
      (_, i): StoredRecord => ({ id: String(i), seq: i, version: 1, data: { status: i % 3 === 0 ? 'Complete' : 'Runnable' }, meta: {} }),
    );
    const asked: number[] = [];
    const read: RecordPages = async (_collection, page) => {
      asked.push(page.offset);
      return { records: records.slice(page.offset, page.offset + page.limit), total: records.length };
    };
    expect(await countStates(pack('8x8'), read)).toEqual({ field: 'status', counts: { Complete: 401, Runnable: 802 }, total: 1203 });
    expect(asked).toEqual([0, 500, 1000]);
  });

  it('has nothing to count for an API without a machine', async () => {
    expect(await countStates(pack('longjump'), async () => ({ records: [], total: 0 }))).toBeNull();
  });
});
