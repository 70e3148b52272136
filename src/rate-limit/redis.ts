import type { Redis } from 'ioredis';
import { isOutage } from '../store/unavailable.ts';
import type { RateLimiter } from './limiter.ts';

// The token bucket kept in Redis, so replicas behind one load balancer share a tenant's budget. The script is the
// same arithmetic as token-bucket.ts, applied atomically; the state expires when a bucket has been idle a minute.

const TAKE = `
local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens'))
local at = tonumber(redis.call('HGET', KEYS[1], 'at'))
local now = tonumber(ARGV[1])
local perSecond = tonumber(ARGV[2])
local capacity = tonumber(ARGV[3])
if not tokens then tokens = capacity; at = now end
tokens = math.min(capacity, tokens + math.max(0, now - at) * perSecond / 1000)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) * 1000 / perSecond)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', ARGV[1])
redis.call('PEXPIRE', KEYS[1], 60000)
return { allowed, retry }`;

export function createRedisRateLimiter(redis: Redis, prefix = 'wm'): RateLimiter {
  const scripted = redis as Redis & { wmTakeToken(key: string, now: string, perSecond: string, capacity: string): Promise<[number, number]> };
  scripted.defineCommand('wmTakeToken', { numberOfKeys: 1, lua: TAKE });
  return {
    async take(key, rule, now) {
      try {
        const [allowed, retryAfterMs] = await scripted.wmTakeToken(`${prefix}:rate:${key}`, String(now), String(rule.perSecond), String(rule.capacity));
        return { allowed: allowed === 1, retryAfterMs };
      } catch (error) {
        // A bug in the script is not an outage: it surfaces (as the store's would) instead of turning limits off.
        if (!isOutage(error)) throw error;
        // Redis is away: the request goes on, and the store answers it with the outage's 503 (a 429 would be a lie).
        return { allowed: true, retryAfterMs: 0 };
      }
    },
  };
}
