import type { Json } from '../core/json.ts';
import type { IdSource } from '../generation/ids.ts';
import type { LifecycleRunner } from '../lifecycle/runner.ts';
import type { SeedData, Store } from '../store/store.ts';
import type { ApiPack } from './pack.ts';

// The isolated copies of each API's state: `default:<api>` for everyone, `<session>:<api>` for a caller that sends
// `X-Mock-Session`. A space is seeded the first time it is used (and its lifecycle planned), and reset by dropping
// it and seeding again; each seeding draws a new epoch, so cursors issued before a reset are recognised as stale.
// The store decides whether a space exists on every request, so replicas sharing a store agree after a reset.

export const SPACE_COLLECTION = '__space';
export const DEFAULT_SESSION = 'default';
/** The request header naming a caller's session (`X-Mock-Session`). */
export const SESSION_HEADER = 'x-mock-session';
const SESSION_NAME = /^[A-Za-z0-9._-]{1,64}$/;

export interface Spaces {
  spaceFor(pack: ApiPack, session?: string): string;
  ensure(pack: ApiPack, space: string): Promise<void>;
  reset(pack: ApiPack, session?: string): Promise<void>;
  epoch(space: string): Promise<string>;
  /** Every space that exists in the store, with its pack. */
  all(packs: readonly ApiPack[]): Promise<{ space: string; pack: ApiPack; session: string }[]>;
}

export function isSessionName(name: string): boolean {
  return SESSION_NAME.test(name);
}

/** A pack's seeded data: now, or as it was made for `origin` (a durable store regenerating a space after a restart). */
export type SeedSource = (pack: ApiPack, origin?: Json) => SeedData;

export function createSpaces(store: Store, seedData: SeedSource, ids: IdSource, lifecycle: LifecycleRunner): Spaces {
  const spaceFor = (pack: ApiPack, session = DEFAULT_SESSION) => `${session}:${pack.id}`;

  const ensure = async (pack: ApiPack, space: string): Promise<void> => {
    let epoch = '';
    let seeded: SeedData = {};
    const data = (origin?: Json): SeedData => {
      // Regenerating a space kept on disk: its epoch and every other change come back from the store.
      if (origin !== undefined) return seedData(pack, origin);
      epoch = ids.hex(12);
      seeded = seedData(pack);
      return { ...seeded, [SPACE_COLLECTION]: [{ id: 'epoch', data: { epoch } }] };
    };
    if (await store.seed(space, data)) await lifecycle.planSpace(space, pack, seeded, epoch);
  };

  return {
    spaceFor,
    ensure,
    async reset(pack, session) {
      const space = spaceFor(pack, session);
      await store.drop(space);
      await ensure(pack, space);
    },
    async epoch(space) {
      const record = await store.get(space, SPACE_COLLECTION, 'epoch');
      return String(record?.data['epoch'] ?? '');
    },
    async all(packs) {
      return (await store.spaces()).flatMap((space) => {
        const split = space.lastIndexOf(':');
        const pack = packs.find((p) => p.id === space.slice(split + 1));
        return pack ? [{ space, pack, session: space.slice(0, split) }] : [];
      });
    },
  };
}
