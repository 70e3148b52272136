import type { ControlledClock } from '../core/clock.ts';
import { type Connections, whenReady } from './redis-connection.ts';

// One clock for every replica sharing a Redis: its position (offset from real time, or the frozen instant) lives in
// Redis. Moves are Lua scripts, so two replicas advancing at once add up instead of overwriting each other, and a
// `set` never moves the shared clock back. Each move is published; the other replicas take it at once. A replica
// joins the position already there when it starts and again whenever its connection comes back (Redis restarted:
// if it came back empty, the replica's own position becomes the shared one). While Redis is away the clock keeps
// time locally and a move is kept here only; nothing throws.

const ADVANCE = `
local current = tonumber(redis.call('GET', KEYS[1])) or tonumber(ARGV[2])
local moved = current + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%.0f', moved))
redis.call('PUBLISH', KEYS[1], string.format('%.0f', moved))
return string.format('%.0f', moved)`;

const RAISE = `
local current = tonumber(redis.call('GET', KEYS[1]))
local moved = tonumber(ARGV[1])
if current and current > moved then moved = current end
redis.call('SET', KEYS[1], string.format('%.0f', moved))
redis.call('PUBLISH', KEYS[1], string.format('%.0f', moved))
return string.format('%.0f', moved)`;

export async function shareClock(local: ControlledClock, connections: Connections, prefix = 'wm'): Promise<ControlledClock> {
  const key = `${prefix}:clock:${local.mode}`;
  const redis = connections.open('clock');
  const subscriber = connections.open('clock subscriber');
  subscriber.on('message', (_channel: string, message: string) => local.adopt(Number(message)));

  const join = async () => {
    await redis.set(key, String(local.position()), 'NX');
    const shared = await redis.get(key);
    if (shared !== null) local.adopt(Number(shared));
  };
  redis.on('ready', () => void join().catch(() => undefined));
  // ioredis subscribes again by itself after a reconnect, once subscribed.
  subscriber.once('ready', () => void subscriber.subscribe(key).catch(() => undefined));
  if (await whenReady(redis, 2_000)) await join().catch(() => undefined);
  await whenReady(subscriber, 1_000);

  // Moves reach Redis in the order they were made here; `flush` lets a caller wait until they have.
  let pending: Promise<void> = Promise.resolve();
  let last: Promise<void> = pending;
  const share = (script: string, ...args: number[]) => {
    last = pending.then(async () => {
      const shared = (await redis.eval(script, 1, key, ...args.map(String))) as string;
      local.adopt(Number(shared));
    });
    // A failed move rejects its own flush, never the moves after it.
    pending = last.catch(() => undefined);
  };
  const clock: ControlledClock = {
    mode: local.mode,
    now: () => local.now(),
    position: () => local.position(),
    adopt: (position) => local.adopt(position),
    advance(ms) {
      const before = local.position();
      const now = local.advance(ms);
      share(ADVANCE, local.position() - before, before);
      return now;
    },
    set(at) {
      const now = local.set(at);
      share(RAISE, local.position());
      return now;
    },
    flush: () => last,
    stopped: () => local.stopped(),
    async sync() {
      const shared = await redis.get(key).catch(() => null);
      if (shared !== null) local.adopt(Number(shared));
    },
  };
  return clock;
}
