import { describe, expect, it } from 'vitest';
import { schemaRegistry, seedOf } from '../../src/assemble.ts';
import type { JsonObject } from '../../src/core/json.ts';
import examples from '../../fixtures/twinit/examples.json' with { type: 'json' };
import settings from '../../fixtures/twinit/generation.json' with { type: 'json' };
import { generatorOf, keyMismatches, keysMs, recordBytes, sampleIndexes } from '../generated-checks.ts';
import { RUN_FIELDS } from './generated-runs.ts';
import { packTwinit } from './index.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const anchor = Date.parse('2031-05-05T10:07:00.000Z');
const ACTIVE = ['QUEUED', 'RUNNING', 'PAUSED'];
const field = (values: readonly unknown[], name: (typeof RUN_FIELDS)[number]) => values[RUN_FIELDS.indexOf(name)];

describe('Twinit runs generated record by record', () => {
  it('makes the same bytes for a record every time, in any order', () => {
    const indexes = sampleIndexes(generatorOf(packTwinit, 'workflows', { anchor }).count);
    const first = recordBytes(generatorOf(packTwinit, 'workflows', { anchor }), indexes);
    const fresh = generatorOf(packTwinit, 'workflows', { anchor });
    const reversed = recordBytes(fresh, [...indexes].reverse()).reverse();
    expect(reversed).toEqual(first);
    expect(recordBytes(fresh, indexes)).toEqual(first);
  });

  it('gives keys equal to the values at their fields in the record', () => {
    const runs = generatorOf(packTwinit, 'workflows', { anchor });
    expect(runs.fields).toEqual(RUN_FIELDS);
    expect(keyMismatches(runs, sampleIndexes(runs.count, 80))).toEqual([]);
  });

  it('makes the keys of 100,000 runs well within two seconds', () => {
    const runs = generatorOf(packTwinit, 'workflows', { anchor, records: 100_000 });
    expect(runs.count).toBe(1 + 100_000 + settings.runsInSecondNamespace);
    expect(keysMs(runs)).toBeLessThan(2000);
  });

  it("keeps the seed's example run verbatim at index 0", () => {
    const runs = generatorOf(packTwinit, 'workflows', { anchor });
    expect(runs.record(0)).toEqual({ id: examples.getResponse._id, data: examples.getResponse });
    expect(runs.keys(0).id).toBe(examples.getResponse._id);
  });

  it('sizes the first namespace with --records, then the second, each in creation order', () => {
    const runs = generatorOf(packTwinit, 'workflows', { anchor, records: 500 });
    const keys = Array.from({ length: runs.count - 1 }, (_, i) => runs.keys(i + 1).values);
    const first = keys.slice(0, 500);
    const second = keys.slice(500);
    expect(first.every((values) => (field(values, '_namespaces') as string[]).includes(settings.namespace))).toBe(true);
    expect(second).toHaveLength(settings.runsInSecondNamespace);
    expect(second.every((values) => (field(values, '_namespaces') as string[]).includes(settings.secondNamespace))).toBe(true);
    for (const stretch of [first, second]) {
      const created = stretch.map((values) => String(field(values, '_createdAt')));
      expect(created).toEqual([...created].sort());
    }
  });

  it('keeps the status weights and the live timeline: recent runs, active ones hours old, finished ones over weeks', () => {
    const runs = generatorOf(packTwinit, 'workflows', { anchor, records: 20_000 });
    const keys = Array.from({ length: runs.count - 1 }, (_, i) => runs.keys(i + 1).values);
    const total = Object.values(settings.statusWeights).reduce((sum, weight) => sum + weight, 0);
    for (const [status, weight] of Object.entries(settings.statusWeights)) {
      expect(keys.filter((values) => field(values, '_status') === status).length / keys.length, status).toBeCloseTo(weight / total, 1);
    }
    const created = (values: readonly unknown[]) => Date.parse(String(field(values, '_createdAt')));
    expect(keys.every((values) => created(values) < anchor && created(values) >= anchor - settings.timeline.days * DAY)).toBe(true);
    const recent = keys.filter((values) => created(values) >= anchor - HOUR).length / keys.length;
    expect(recent).toBeGreaterThan(settings.timeline.recentShare);
    expect(recent).toBeLessThan(settings.timeline.recentShare * 2);
    const active = keys.filter((values) => ACTIVE.includes(String(field(values, '_status'))));
    expect(active.every((values) => created(values) >= anchor - settings.timeline.activeHours * HOUR)).toBe(true);
    expect(active.some((values) => created(values) < anchor - settings.timeline.activeHours * HOUR + HOUR)).toBe(true);
    expect(Math.min(...keys.map(created))).toBeLessThan(anchor - (settings.timeline.days - 2) * DAY);
  });

  it('keeps DO_WHILE iterations in meta.loopTasks, none for a queued run', () => {
    const runs = generatorOf(packTwinit, 'workflows', { anchor });
    const looping = Array.from({ length: runs.count }, (_, i) => runs.record(i)).filter((run) =>
      (run.data['_tasks'] as JsonObject[]).some((task) => task['_type'] === 'DO_WHILE'),
    );
    expect(looping.length).toBeGreaterThan(0);
    for (const run of looping) {
      const loops = (run.meta?.['loopTasks'] ?? []) as JsonObject[];
      if (run.data['_status'] === 'QUEUED') expect(loops, run.id).toEqual([]);
      else expect(loops.length, run.id).toBeGreaterThanOrEqual(1);
      expect(loops.every((task) => String(task['_name']).startsWith('loop_iteration__'))).toBe(true);
    }
  });

  it("validates every seeded record against the pack's schemas", () => {
    const registry = schemaRegistry();
    const seeded = seedOf(packTwinit, { anchor });
    for (const [collection, declared] of Object.entries(packTwinit.collections ?? {})) {
      const records = seeded[collection] ?? [];
      expect(records.length, collection).toBeGreaterThan(0);
      expect(records.flatMap((record) => registry.check(declared.schema, record.data).map((issue) => `${record.id}: ${JSON.stringify(issue)}`))).toEqual([]);
    }
  });
});
