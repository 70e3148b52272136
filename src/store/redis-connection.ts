import { Redis } from 'ioredis';

// Every Redis connection the server opens, made to survive an outage: commands fail at once while the connection is
// down (no offline queue that grows and then throws MaxRetriesPerRequestError later), commands cut off by a
// disconnect are not sent again on reconnect (a write the client got a 503 for must not happen behind its back), the
// client reconnects every 200 ms so service is back within a second of Redis, and every error event is handled (an
// unhandled one kills the process). `health()` reports each connection's state for /__admin/health.

const RECONNECT_MS = 200;

export interface RedisHealth {
  readonly ok: boolean;
  /** Why not, for /__admin/health: which connection and the last error it saw. */
  readonly cause?: string;
}

interface Opened {
  readonly role: string;
  readonly redis: Redis;
  lastError?: string;
}

export interface Connections {
  open(role: string): Redis;
  health(): RedisHealth;
  closeAll(): Promise<void>;
}

export function redisConnections(url: string, log: (line: string) => void = (line) => console.error(line)): Connections {
  const opened: Opened[] = [];
  return {
    open(role) {
      const redis = new Redis(url, {
        enableOfflineQueue: false,
        autoResendUnfulfilledCommands: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 2_000,
        retryStrategy: () => RECONNECT_MS,
      });
      const entry: Opened = { role, redis };
      opened.push(entry);
      let down = false;
      redis.on('error', (error: Error) => {
        entry.lastError = error.message;
        if (!down) log(`[redis] ${role} connection lost: ${error.message} (retrying every ${RECONNECT_MS} ms)`);
        down = true;
      });
      redis.on('ready', () => {
        if (down) log(`[redis] ${role} connection back`);
        down = false;
      });
      return redis;
    },
    health() {
      const failing = opened.filter((entry) => entry.redis.status !== 'ready');
      if (failing.length === 0) return { ok: true };
      return {
        ok: false,
        cause: failing.map((entry) => `redis ${entry.role} connection ${entry.redis.status}${entry.lastError ? ` (${entry.lastError})` : ''}`).join('; '),
      };
    },
    async closeAll() {
      await Promise.allSettled(opened.map((entry) => entry.redis.quit()));
    },
  };
}

/** Waits until a connection is ready (a replica starting while Redis starts too), up to `ms`. */
export function whenReady(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', ready);
      resolve(false);
    }, ms);
    const ready = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', ready);
  });
}
