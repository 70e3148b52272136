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
  /** Whether what the backend depends on answers now, and if not why (for /__admin/health). */
  health(): { readonly ok: boolean; readonly cause?: string };
  close(): Promise<void>;
}

const HEALTHY = { ok: true } as const;

export async function openBackend(config: Pick<ServerConfig, 'dataDir' | 'redis'>, clock: ControlledClock): Promise<Backend> {
  if (config.dataDir) {
    const store = openFileStore(config.dataDir);
    return { store, clock, health: () => HEALTHY, close: async () => store.close() };
  }
  if (config.redis) {
    const [{ redisConnections, whenReady }, { createRedisStore }, { shareClock }, { createRedisRateLimiter }] = await Promise.all([
      import('./store/redis-connection.ts'),
      import('./store/redis.ts'),
      import('./store/redis-clock.ts'),
      import('./rate-limit/redis.ts'),
    ]);
    const connections = redisConnections(config.redis);
    const storeConnection = connections.open('store');
    // A replica starting while Redis is down starts anyway and answers 503 until Redis is there.
    if (!(await whenReady(storeConnection, 3_000))) console.error(`[redis] ${config.redis} does not answer yet: APIs answer 503 until it does`);
    const store = createRedisStore(storeConnection);
    const sharedClock = await shareClock(clock, connections);
    return {
      store,
      rateLimiter: createRedisRateLimiter(connections.open('rate limits')),
      clock: sharedClock,
      health: () => connections.health(),
      close: () => connections.closeAll(),
    };
  }
  return { clock, health: () => HEALTHY, close: async () => undefined };
}
