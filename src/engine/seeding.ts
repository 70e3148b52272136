import { isoAt } from '../core/time.ts';
import { generateFromSchema } from '../generation/from-schema.ts';
import { deriveSeed, withSeededFaker } from '../generation/seeded-faker.ts';
import type { SeedData } from '../store/store.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import type { ApiPack } from './pack.ts';

/** Where a manual clock starts when no `--clock-start` is given, so tests and demos own a fixed instant. */
export const REFERENCE_DATE = '2026-11-01T00:00:00.000Z';

/**
 * Where seeded timelines end: the clock's start, down to the minute, so the data looks live (runs created minutes ago,
 * active runs started hours ago) and the same seed and clock start give the same bytes. Minutes, so that servers
 * started within the same minute (a test suite, replicas) share one seed.
 */
export function seedAnchor(clockStart: number): number {
  return Math.floor(clockStart / 60_000) * 60_000;
}

export function buildSeed(pack: ApiPack, registry: SchemaRegistry, seed: number, records: number | undefined, anchor: number): SeedData {
  return withSeededFaker(deriveSeed(seed, pack.id), new Date(anchor).toISOString(), (faker) =>
    pack.seed({
      faker,
      anchor,
      iso: (ms) => isoAt(ms, pack.timePrecision),
      fromSchema: (schemaId) => {
        const schema = registry.schema(schemaId);
        if (!schema) throw new Error(`Unknown schema ${schemaId}`);
        return generateFromSchema(
          schema,
          { faker, resolve: (ref) => registry.schema(ref), ...(pack.timePrecision ? { timePrecision: pack.timePrecision } : {}) },
          schemaId.split('#')[0],
        );
      },
      ...(records === undefined ? {} : { records }),
    }),
  );
}
