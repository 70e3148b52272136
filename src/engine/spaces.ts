import type { IdSource } from '../generation/ids.ts';
import type { SeedData, Store } from '../store/store.ts';
import type { ApiPack } from './pack.ts';

/**
 * The isolated copies of each API's state. A space is seeded the first time it is used, and reset by dropping it
 * and seeding again; each seeding draws a new epoch, so cursors issued before a reset are recognised as stale.
 */
export const SPACE_COLLECTION = '__space';

export interface Spaces {
  spaceFor(pack: ApiPack): string;
  ensure(pack: ApiPack, space: string): Promise<void>;
  reset(pack: ApiPack): Promise<void>;
  epoch(space: string): Promise<string>;
}

export function createSpaces(store: Store, seedData: (pack: ApiPack) => SeedData, ids: IdSource): Spaces {
  const seeded = new Map<string, Promise<void>>();
  const spaceFor = (pack: ApiPack) => `default:${pack.id}`;

  const ensure = (pack: ApiPack, space: string): Promise<void> => {
    let ready = seeded.get(space);
    if (!ready) {
      const epoch = { id: 'epoch', data: { epoch: ids.hex(12) } };
      ready = store.seed(space, { ...seedData(pack), [SPACE_COLLECTION]: [epoch] }).then(() => undefined);
      seeded.set(space, ready);
      ready.catch(() => seeded.delete(space));
    }
    return ready;
  };

  return {
    spaceFor,
    ensure,
    async reset(pack) {
      const space = spaceFor(pack);
      seeded.delete(space);
      await store.drop(space);
      await ensure(pack, space);
    },
    async epoch(space) {
      const record = await store.get(space, SPACE_COLLECTION, 'epoch');
      return String(record?.data['epoch'] ?? '');
    },
  };
}
