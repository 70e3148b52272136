import { Redis } from 'ioredis';
import type { ServerConfig } from './cli.ts';
import type { ControlledClock } from './core/clock.ts';
import { shareClock } from './store/redis-clock.ts';
import type { RateLimiter } from './rate-limit/limiter.ts';
import { createRedisRateLimiter } from './rate-limit/redis.ts';
import { openFileStore } from './store/file.ts';
import { createRedisStore } from './store/redis.ts';
import type { Store } from './store/store.ts';

// Where the server keeps its state: in memory (the default), on disk (`--data-dir`), or in Redis shared with other
// replicas (`--redis`, which also shares the rate limits and the clock).

export interface Backend {
  readonly store?: Store;
  readonly rateLimiter?: RateLimiter;
  readonly clock: ControlledClock;
  close(): Promise<void>;
}

export async function openBackend(config: Pick<ServerConfig, 'dataDir' | 'redis'>, clock: ControlledClock): Promise<Backend> {
  if (config.dataDir) {
    const store = openFileStore(config.dataDir);
    return { store, clock, close: async () => store.close() };
  }
  if (config.redis) {
    const store = createRedisStore(config.redis);
    const limiterConnection = new Redis(config.redis);
    const shared = await shareClock(clock, config.redis);
    return {
      store,
      rateLimiter: createRedisRateLimiter(limiterConnection),
      clock: shared.clock,
      async close() {
        await Promise.allSettled([store.close(), limiterConnection.quit(), shared.close()]);
      },
    };
  }
  return { clock, close: async () => undefined };
}
