import { takeToken, type BucketRule, type BucketState } from './token-bucket.ts';

/** Decides whether a request under `key` may proceed now; a shared backend makes replicas count together. */
export interface RateLimiter {
  take(key: string, rule: BucketRule, now: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

export function createMemoryRateLimiter(): RateLimiter {
  const buckets = new Map<string, BucketState>();
  return {
    async take(key, rule, now) {
      const decision = takeToken(rule, buckets.get(key), now);
      buckets.set(key, decision.state);
      return { allowed: decision.allowed, retryAfterMs: decision.retryAfterMs };
    },
  };
}
