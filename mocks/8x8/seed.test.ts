import { describe, expect, it } from 'vitest';
import { schemaRegistry, seedOf } from '../../src/assemble.ts';
import examples from '../../fixtures/8x8/examples.json' with { type: 'json' };
import settings from '../../fixtures/8x8/generation.json' with { type: 'json' };
import { generatorOf, keyMismatches, keysMs, recordBytes, sampleIndexes } from '../generated-checks.ts';
import { pack8x8 } from './index.ts';
import { schemaId } from './schema-ids.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ANCHOR = Date.parse('2026-11-01T00:00:00.000Z');
const DOCUMENTED = settings.documentedDefinition.id;
const EXAMPLE_IDS = examples.workflowList.map((w) => w.workflowId);

const workflowsOf = (anchor = ANCHOR, records?: number) => generatorOf(pack8x8, 'workflows', { anchor, ...(records === undefined ? {} : { records }) });
const seeded = seedOf(pack8x8, { anchor: ANCHOR });
const generated = (seeded['workflows'] ?? []).filter((w) => !EXAMPLE_IDS.includes(w.id));
const documented = generated.filter((w) => w.data['definitionId'] === DOCUMENTED);
const at = (value: unknown) => Date.parse(String(value));

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

describe('8x8 seeded workflows', () => {
  it('makes the same record again in any order', () => {
    const workflows = workflowsOf();
    const indexes = sampleIndexes(workflows.count);
    const forwards = recordBytes(workflows, indexes);
    const backwards = recordBytes(workflows, [...indexes].reverse()).reverse();
    expect(backwards).toEqual(forwards);
    expect(recordBytes(workflowsOf(), indexes)).toEqual(forwards);
  });

  it('gives keys that agree with the records, examples included', () => {
    const workflows = workflowsOf();
    expect(keyMismatches(workflows, sampleIndexes(workflows.count, 80))).toEqual([]);
    expect([0, 1].map((i) => workflows.keys(i).id)).toEqual([...EXAMPLE_IDS].reverse());
  });

  it('makes the keys of 100,000 workflows well within two seconds', () => {
    const workflows = workflowsOf(ANCHOR, 100_000);
    expect(workflows.count).toBeGreaterThan(100_000);
    expect(keysMs(workflows)).toBeLessThan(2000);
  });

  it('sizes the documented definition by --records and keeps its examples verbatim', () => {
    expect(documented.length).toBe(settings.documentedDefinition.workflows);
    expect(workflowsOf(ANCHOR, 1000).count - workflowsOf().count).toBe(1000 - settings.documentedDefinition.workflows);
    expect(EXAMPLE_IDS.map((id) => seeded['workflows']?.find((w) => w.id === id)?.data)).toEqual(examples.workflowList);
  });

  it('starts each definition version’s workflows in index order, with ids that carry the start second', () => {
    const byVersion = groupBy(generated, (w) => `${w.data['definitionId']}/${w.data['version']}`);
    expect(byVersion.size).toBeGreaterThan(6);
    for (const runs of byVersion.values()) {
      // Only a finished run that would have ended after the anchor was moved back from its place.
      const late = runs.filter((w, k) => k > 0 && at(w.data['startedAt']) < at(runs[k - 1]?.data['startedAt']));
      expect(late.length).toBeLessThanOrEqual(Math.ceil(runs.length / 20));
    }
    expect(generated.every((w) => parseInt(w.id.slice(0, 8), 16) === Math.floor(at(w.data['startedAt']) / 1000))).toBe(true);
    expect(new Set(generated.map((w) => w.id)).size).toBe(generated.length);
  });

  it('keeps the status weights and the live timeline at 100,000 records', () => {
    const workflows = workflowsOf(ANCHOR, 100_000);
    const counts: Record<string, number> = {};
    let lastHour = 0;
    const outside: number[] = [];
    for (let i = 2; i < 100_002; i++) {
      const [, , , status, startedAt] = workflows.keys(i).values;
      counts[String(status)] = (counts[String(status)] ?? 0) + 1;
      const start = at(startedAt);
      const earliest = status === 'Runnable' || status === 'Suspended' ? ANCHOR - settings.timeline.activeHours * HOUR : ANCHOR - settings.timeline.days * DAY;
      if (start >= ANCHOR || start < earliest) outside.push(i);
      if (start >= ANCHOR - HOUR) lastHour++;
    }
    expect(outside).toEqual([]);
    const total = Object.values(settings.statusWeights).reduce((sum, weight) => sum + weight, 0);
    for (const [status, weight] of Object.entries(settings.statusWeights))
      expect(Math.abs((counts[status] ?? 0) / 100_000 - weight / total)).toBeLessThan(0.01);
    // The recent share, plus the active runs' hour out of their eight.
    expect(lastHour / 100_000).toBeGreaterThan(settings.timeline.recentShare);
    expect(lastHour / 100_000).toBeLessThan(settings.timeline.recentShare + 0.06);
  });

  it("ends older versions' workflows before the next version, all finished", () => {
    const versions = groupBy(
      generated.filter((w) => w.data['definitionId'] !== DOCUMENTED),
      (w) => String(w.data['definitionId']),
    );
    let older = 0;
    for (const runs of versions.values()) {
      const latest = Math.max(...runs.map((w) => Number(w.data['version'])));
      for (const run of runs.filter((w) => Number(w.data['version']) < latest)) {
        older++;
        expect(['Complete', 'Terminated']).toContain(run.data['status']);
        expect(at(run.data['completedAt'])).toBeLessThan(ANCHOR);
      }
    }
    expect(older).toBeGreaterThan(0);
  });

  it('validates against the workflow schema, examples and generated alike', () => {
    const registry = schemaRegistry();
    const failures = (seeded['workflows'] ?? []).flatMap((w) => {
      const issues = registry.check(schemaId('workflow-instance.json'), w.data);
      return issues.length === 0 ? [] : [`${w.id}: ${JSON.stringify(issues).slice(0, 200)}`];
    });
    expect(failures).toEqual([]);
  });

  it.each([1, 2, 3, 7])('has definitions bound to a subaccount and listening on all, enabled and disabled, for seed %i', (seed) => {
    const definitions = (seedOf(pack8x8, { seed, anchor: ANCHOR })['definitions'] ?? []).filter((d) => d.id !== DOCUMENTED).map((d) => d.data);
    expect(definitions.some((d) => d['subAccountId'] === undefined)).toBe(true);
    expect(definitions.some((d) => typeof d['subAccountId'] === 'string')).toBe(true);
    expect(definitions.filter((d) => d['status'] === 'disabled').length).toBe(Math.round(definitions.length * settings.generatedDefinitions.disabledShare));
  });
});
