import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Json } from '../core/json.ts';
import { fail, ok } from '../core/result.ts';
import { type CollectionImage, MemoryState, type SpaceImage } from './memory-state.ts';
import { INSERT, LOAD, READ, REMOVE, REPLACE, type SpaceKeys, spaceKeys } from './redis-scripts.ts';
import type { SeedData, SpaceDump, Store, StoredRecord } from './store.ts';
import { latestOf } from './latest.ts';
import { requestStartedAt } from './request-scope.ts';
import { duringOutage, StoreUnavailable } from './unavailable.ts';

// The shared store for replicated QA environments (`--redis URL`, decision 007). Redis holds what replicas must agree
// on: each space's records written since seeding, the seeded ids removed, and a numbered log of every change, all
// written by Lua scripts that check and log atomically. Each replica keeps the same state in memory as the memory
// store does (seeded records made again from the seed, compact key columns, sorted indexes) and, before every read,
// replays the log entries it has not seen yet: one round trip, shared by the requests that wait at the same time. A
// page therefore costs what it costs the memory store plus that round trip, and every write a replica acknowledged
// before a read began is in what the read sees, whichever replica made it.

type Scripted = Redis & {
  wmInsert(...args: string[]): Promise<number | string>;
  wmReplace(...args: string[]): Promise<number | string>;
  wmRemove(...args: string[]): Promise<number | string>;
  wmRead(...args: string[]): Promise<[string, string, [string, string[]][]]>;
  wmLoad(...args: string[]): Promise<[string, string?, string?, string?, [string, string[], string[]][]?]>;
};

/** A space's image as Redis keeps it: per collection what identifies its generator and the next sequence number. */
type StoredImage = Record<string, Pick<CollectionImage, 'generated' | 'nextSeq'>>;

/** What this replica knows of a space it holds: the incarnation it loaded and the last change it applied. */
interface Mirror {
  incarnation: string;
  applied: number;
  lastId: string;
}

export interface RedisStore extends Store {
  close(): Promise<void>;
}

const CHUNK = 1000;
const SEEDING_TIMEOUT_MS = 120_000;

