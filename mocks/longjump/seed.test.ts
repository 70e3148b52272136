import { describe, expect, it } from 'vitest';
import { schemaRegistry, seedOf } from '../../src/assemble.ts';
import type { OperationInput } from '../../src/engine/pack.ts';
import type { NewRecord, StoredRecord } from '../../src/store/store.ts';
import model from '../../fixtures/longjump/model.json' with { type: 'json' };
import { generatorOf, keyMismatches, keysMs, recordBytes, sampleIndexes } from '../generated-checks.ts';
import { packLongjump } from './index.ts';
import { RECORD_FIELDS, recordKey } from './seed.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const anchor = Date.parse('2031-05-05T10:07:00.000Z');
const records = (count?: number) => generatorOf(packLongjump, 'records', { anchor, ...(count === undefined ? {} : { records: count }) });
const created = (values: readonly unknown[]) => Date.parse(String(values[RECORD_FIELDS.indexOf('date_created')]));

describe('LongJump records generated record by record', () => {
  it('makes the same bytes for a record every time, in any order', () => {
    const indexes = sampleIndexes(records().count);
    const first = recordBytes(records(), indexes);
    const fresh = records();
    expect(recordBytes(fresh, [...indexes].reverse()).reverse()).toEqual(first);
    expect(recordBytes(fresh, indexes)).toEqual(first);
  });

  it('gives keys equal to the values at their fields in the record', () => {
    const all = records();
    expect(keyMismatches(all, sampleIndexes(all.count, 60))).toEqual([]);
  });

  it('makes the keys of 100,000 records well within two seconds', () => {
    const big = records(100_000);
    expect(big.count).toBe(model.records.length + 100_000);
    expect(keysMs(big)).toBeLessThan(2000);
  });

  it("keeps the model's hand-written records verbatim first, then purchase orders numbered from firstId", () => {
    const all = records();
    expect(model.records.map((_, i) => all.record(i))).toEqual(model.records.map((record) => ({ id: recordKey(record.objectName, record.id), data: record })));
    expect(all.count).toBe(model.records.length + model.generated.count);
    expect(all.keys(model.records.length).id).toBe(`purchase_orders/${model.generated.firstId}`);
    expect(all.keys(all.count - 1).id).toBe(`purchase_orders/${model.generated.firstId + model.generated.count - 1}`);
  });

  it('creates the purchase orders in index order within the active hours, some in the last hour', () => {
    const all = records(2000);
    const generated = Array.from({ length: 2000 }, (_, i) => all.keys(model.records.length + i).values);
    const times = generated.map(created);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((at) => at < anchor && at >= anchor - model.generated.timeline.activeHours * HOUR)).toBe(true);
    expect(times.filter((at) => at >= anchor - HOUR).length / times.length).toBeGreaterThan(model.generated.timeline.recentShare);
    expect(Math.min(...times)).toBeLessThan(anchor - (model.generated.timeline.activeHours - 1) * HOUR);
  });

  it("keeps every generated record's amount within the model's range", () => {
    const all = records();
    for (let i = model.records.length; i < all.count; i++) {
      const amount = Number((all.record(i).data['fields'] as Record<string, string>)['amount']);
      expect(amount).toBeGreaterThanOrEqual(model.generated.amount.min);
      expect(amount).toBeLessThanOrEqual(model.generated.amount.max);
    }
  });

  it("answers every seeded record's views within the pack's response schemas", () => {
    const registry = schemaRegistry();
    const seeded = seedOf(packLongjump, { anchor });
    const records = seeded['records'] ?? [];
    expect(records).toHaveLength(model.records.length + model.generated.count);
    const problems: string[] = [];
    for (const operation of packLongjump.operations.filter((op) => op.action.kind === 'get')) {
      const schema = operation.responses[200];
      if (operation.action.kind !== 'get' || !operation.action.view || typeof schema !== 'string') continue;
      for (const [seq, record] of records.entries()) {
        const workflow = (seeded['workflows'] ?? []).find((w) => w.id === record.data['objectName']);
        if (!workflow) throw new Error(`no workflow for ${record.id}`);
        const stored = (r: NewRecord, n: number): StoredRecord => ({ id: r.id, seq: n, version: 1, data: r.data, meta: r.meta ?? {} });
        const input = {
          parents: { workflow: stored(workflow, 0) },
          caller: { credential: 'test', principal: model.users[0]?.id ?? '' },
        } as unknown as OperationInput;
        const issues = registry.check(schema, operation.action.view(stored(record, seq), input));
        if (issues.length > 0) problems.push(`${operation.id} ${record.id}: ${JSON.stringify(issues[0])}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
