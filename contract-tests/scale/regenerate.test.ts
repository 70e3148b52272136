import { describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { testMock } from '../../src/assemble.ts';
import { createControlledClock } from '../../src/core/clock.ts';
import { readPath } from '../../src/core/json.ts';
import { historyOf } from '../../src/state/history.ts';
import { seedColumnsOf } from '../../src/store/seed-columns.ts';
import { type GeneratedCollection, isGenerated, type NewRecord, type StoredRecord } from '../../src/store/store.ts';

// The compact store (decision 006) serves a seeded record by making it again from its generator: what it serves must
// be, byte for byte, what `record(i)` makes fresh, whatever was made before and in whatever order; and its key columns
// must hold exactly the values the generator's keys give, since lists are evaluated on them.

const START = '2026-11-01T00:00:00.000Z';
const mock = testMock({ seed: 1, rateLimits: false, controlledClock: createControlledClock('manual', Date.parse(START)) });
const { admin } = mock;
await admin.ready();

const generated = allPacks.flatMap((pack) =>
  Object.entries(admin.seedData(pack.id)).flatMap(([collection, data]) =>
    isGenerated(data)
      ? [{ api: pack.id, collection, generator: data, moving: pack.lifecycle?.progress?.collection === collection, stateField: pack.lifecycle?.machine.field }]
      : [],
  ),
);
const notGenerated = allPacks.filter((pack) => !generated.some((entry) => entry.api === pack.id)).map((pack) => pack.id);
if (notGenerated.length > 0) console.log(`regeneration checks: no generated collection yet in ${notGenerated.join(', ')}`);

/** The first records, the last, and 30 spread between. */
function sample(count: number): number[] {
  const step = Math.max(1, Math.floor(count / 30));
  return [...new Set([0, 1, 2, ...Array.from({ length: 30 }, (_, k) => k * step), count - 1])].filter((i) => i >= 0 && i < count);
}

const bytesOf = (record: NewRecord | StoredRecord) => JSON.stringify({ id: record.id, data: record.data, meta: record.meta ?? {} });

/** Some other records made first, in a scrambled order, so a generator relying on state left by an earlier call shows. */
function stir(generator: GeneratedCollection, indexes: readonly number[]): void {
  for (const i of [...indexes].reverse().filter((_, k) => k % 3 === 0)) generator.record((i * 7 + 3) % generator.count);
}

describe.runIf(generated.length > 0).each(generated)('$api $collection, generated', ({ api, collection, generator, moving, stateField }) => {
  it('serves every record byte for byte as record(i) makes it fresh, in any order', async () => {
    const indexes = sample(generator.count);
    const ids = indexes.map((i) => generator.keys(i).id);
    const served = await admin.records(api, collection, { ids });
    const byId = new Map((served?.records ?? []).map((record) => [record.id, record]));
    stir(generator, indexes);
    for (const i of [...indexes].reverse()) {
      const stored = byId.get(generator.keys(i).id);
      expect(stored, `${api} ${collection} record ${i}`).toBeDefined();
      expect(bytesOf(stored as StoredRecord), `${api} ${collection} record ${i}`).toBe(bytesOf(generator.record(i)));
    }
  });

  it('lists seeded records in creation order, record i at sequence i', async () => {
    for (const offset of [0, Math.max(0, generator.count - 20)]) {
      const page = await admin.records(api, collection, { offset, limit: 20 });
      const records = page?.records ?? [];
      expect(records.length).toBe(Math.min(20, generator.count - offset));
      records.forEach((record, k) => {
        expect(record.seq).toBe(offset + k);
        expect(bytesOf(record)).toBe(bytesOf(generator.record(offset + k)));
      });
    }
  });

  it('keeps in its key columns exactly the values the keys give, and the keys agree with the records', () => {
    const columns = seedColumnsOf(generator);
    for (let i = 0; i < generator.count; i++) {
      const keys = generator.keys(i);
      generator.fields.forEach((field, k) => {
        expect(JSON.stringify(columns.column(field)?.value(i) ?? null), `${field} of ${i}`).toBe(JSON.stringify(keys.values[k] ?? null));
      });
    }
    for (const i of sample(generator.count)) {
      const record = generator.record(i);
      expect(record.id).toBe(generator.keys(i).id);
      generator.fields.forEach((field, k) => {
        expect(JSON.stringify(readPath(record.data, field) ?? null), `${field} of ${i}`).toBe(JSON.stringify(generator.keys(i).values[k] ?? null));
      });
    }
  });

  // Only for collections whose runs move (LongJump's records move only when a signed-in owner acts).
  if (moving) {
    it('seeds runs without history and declares their state, so their first moves are planned from keys alone', () => {
      expect(generator.fields).toContain(stateField);
      for (const i of sample(generator.count)) expect(historyOf(generator.record(i).meta ?? {})).toEqual([]);
    });
  }
});
