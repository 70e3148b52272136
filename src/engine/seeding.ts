import type { Json } from '../core/json.ts';
import { isoAt } from '../core/time.ts';
import { generateFromSchema } from '../generation/from-schema.ts';
import { sfc32Stream } from '../generation/ids.ts';
import { createRecordFaker, deriveSeed, withFaker, withSeededFaker, type SeededFaker } from '../generation/seeded-faker.ts';
import type { SeedData } from '../store/store.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import type { ApiPack, RecordContext, SeedContext } from './pack.ts';

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
  const refDate = new Date(anchor).toISOString();
  const packSeed = deriveSeed(seed, pack.id);
  const iso = (ms: number) => isoAt(ms, pack.timePrecision);
  const fromSchemaWith =
    (faker: SeededFaker) =>
    (schemaId: string): Json => {
      const schema = registry.schema(schemaId);
      if (!schema) throw new Error(`Unknown schema ${schemaId}`);
      return generateFromSchema(
        schema,
        { faker, resolve: (ref) => registry.schema(ref), ...(pack.timePrecision ? { timePrecision: pack.timePrecision } : {}) },
        schemaId.split('#')[0],
      );
    };
  const keyRandom = (collection: string, index: number) => sfc32Stream(deriveSeed(packSeed, `${collection}#${index}`));
  const recordFaker = createRecordFaker();
  const forRecord = <T>(collection: string, index: number, build: (record: RecordContext) => T): T => {
    // The faker is seeded on first use: a record drawn from its key stream alone never pays for it.
    let seeded: SeededFaker | undefined;
    const faker = () => {
      seeded ??= withFaker(recordFaker, deriveSeed(packSeed, `${collection}@${index}`), refDate, (f) => f);
      return seeded;
    };
    return build({
      get faker() {
        return faker();
      },
      fromSchema: (schemaId) => fromSchemaWith(faker())(schemaId),
      iso,
      anchor,
      keyRandom: keyRandom(collection, index),
    });
  };
  return withSeededFaker(packSeed, refDate, (faker) => {
    const context: SeedContext = { faker, anchor, iso, fromSchema: fromSchemaWith(faker), forRecord, keyRandom, ...(records === undefined ? {} : { records }) };
    return pack.seed(context);
  });
}
