import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { createRedisStore, type RedisStore } from '../../src/store/redis.ts';
import { describeStoreContract } from '../../src/store/store-contract.ts';
import { redisUnavailable, startRedis, type TestRedis } from '../support/redis.ts';

const skip = redisUnavailable();
if (skip) console.log(skip);

describe.skipIf(skip)('redis store', () => {
  let redis: TestRedis;
  const opened: RedisStore[] = [];
  let n = 0;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await redis?.stop();
  });
  // Each test gets its own key prefix, so tests never see each other's data.
  describeStoreContract('redis', () => {
    const store = createRedisStore(new Redis(redis.url), `test${process.pid}x${n++}`);
    opened.push(store);
    return store;
  });
});
