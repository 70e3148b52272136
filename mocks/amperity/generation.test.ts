import { describe, expect, it } from 'vitest';
import { schemaRegistry, seedOf } from '../../src/assemble.ts';
import type { JsonObject } from '../../src/core/json.ts';
import examples from '../../fixtures/amperity/examples.json' with { type: 'json' };
import settings from '../../fixtures/amperity/generation.json' with { type: 'json' };
import { generatorOf, keyMismatches, keysMs, recordBytes, sampleIndexes } from '../generated-checks.ts';
import { packAmperity } from './index.ts';
import { ENDED } from './runs.ts';
import { RUN_FIELDS } from './seed.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const anchor = Date.parse('2031-05-05T10:07:00.000Z');
const field = (values: readonly unknown[], name: (typeof RUN_FIELDS)[number]) => values[RUN_FIELDS.indexOf(name)];
const runs = (records?: number) => generatorOf(packAmperity, 'runs', { anchor, ...(records === undefined ? {} : { records }) });

describe('Amperity runs generated record by record', () => {
  it('makes the same bytes for a record every time, in any order', () => {
    const indexes = sampleIndexes(runs().count);
    const first = recordBytes(runs(), indexes);
    const fresh = runs();
    expect(recordBytes(fresh, [...indexes].reverse()).reverse()).toEqual(first);
    expect(recordBytes(fresh, indexes)).toEqual(first);
  });

  it('gives keys equal to the values at their fields in the record, null where a run has not ended', () => {
    const all = runs();
    expect(keyMismatches(all, sampleIndexes(all.count, 80))).toEqual([]);
    const active = Array.from({ length: all.count }, (_, i) => all.keys(i)).find((keys) => !ENDED.includes(String(field(keys.values, 'state'))));
    expect(active && field(active.values, 'ended_at')).toBeNull();
  });

  it('makes the keys of 100,000 runs well within two seconds', () => {
    const big = runs(100_000);
    expect(big.count).toBe(1 + 100_000 + settings.runsPerTenant);
    expect(keysMs(big)).toBeLessThan(2000);
  });

  it("keeps the seed document's run verbatim at index 0, with its verbose fields", () => {
    const example = runs().record(0);
    expect(example.id).toBe(examples.run.id);
    expect(example.data).toMatchObject(examples.run);
    expect(example.data['task_instances']).toBeDefined();
  });

  it("gives each tenant a stretch of indexes (--records sizes socktown's), in creation order, ids dated by creation", () => {
    const all = runs(400);
    const keys = Array.from({ length: all.count - 1 }, (_, i) => all.keys(i + 1));
    const socktown = keys.slice(0, 400);
    const acme = keys.slice(400);
    expect(socktown.every((k) => field(k.values, 'tenant') === 'socktown')).toBe(true);
    expect(acme).toHaveLength(settings.runsPerTenant);
    expect(acme.every((k) => field(k.values, 'tenant') === 'acme')).toBe(true);
    for (const stretch of [socktown, acme]) {
      const created = stretch.map((k) => String(field(k.values, 'created_at')));
      expect(created).toEqual([...created].sort());
    }
    expect(
      keys.every(
        (k) => /^wf-\d{8}-\d{5}-[A-Za-z]{5}$/.test(k.id) && k.id.slice(3, 11) === String(field(k.values, 'created_at')).slice(0, 10).replaceAll('-', ''),
      ),
    ).toBe(true);
  });

  it("keeps the state weights and each active state's age; finished runs end by the anchor", () => {
    const all = runs(20_000);
    const keys = Array.from({ length: all.count - 1 }, (_, i) => all.keys(i + 1).values);
    const total = Object.values(settings.stateWeights).reduce((sum, weight) => sum + weight, 0);
    for (const [state, weight] of Object.entries(settings.stateWeights)) {
      expect(keys.filter((values) => field(values, 'state') === state).length / keys.length, state).toBeCloseTo(weight / total, 1);
    }
    const created = (values: readonly unknown[]) => Date.parse(String(field(values, 'created_at')));
    const ages: Readonly<Record<string, readonly number[]>> = settings.activeAgeMinutes;
    for (const values of keys.filter((v) => !ENDED.includes(String(field(v, 'state'))))) {
      const [youngest = 0, oldest = 0] = ages[String(field(values, 'state'))] ?? [];
      expect(anchor - created(values)).toBeGreaterThanOrEqual(youngest * MINUTE - 1);
      expect(anchor - created(values)).toBeLessThanOrEqual(oldest * MINUTE);
    }
    const finished = keys.filter((v) => ENDED.includes(String(field(v, 'state'))));
    expect(finished.every((values) => Date.parse(String(field(values, 'ended_at'))) <= anchor)).toBe(true);
    expect(Math.min(...finished.map(created))).toBeLessThan(anchor - (settings.timeline.days - 2) * DAY);
    const recentFinished = finished.filter((values) => created(values) >= anchor - HOUR).length / finished.length;
    expect(recentFinished).toBeCloseTo(settings.timeline.recentShare, 1);
  });

  it('gives a failed run its error on the run and its failed task', () => {
    const all = runs();
    const failed = Array.from({ length: all.count }, (_, i) => all.record(i).data).filter((data) => data['state'] === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const run of failed) {
      const failedTasks = (run['task_instances'] as JsonObject[]).filter((task) => task['state'] === 'failed');
      expect(failedTasks.every((task) => JSON.stringify(task['error']) === JSON.stringify(run['error']))).toBe(true);
    }
  });

  it("validates every seeded run against the pack's schema", () => {
    const registry = schemaRegistry();
    const seeded = seedOf(packAmperity, { anchor });
    const schema = packAmperity.collections?.['runs']?.schema ?? '';
    const records = seeded['runs'] ?? [];
    expect(records).toHaveLength(1 + 2 * settings.runsPerTenant);
    expect(records.flatMap((record) => registry.check(schema, record.data).map((issue) => `${record.id}: ${JSON.stringify(issue)}`))).toEqual([]);
  });
});
