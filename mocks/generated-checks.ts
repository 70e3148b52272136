import { schemaRegistry } from '../src/assemble.ts';
import { readPath } from '../src/core/json.ts';
import type { ApiPack } from '../src/engine/pack.ts';
import { buildSeed } from '../src/engine/seeding.ts';
import { isGenerated, type GeneratedCollection, type KeyValue, type SeedData } from '../src/store/store.ts';

// What a pack's seed test checks of a generated collection (issue 17): records made again are the same bytes, in any
// order; keys agree with records; keys are cheap. Shared by the packs' seed tests.

export interface SeedOptions {
  readonly seed?: number;
  readonly anchor: number;
  readonly records?: number;
}

/** A pack's seed for these options, generators left as they are. */
function rawSeed(pack: ApiPack, options: SeedOptions): SeedData {
  return buildSeed(pack, schemaRegistry(), options.seed ?? 1, options.records, options.anchor);
}

/** One collection of a pack's seed, which must be a generator. */
export function generatorOf(pack: ApiPack, collection: string, options: SeedOptions): GeneratedCollection {
  const found = rawSeed(pack, options)[collection];
  if (!isGenerated(found)) throw new Error(`${pack.id}: ${collection} is not a generated collection`);
  return found;
}

/** Indexes spread over a collection: the first few, the last, and `count` between. */
export function sampleIndexes(size: number, count = 40): number[] {
  const step = Math.max(1, Math.floor(size / count));
  return [...new Set([0, 1, 2, ...Array.from({ length: count }, (_, k) => k * step), size - 1])].filter((i) => i >= 0 && i < size);
}

/** The bytes of records `indexes` (as JSON), made in the order given. */
export const recordBytes = (collection: GeneratedCollection, indexes: readonly number[]): string[] => indexes.map((i) => JSON.stringify(collection.record(i)));

/** Where keys disagree with their record: its id, or a field's value at its path (absent counts as null). */
export function keyMismatches(collection: GeneratedCollection, indexes: readonly number[]): string[] {
  const problems: string[] = [];
  for (const i of indexes) {
    const keys = collection.keys(i);
    const record = collection.record(i);
    if (keys.id !== record.id) problems.push(`${i}: id ${keys.id} vs ${record.id}`);
    collection.fields.forEach((field, k) => {
      const expected = JSON.stringify(keys.values[k] ?? null);
      const actual = JSON.stringify((readPath(record.data, field) as KeyValue | undefined) ?? null);
      if (expected !== actual) problems.push(`${i}: ${field} ${expected} vs ${actual}`);
    });
  }
  return problems;
}

/** Milliseconds to make every record's keys. */
export function keysMs(collection: GeneratedCollection): number {
  const started = performance.now();
  for (let i = 0; i < collection.count; i++) collection.keys(i);
  return performance.now() - started;
}
