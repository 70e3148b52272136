import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisRateLimiter } from './redis.ts';

const rule = { perSecond: 1, capacity: 1 };

/** A Redis client whose token script fails with `error` (only what the limiter calls). */
function failingWith(error: Error): Redis {
  return { defineCommand: () => undefined, wmTakeToken: () => Promise.reject(error) } as unknown as Redis;
}

describe('the Redis rate limiter', () => {
  it('lets a request through while Redis is away, so the store answers it with the outage', async () => {
    const limiter = createRedisRateLimiter(failingWith(new Error('connect ECONNREFUSED 127.0.0.1:6379')));
    expect(await limiter.take('tenant', rule, 0)).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it('lets an error of its script through instead of turning limits off', async () => {
    const bug = Object.assign(new Error('ERR Error running script: attempt to compare nil with number'), { name: 'ReplyError' });
    await expect(createRedisRateLimiter(failingWith(bug)).take('tenant', rule, 0)).rejects.toBe(bug);
  });
});
