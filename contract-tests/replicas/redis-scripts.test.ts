import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedFrom } from '../../src/store/generated-fixture.ts';
import { inRequest } from '../../src/store/request-scope.ts';
import { createRedisStore, type RedisStore } from '../../src/store/redis.ts';
import { REPLACE, spaceKeys } from '../../src/store/redis-scripts.ts';
import type { NewRecord, SeedData } from '../../src/store/store.ts';
import { redisUnavailable, startRedis, type TestRedis } from '../support/redis.ts';

// The write scripts and the change log behind the Redis store (decision 007), seen through two stores sharing one
// Redis as two replicas do, and through the keys the scripts maintain.

const skip = redisUnavailable();
if (skip) console.log(skip);

const runs: NewRecord[] = Array.from({ length: 50 }, (_, i) => ({
  id: `r${i}`,
  data: { id: `r${i}`, status: i % 2 === 0 ? 'running' : 'done', createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() },
}));
const seed = (): SeedData => ({ runs: generatedFrom(runs, ['status', 'createdAt']) });
const newest = {
  where: [],
  orderBy: [{ field: 'createdAt', dir: 'desc' as const, as: 'time' as const }],
  page: { kind: 'offset' as const, offset: 0, limit: 100 },
};

describe.skipIf(skip)('the Redis store scripts and log', () => {
  let redis: TestRedis;
  const opened: RedisStore[] = [];
  const raw: Redis[] = [];
  let n = 0;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await Promise.all(raw.map((connection) => connection.quit()));
    await redis?.stop();
  });
  /** Two replicas on one key prefix, and a plain connection to look at the keys. */
  const replicas = () => {
    const prefix = `scripts${process.pid}x${n++}`;
    const make = () => {
      const store = createRedisStore(new Redis(redis.url), prefix);
      opened.push(store);
      return store;
    };
    const look = new Redis(redis.url);
    raw.push(look);
    return { a: make(), b: make(), look, keys: spaceKeys(prefix, 's') };
  };

  it('seeds once: the second replica loads what the first made, without writing seeded records to Redis', async () => {
    const { a, b, look, keys } = replicas();
    expect(await a.seed('s', seed)).toBe(true);
    expect(await b.seed('s', seed)).toBe(false);
    expect((await b.list('s', 'runs', newest)).items.map((r) => r.id)).toEqual((await a.list('s', 'runs', newest)).items.map((r) => r.id));
    expect(await look.hlen(keys.collection('runs').rec)).toBe(0);
    expect(await look.get(keys.state)).toMatch(/^ready:/);
  });

  it('refuses an insert with a seeded id until that record is removed, on either replica', async () => {
    const { a, b } = replicas();
    await a.seed('s', seed);
    await b.seed('s', seed);
    expect(await b.insert('s', 'runs', { id: 'r3', data: { status: 'new' } })).toEqual({ ok: false, error: 'exists' });
    expect(await a.remove('s', 'runs', 'r3')).toBe(true);
    expect(await a.remove('s', 'runs', 'r3')).toBe(false);
    const inserted = await b.insert('s', 'runs', { id: 'r3', data: { status: 'new' } });
    expect(inserted.ok && inserted.value.seq).toBe(50);
    expect(await a.get('s', 'runs', 'r3')).toMatchObject({ seq: 50, version: 1, data: { status: 'new' } });
  });

  it('replaces a seeded record at version 1 keeping its sequence, and gives one winner to a stale race', async () => {
    const { a, b } = replicas();
    await a.seed('s', seed);
    await b.seed('s', seed);
    const next = { data: { status: 'stopped', createdAt: '2026-01-01T00:07:00.000Z' }, meta: {} };
    const [first, second] = await Promise.all([a.replace('s', 'runs', 'r7', 1, next), b.replace('s', 'runs', 'r7', 1, next)]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect([first, second].find((result) => !result.ok)).toEqual({ ok: false, error: 'stale' });
    expect(await b.get('s', 'runs', 'r7')).toMatchObject({ seq: 7, version: 2, data: { status: 'stopped' } });
    expect(await a.replace('s', 'runs', 'nope', 1, next)).toEqual({ ok: false, error: 'missing' });
  });

  it('numbers the log without gaps, and a replica that missed trimmed entries loads the space again', async () => {
    const { a, b, look, keys } = replicas();
    await a.seed('s', seed);
    await b.seed('s', seed);
    for (let i = 0; i < 5; i++) await a.insert('s', 'runs', { id: `new${i}`, data: { status: 'running', createdAt: '2026-02-01T00:00:00.000Z' } });
    const numbers = (await look.xrange(keys.log, '-', '+')).map(([, fields]) => Number(fields[fields.indexOf('n') + 1]));
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
    // Entries b has not read yet are trimmed away: it must not miss the records they wrote.
    await look.xtrim(keys.log, 'MAXLEN', 0);
    await a.insert('s', 'runs', { id: 'new5', data: { status: 'running', createdAt: '2026-02-01T00:00:00.000Z' } });
    const page = await b.list('s', 'runs', newest);
    expect(page.total).toBe(56);
    expect(page.items.map((r) => r.id)).toEqual(expect.arrayContaining(['new0', 'new4', 'new5']));
  });

  it('refuses a write made against a space another replica dropped and seeded again', async () => {
    const { a, b, look, keys } = replicas();
    await a.seed('s', seed);
    await b.seed('s', seed);
    const incarnation = await look.get(keys.state);
    await a.drop('s');
    expect(await b.get('s', 'runs', 'r1')).toBeUndefined();
    expect(await a.seed('s', seed)).toBe(true);
    expect(await look.get(keys.state)).not.toBe(incarnation);
    // The replace script itself, sent with the incarnation the write was read against.
    const k = keys.collection('runs');
    const args = [keys.state, k.ver, k.rec, keys.n, keys.log, k.gone, incarnation ?? '', 'r1', '1', '{}', '{}', 'runs', '1'];
    expect(await look.eval(REPLACE, 6, ...args)).toBe('gone');
    expect(await look.hlen(k.rec)).toBe(0);
    expect(await b.get('s', 'runs', 'r1')).toMatchObject({ id: 'r1', version: 1 });
  });

  it('makes one round trip for the reads of one request, and another after a write in it', async () => {
    const { a, b, look } = replicas();
    await a.seed('s', seed);
    await b.seed('s', seed);
    /** Scripts Redis ran (each catch-up is one) while `work` ran. */
    const scriptsDuring = async (work: () => Promise<unknown>) => {
      // EVALSHA, or EVAL the first time a script runs (ioredis sends it when Redis does not know the script yet).
      const count = async () => {
        const stats = await look.info('commandstats');
        const calls = (name: string) => Number(new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
        const rejected = Number(/cmdstat_evalsha:calls=\d+,[^\n]*failed_calls=(\d+)/.exec(stats)?.[1] ?? 0);
        return calls('evalsha') - rejected + calls('eval');
      };
      const before = await count();
      await work();
      return (await count()) - before;
    };
    const reads = await scriptsDuring(() =>
      inRequest(async () => {
        await b.seed('s', seed);
        await b.get('s', 'runs', 'r1');
        await b.get('s', 'runs', 'r2');
        return b.list('s', 'runs', newest);
      }),
    );
    expect(reads).toBe(1);
    const fresh = { id: 'mine', data: { status: 'running', createdAt: '2026-03-01T00:00:00.000Z' } };
    const afterWrite = await scriptsDuring(() =>
      inRequest(async () => {
        await a.insert('s', 'runs', fresh);
        expect(await a.get('s', 'runs', 'mine')).toMatchObject({ id: 'mine' });
      }),
    );
    // The insert's catch-up, the insert itself, and the catch-up that brings the replica's own write into its copy.
    expect(afterWrite).toBe(3);
    // Outside a request (start-up, ticks) every read catches up.
    expect(await scriptsDuring(async () => [await b.get('s', 'runs', 'mine'), await b.get('s', 'runs', 'mine')])).toBe(2);
  });
});
