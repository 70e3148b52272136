import type { Faker } from '@faker-js/faker';
import { faker } from '@faker-js/faker/locale/en';
import { sfc32Stream } from './ids.ts';

export type SeededFaker = Faker;

/**
 * Runs `build` with faker seeded to `seed` and its reference date pinned, so the same seed yields the same
 * bytes on every machine regardless of the wall clock. Generation is synchronous, so sharing the one English
 * instance is safe (and loads in a fraction of the time of the all-locales entry point).
 */
export function withSeededFaker<T>(seed: number, refDate: string, build: (f: SeededFaker) => T): T {
  return withFaker(faker, seed, refDate, build);
}

/** Derives a per-pack seed from the run's seed and a pack name, so packs do not share a random stream. */
export function deriveSeed(seed: number, name: string): number {
  let hash = seed >>> 0;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

/**
 * A faker of its own for records generated one at a time (`SeedContext.forRecord`): reseeded per record, so its draws
 * never disturb the shared instance's stream, whatever order records are made in.
 */
export function createRecordFaker(): SeededFaker {
  // The English entry point exports only its instance (the root would load every locale): same class, same definitions.
  const FakerClass = faker.constructor as typeof Faker;
  // sfc32 instead of faker's Mersenne Twister, which costs ~50 µs to reseed: a record is reseeded every time it is made.
  let next = sfc32Stream(0);
  const randomizer = {
    next: () => next(),
    seed: (seed: number | number[]) => {
      next = sfc32Stream(typeof seed === 'number' ? seed : (seed[0] ?? 0));
    },
  };
  return new FakerClass({ locale: faker.rawDefinitions, randomizer });
}

/** Runs `build` with `instance` seeded to `seed` and its reference date pinned. */
export function withFaker<T>(instance: SeededFaker, seed: number, refDate: string, build: (f: SeededFaker) => T): T {
  instance.seed(seed);
  instance.setDefaultRefDate(refDate);
  return build(instance);
}
