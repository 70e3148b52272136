import type { ServerConfig } from './cli.ts';
import type { ControlledClock } from './core/clock.ts';
import type { RateLimiter } from './rate-limit/limiter.ts';
import { openFileStore } from './store/file.ts';
import type { Store } from './store/store.ts';

// Where the server keeps its state: in memory (the default), on disk (`--data-dir`), or in Redis shared with other
// replicas (`--redis`, which also shares the rate limits and the clock). The Redis client is loaded only when it is
// used (the server bundle keeps these imports as a chunk of their own): loading it costs every start 100 ms.

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
    const [{ Redis }, { createRedisStore }, { shareClock }, { createRedisRateLimiter }] = await Promise.all([
      import('ioredis'),
      import('./store/redis.ts'),
      import('./store/redis-clock.ts'),
      import('./rate-limit/redis.ts'),
    ]);
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
