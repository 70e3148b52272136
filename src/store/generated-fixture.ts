import { cloneJson, type JsonObject, readPath } from '../core/json.ts';
import type { GeneratedCollection, KeyValue, NewRecord } from './store.ts';

// Generated collections for the store's tests (and measurements): records given as an array, served the way a pack's
// generator serves them (keys read from the records, every record made anew on each call); and a synthetic one of
// any size that costs nothing to describe.

/** A generator over these records, declaring `fields`; `record(i)` returns a fresh copy each time, as a real one does. */
export function generatedFrom(records: readonly NewRecord[], fields: readonly string[]): GeneratedCollection & { readonly made: () => number } {
  let made = 0;
  return {
    kind: 'generated',
    count: records.length,
    fields,
    keys(i) {
      const record = records[i] as NewRecord;
      return { id: record.id, values: fields.map((field) => (readPath(record.data, field) ?? null) as KeyValue) };
    },
    record(i) {
      made++;
      return cloneJson(records[i] as NewRecord as unknown as JsonObject) as unknown as NewRecord;
    },
    made: () => made,
  };
}

const STATUSES = ['queued', 'running', 'paused', 'succeeded', 'failed', 'canceled'];
const OWNERS = Array.from({ length: 50 }, (_, i) => `owner-${i}`);
const TAGS = [['nightly'], ['nightly', 'critical'], ['adhoc'], []];
const BASE = Date.UTC(2026, 0, 1);

/** A cheap deterministic number in [0, 1) for (seed, i, k). */
function unit(seed: number, i: number, k: number): number {
  let x = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35) ^ Math.imul(k + 7, 0x27d4eb2f);
  x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
  x = Math.imul(x ^ (x >>> 12), 0x297a2d39);
  return ((x ^ (x >>> 15)) >>> 0) / 2 ** 32;
}

export const SYNTHETIC_FIELDS = ['status', 'owner', 'createdAt', 'tags', 'attempts'];

/**
 * `count` synthetic workflow runs (ids, statuses, owners, creation times, tags, attempts, and a body of ~1.5 KB that
 * only `record(i)` makes), deterministic for (seed, i): a stand-in for a pack's generator in tests and measurements.
 */
export function syntheticRuns(count: number, seed = 1): GeneratedCollection {
  const keysOf = (i: number) => {
    const id = `run-${seed}-${i.toString(36).padStart(6, '0')}-${Math.floor(unit(seed, i, 0) * 2 ** 32).toString(16)}`;
    const status = STATUSES[Math.floor(unit(seed, i, 1) * STATUSES.length)] as string;
    const owner = OWNERS[Math.floor(unit(seed, i, 2) * OWNERS.length)] as string;
    const createdAt = new Date(BASE + i * 60_000 + Math.floor(unit(seed, i, 3) * 50_000)).toISOString();
    const tags = TAGS[Math.floor(unit(seed, i, 4) * TAGS.length)] as string[];
    const attempts = Math.floor(unit(seed, i, 5) * 5);
    return { id, status, owner, createdAt, tags, attempts };
  };
  return {
    kind: 'generated',
    count,
    fields: SYNTHETIC_FIELDS,
    keys(i) {
      const k = keysOf(i);
      return { id: k.id, values: [k.status, k.owner, k.createdAt, k.tags, k.attempts] };
    },
    record(i) {
      const k = keysOf(i);
      const steps = Array.from({ length: 8 }, (_, s) => ({
        name: `step ${s + 1}`,
        state: s < k.attempts ? 'done' : 'pending',
        durationMs: Math.floor(unit(seed, i, 10 + s) * 10_000),
        output: `result ${Math.floor(unit(seed, i, 20 + s) * 1e9).toString(36)} of step ${s + 1}`,
      }));
      const data: JsonObject = { id: k.id, status: k.status, owner: k.owner, createdAt: k.createdAt, tags: [...k.tags], attempts: k.attempts, steps };
      return { id: k.id, data };
    },
  };
}