export function createRedisStore(connection: Redis, prefix = 'wm'): RedisStore {
  const redis = connection as Scripted;
  redis.defineCommand('wmInsert', { numberOfKeys: 8, lua: INSERT });
  redis.defineCommand('wmReplace', { numberOfKeys: 6, lua: REPLACE });
  redis.defineCommand('wmRemove', { numberOfKeys: 6, lua: REMOVE });
  redis.defineCommand('wmRead', { numberOfKeys: 3, lua: READ });
  redis.defineCommand('wmLoad', { numberOfKeys: 5, lua: LOAD });

  const state = new MemoryState();
  const mirrors = new Map<string, Mirror>();
  /** How each space's generators are made again from their origin (given by the engine's seed call). */
  const generators = new Map<string, (origin?: Json) => SeedData>();
  const catchUps = new Map<string, () => Promise<void>>();
  /** Per space, when the last completed catch-up began (`performance.now()`). */
  const caughtUpFrom = new Map<string, number>();
  /** Per space, how many writes this replica made (a catch-up overlapping one is not trusted as current). */
  const writesBy = new Map<string, number>();
  const spacesKey = `${prefix}:spaces`;
  const keysOf = (space: string) => spaceKeys(prefix, space);

  const forget = (space: string) => {
    state.drop(space);
    mirrors.delete(space);
    caughtUpFrom.delete(space);
  };

  /** Makes the local copy of a space from Redis as it is now; false when Redis holds no ready space. */
  const load = async (space: string): Promise<boolean> => {
    const keys = keysOf(space);
    const [status, imageText, n, lastId, collections] = await duringOutage('load', () =>
      redis.wmLoad(keys.state, keys.image, keys.n, keys.log, keys.collections, keys.base),
    );
    if (!status.startsWith('ready:') || imageText === undefined) {
      forget(space);
      return false;
    }
    const stored = JSON.parse(imageText) as StoredImage;
    const image: Record<string, CollectionImage> = {};
    for (const [name, written, removed] of collections ?? []) {
      const records = written.map((text) => JSON.parse(text) as StoredRecord).sort((a, b) => a.seq - b.seq);
      const saved = stored[name];
      image[name] = { ...(saved?.generated ? { generated: saved.generated } : {}), records, removed, nextSeq: saved?.nextSeq ?? 1 };
    }
    const origin = Object.values(stored).find((collection) => collection.generated?.origin !== undefined)?.generated?.origin;
    const generate = generators.get(space);
    const needsGenerators = Object.values(stored).some((collection) => collection.generated);
    if (needsGenerators && !generate) {
      // Only the engine's seed call knows how to make the seeded records; it comes before any read of the space.
      forget(space);
      return false;
    }
    const loaded = state.load(space, image, needsGenerators && generate ? generate(origin) : {});
    if (!loaded.ok) throw new Error(`[redis store] ${loaded.error}: replicas sharing a Redis must run the same packs and version`);
    mirrors.set(space, { incarnation: status, applied: Number(n ?? 0), lastId: lastId ?? '0-0' });
    return true;
  };

  /** Applies the changes made since this replica last looked (by any replica), or loads the space again. */
  const catchUp = async (space: string): Promise<void> => {
    const keys = keysOf(space);
    for (;;) {
      const mirror = mirrors.get(space);
      const [status, n, entries] = await duringOutage('read', () => redis.wmRead(keys.state, keys.n, keys.log, mirror?.lastId ?? '0-0', String(CHUNK)));
      if (!status.startsWith('ready:')) return forget(space);
      if (!mirror || mirror.incarnation !== status) {
        if (mirror || generators.has(space)) await load(space);
        return;
      }
      for (const [entryId, fields] of entries) {
        const change = fieldsOf(fields);
        const number = Number(change['n']);
        if (number <= mirror.applied) continue;
        // A gap: entries were trimmed before this replica read them. The space as it is now replaces the copy.
        if (number !== mirror.applied + 1) return void (await load(space));
        const collection = change['c'] ?? '';
        if (change['op'] === 'put') state.put(space, collection, JSON.parse(change['v'] ?? '{}') as StoredRecord);
        else state.remove(space, collection, change['v'] ?? '');
        mirror.applied = number;
        mirror.lastId = entryId;
      }
      if (entries.length < CHUNK) {
        if (Number(n) > mirror.applied) await load(space);
        return;
      }
    }
  };

  /**
   * Brings a space up to date before a read. Requests arriving while a catch-up is in flight share the next one,
   * which starts when it ends: each still sees every change acknowledged before it arrived, in one round trip for all.
   */
  const fresh = (space: string): Promise<void> => {
    // Already brought up to date after the request being served began (and not written to since): nothing to do.
    const began = requestStartedAt();
    if (began !== undefined && (caughtUpFrom.get(space) ?? Number.NEGATIVE_INFINITY) >= began) return Promise.resolve();
    let shared = catchUps.get(space);
    if (!shared) {
      shared = latestOf(async () => {
        const started = performance.now();
        const writes = writesBy.get(space) ?? 0;
        await catchUp(space);
        // A write this replica made meanwhile may have reached Redis after this catch-up read: it does not count.
        if ((writesBy.get(space) ?? 0) === writes) caughtUpFrom.set(space, Math.max(started, caughtUpFrom.get(space) ?? Number.NEGATIVE_INFINITY));
      });
      catchUps.set(space, shared);
    }
    return shared();
  };
  /** A write this replica made is not in its copy until the next catch-up: the next read must make one. */
  const written = (space: string) => {
    writesBy.set(space, (writesBy.get(space) ?? 0) + 1);
    caughtUpFrom.delete(space);
  };

  /** Writes a space whole (seeding, import): its written records and removed ids, then the image and a new incarnation. */
  const publish = async (space: string, image: SpaceImage): Promise<void> => {
    const keys = keysOf(space);
    await deleteSpaceKeys(redis, keys, { keepState: true });
    const stored: StoredImage = {};
    for (const [name, collection] of Object.entries(image)) {
      const k = keys.collection(name);
      stored[name] = { ...(collection.generated ? { generated: collection.generated } : {}), nextSeq: collection.nextSeq };
      for (let start = 0; start < collection.records.length; start += CHUNK) {
        const pipeline = redis.pipeline();
        for (const record of collection.records.slice(start, start + CHUNK)) {
          pipeline.hset(k.rec, record.id, JSON.stringify(record));
          pipeline.hset(k.ver, record.id, `${record.version} ${record.seq}`);
        }
        await pipeline.exec();
      }
      if (collection.removed && collection.removed.length > 0) await redis.sadd(k.gone, ...collection.removed);
      await redis.sadd(keys.collections, name);
      await redis.set(k.seq, String(collection.nextSeq - 1));
    }
    // Random, not a counter in Redis: a Redis that came back empty would count from 1 again, and a replica holding
    // the old space would take the new one for it.
    const incarnation = `ready:${randomUUID()}`;
    await redis.multi().set(keys.image, JSON.stringify(stored)).set(keys.n, '0').set(keys.state, incarnation).sadd(spacesKey, space).exec();
    mirrors.set(space, { incarnation, applied: 0, lastId: '0-0' });
  };

  /**
   * Makes this replica's copy of a space current, or the space itself: seeded by the first replica to claim it (with
   * `fill`, or empty for a space written without being seeded), loaded by the others once it is ready.
   * True when this call made it.
   */
  const claim = async (space: string, fill: () => SpaceImage): Promise<boolean> => {
    await fresh(space);
    if (mirrors.has(space)) return false;
    const keys = keysOf(space);
    for (let waited = 0; waited < SEEDING_TIMEOUT_MS; waited += 50) {
      const won = await duringOutage('seed', () => redis.set(keys.state, 'seeding', 'EX', SEEDING_TIMEOUT_MS / 1000, 'NX'));
      if (won === 'OK') {
        try {
          // Made outside `duringOutage`: a generator's bug is a bug, not an outage to answer 503 for.
          const image = fill();
          await duringOutage('seed', () => publish(space, image));
        } catch (error) {
          forget(space);
          await redis.del(keys.state).catch(() => undefined);
          throw error;
        }
        return true;
      }
      if (await load(space)) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new StoreUnavailable(`space ${space} is still being seeded by another replica`);
  };

  /** The keys and incarnation every write script takes first; a space never seeded is made empty first. */
  const writeKeys = async (space: string, collection: string, create: boolean) => {
    if (create) {
      await claim(space, () => {
        state.drop(space);
        return {};
      });
    } else {
      await fresh(space);
    }
    const mirror = mirrors.get(space);
    if (!mirror) return undefined;
    const keys = keysOf(space);
    const k = keys.collection(collection);
    return { mirror, keys: [keys.state, k.ver, k.rec, keys.n, keys.log, k.gone], seq: k.seq, collections: keys.collections };
  };

  const reset = (space: string): never => {
    forget(space);
    throw new StoreUnavailable(`space ${space} was reset by another replica while this request ran`);
  };

  return {
    async get(space, collection, id) {
      await fresh(space);
      return state.get(space, collection, id);
    },
    async insert(space, collection, record) {
      const target = await writeKeys(space, collection, true);
      if (!target) throw new StoreUnavailable(`space ${space} is being reset by another replica`);
      const { mirror, keys, seq, collections } = target;
      const data = JSON.stringify(record.data);
      const meta = JSON.stringify(record.meta ?? {});
      const seeded = String(state.seededIndex(space, collection, record.id));
      const reply = await duringOutage('insert', () =>
        redis.wmInsert(...keys, seq, collections, mirror.incarnation, record.id, data, meta, collection, seeded),
      );
      written(space);
      if (reply === 'gone') return reset(space);
      if (reply === 'exists') return fail('exists');
      return ok({ id: record.id, seq: Number(reply), version: 1, data: record.data, meta: record.meta ?? {} });
    },
    async replace(space, collection, id, expectedVersion, next) {
      const target = await writeKeys(space, collection, false);
      if (!target) return fail('missing');
      const { mirror, keys } = target;
      const seeded = String(state.seededIndex(space, collection, id));
      const reply = await duringOutage('replace', () =>
        redis.wmReplace(...keys, mirror.incarnation, id, String(expectedVersion), JSON.stringify(next.data), JSON.stringify(next.meta), collection, seeded),
      );
      written(space);
      if (reply === 'gone') return reset(space);
      if (reply === 'missing' || reply === 'stale') return fail(reply);
      return ok({ id, seq: Number(reply), version: expectedVersion + 1, data: next.data, meta: next.meta });
    },
    async remove(space, collection, id) {
      const target = await writeKeys(space, collection, false);
      if (!target) return false;
      const { mirror, keys } = target;
      const seeded = String(state.seededIndex(space, collection, id));
      const reply = await duringOutage('remove', () => redis.wmRemove(...keys, mirror.incarnation, id, collection, seeded));
      written(space);
      if (reply === 'gone') return reset(space);
      return Number(reply) === 1;
    },
    async list(space, collection, query) {
      await fresh(space);
      return state.list(space, collection, query);
    },
    async countBy(space, collection, field) {
      await fresh(space);
      return state.countBy(space, collection, field);
    },
    async seed(space, data) {
      generators.set(space, data);
      return claim(space, () => {
        state.fill(space, data());
        return state.image(space);
      });
    },
    async drop(space) {
      await duringOutage('drop', async () => {
        await deleteSpaceKeys(redis, keysOf(space), { keepState: false });
        await redis.srem(spacesKey, space);
      });
      forget(space);
    },
    async dump(space) {
      await fresh(space);
      return state.dump(space);
    },
    async restore(space, dump: SpaceDump) {
      const scratch = new MemoryState();
      scratch.restore(space, dump);
      await duringOutage('restore', async () => {
        await redis.set(keysOf(space).state, 'seeding', 'EX', SEEDING_TIMEOUT_MS / 1000);
        await publish(space, scratch.image(space));
      });
      state.restore(space, dump);
    },
    async spaces() {
      return duringOutage('spaces', () => redis.smembers(spacesKey));
    },
    async close() {
      await redis.quit().catch(() => undefined);
    },
  };
}

/** A stream entry's flat [field, value, ...] list as an object. */
function fieldsOf(flat: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1] as string;
  return fields;
}

async function deleteSpaceKeys(redis: Redis, keys: SpaceKeys, options: { keepState: boolean }): Promise<void> {
  const stream = redis.scanStream({ match: keys.pattern, count: 1000 });
  for await (const batch of stream as AsyncIterable<string[]>) {
    const doomed = options.keepState ? batch.filter((key) => key !== keys.state) : batch;
    if (doomed.length > 0) await redis.del(...doomed);
  }
}
