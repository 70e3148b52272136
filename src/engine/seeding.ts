import { generateFromSchema } from '../generation/from-schema.ts';
import { deriveSeed, withSeededFaker } from '../generation/seeded-faker.ts';
import type { SeedData } from '../store/store.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import type { ApiPack } from './pack.ts';

/**
 * The instant generated data is relative to. Fixed, so `--seed N` gives the same bytes whenever it runs; runs
 * created while the server is up carry the clock's time instead.
 */
export const REFERENCE_DATE = '2026-11-01T00:00:00.000Z';

export function buildSeed(pack: ApiPack, registry: SchemaRegistry, seed: number, records: number | undefined): SeedData {
  return withSeededFaker(deriveSeed(seed, pack.id), REFERENCE_DATE, (faker) =>
    pack.seed({
      faker,
      fromSchema: (schemaId) => {
        const schema = registry.schema(schemaId);
        if (!schema) throw new Error(`Unknown schema ${schemaId}`);
        return generateFromSchema(schema, { faker, resolve: (ref) => registry.schema(ref) }, schemaId.split('#')[0]);
      },
      ...(records === undefined ? {} : { records }),
    }),
  );
}
