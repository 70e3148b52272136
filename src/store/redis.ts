import { Redis } from 'ioredis';
import type { JsonObject } from '../core/json.ts';
import { fail, ok } from '../core/result.ts';
import { pageOf } from './sorted-index.ts';
import { seededRecords, type NewRecord, type SpaceDump, type Store, type StoredRecord } from './store.ts';

// The shared store for replicated QA environments (`--redis URL`). Each record is a hash (seq, version, data, meta;
// data and meta as JSON text, never re-encoded inside Redis), indexed by a sorted set of ids by sequence. Inserts and
// compare-and-set replaces are Lua scripts, so two replicas racing on one record get exactly one winner. Lists read
// the collection and evaluate the query in process with the same code as the memory store: consistent, not fast.

const INSERT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local seq = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[1], 'seq', seq, 'version', 1, 'data', ARGV[2], 'meta', ARGV[3])
redis.call('ZADD', KEYS[2], seq, ARGV[1])
redis.call('SADD', KEYS[4], ARGV[4])
return seq`;

const REPLACE = `
local version = redis.call('HGET', KEYS[1], 'version')
if not version then return 'missing' end
if tonumber(version) ~= tonumber(ARGV[1]) then return 'stale' end
redis.call('HSET', KEYS[1], 'version', tonumber(version) + 1, 'data', ARGV[2], 'meta', ARGV[3])
return redis.call('HGET', KEYS[1], 'seq')`;

const REMOVE = `
local removed = redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return removed`;

type Scripted = Redis & {
  wmInsert(rec: string, ids: string, seq: string, cols: string, id: string, data: string, meta: string, collection: string): Promise<number | null>;
  wmReplace(rec: string, version: string, data: string, meta: string): Promise<string | number>;
  wmRemove(rec: string, ids: string, id: string): Promise<number>;
};

export interface RedisStore extends Store {
  close(): Promise<void>;
}

export function createRedisStore(url: string, prefix = 'wm'): RedisStore {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 }) as Scripted;
  redis.defineCommand('wmInsert', { numberOfKeys: 4, lua: INSERT });
  redis.defineCommand('wmReplace', { numberOfKeys: 1, lua: REPLACE });
  redis.defineCommand('wmRemove', { numberOfKeys: 2, lua: REMOVE });

  const spaceKey = (space: string) => `${prefix}:s:${space}`;
  const keys = (space: string, collection: string) => {
    const base = `${spaceKey(space)}:c:${collection}`;
    return { ids: `${base}:ids`, seq: `${base}:seq`, record: (id: string) => `${base}:r:${id}`, cols: `${spaceKey(space)}:cols` };
  };
  const spacesKey = `${prefix}:spaces`;
  const stateKey = (space: string) => `${spaceKey(space)}:state`;

  const readRecord = (id: string, fields: (string | null)[]): StoredRecord | undefined => {
    const [seq, version, data, meta] = fields;
    if (seq === null || seq === undefined || version === null || version === undefined || !data || !meta) return undefined;
    return { id, seq: Number(seq), version: Number(version), data: JSON.parse(data) as JsonObject, meta: JSON.parse(meta) as JsonObject };
  };

  const readCollection = async (space: string, collection: string): Promise<StoredRecord[]> => {
    const k = keys(space, collection);
    const ids = await redis.zrange(k.ids, 0, -1);
    const records: StoredRecord[] = [];
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000);
      const pipeline = redis.pipeline();
      for (const id of chunk) pipeline.hmget(k.record(id), 'seq', 'version', 'data', 'meta');
      const replies = (await pipeline.exec()) ?? [];
      chunk.forEach((id, index) => {
        const record = readRecord(id, (replies[index]?.[1] ?? []) as (string | null)[]);
        if (record) records.push(record);
      });
    }
    return records;
  };

  const drop = async (space: string) => {
    const stream = redis.scanStream({ match: `${spaceKey(space)}:*`, count: 1000 });
    for await (const batch of stream as AsyncIterable<string[]>) if (batch.length > 0) await redis.del(...batch);
    await redis.srem(spacesKey, space);
  };

  const write = async (space: string, collections: Readonly<Record<string, readonly StoredRecord[]>>) => {
    for (const [collection, records] of Object.entries(collections)) {
      const k = keys(space, collection);
      for (let start = 0; start < records.length; start += 1000) {
        const pipeline = redis.pipeline();
        for (const record of records.slice(start, start + 1000)) {
          pipeline.hset(
            k.record(record.id),
            'seq',
            record.seq,
            'version',
            record.version,
            'data',
            JSON.stringify(record.data),
            'meta',
            JSON.stringify(record.meta),
          );
          pipeline.zadd(k.ids, record.seq, record.id);
        }
        await pipeline.exec();
      }
      await redis.set(
        k.seq,
        records.reduce((max, record) => Math.max(max, record.seq), 0),
      );
      await redis.sadd(k.cols, collection);
    }
  };

  const numbered = (records: readonly NewRecord[]): StoredRecord[] =>
    records.map((record, index) => ({ id: record.id, seq: index + 1, version: 1, data: record.data, meta: record.meta ?? {} }));

  return {
    async get(space, collection, id) {
      return readRecord(id, await redis.hmget(keys(space, collection).record(id), 'seq', 'version', 'data', 'meta'));
    },
    async insert(space, collection, record) {
      const k = keys(space, collection);
      const data = JSON.stringify(record.data);
      const meta = JSON.stringify(record.meta ?? {});
      const seq = await redis.wmInsert(k.record(record.id), k.ids, k.seq, k.cols, record.id, data, meta, collection);
      if (seq === null) return fail('exists');
      return ok({ id: record.id, seq: Number(seq), version: 1, data: record.data, meta: record.meta ?? {} });
    },
    async replace(space, collection, id, expectedVersion, next) {
      const reply = await redis.wmReplace(keys(space, collection).record(id), String(expectedVersion), JSON.stringify(next.data), JSON.stringify(next.meta));
      if (reply === 'missing' || reply === 'stale') return fail(reply);
      return ok({ id, seq: Number(reply), version: expectedVersion + 1, data: next.data, meta: next.meta });
    },
    async remove(space, collection, id) {
      const k = keys(space, collection);
      return (await redis.wmRemove(k.record(id), k.ids, id)) > 0;
    },
    async list(space, collection, query) {
      return pageOf(await readCollection(space, collection), query);
    },
    async seed(space, data) {
      // One replica seeds; the others wait until it says the space is ready.
      const won = await redis.set(stateKey(space), 'seeding', 'EX', 120, 'NX');
      if (won === 'OK') {
        await write(space, Object.fromEntries(Object.entries(data()).map(([collection, records]) => [collection, numbered(seededRecords(records))])));
        await redis.sadd(spacesKey, space);
        await redis.set(stateKey(space), 'ready');
        return true;
      }
      for (let waited = 0; waited < 120_000; waited += 50) {
        if ((await redis.get(stateKey(space))) !== 'seeding') return false;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return false;
    },
    drop,
    async dump(space) {
      const collections = await redis.smembers(keys(space, '').cols);
      const dump: Record<string, StoredRecord[]> = {};
      for (const collection of collections.sort()) dump[collection] = await readCollection(space, collection);
      return dump;
    },
    async restore(space, dump: SpaceDump) {
      await drop(space);
      await redis.set(stateKey(space), 'seeding', 'EX', 120);
      await write(space, dump);
      await redis.sadd(spacesKey, space);
      await redis.set(stateKey(space), 'ready');
    },
    async spaces() {
      return redis.smembers(spacesKey);
    },
    async close() {
      await redis.quit();
    },
  };
}
