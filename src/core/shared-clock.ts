import { Redis } from 'ioredis';
import type { ControlledClock } from './clock.ts';

/**
 * One clock for every replica sharing a Redis: its position (offset from real time, or the frozen instant) lives in
 * Redis; a replica that moves the clock writes the new position and publishes it, and the others take it at once.
 * A replica starting later joins the position already there.
 */
export async function shareClock(local: ControlledClock, url: string, prefix = 'wm'): Promise<{ clock: ControlledClock; close: () => Promise<void> }> {
  const key = `${prefix}:clock:${local.mode}`;
  const redis = new Redis(url);
  const subscriber = new Redis(url);
  await redis.set(key, String(local.position()), 'NX');
  local.adopt(Number(await redis.get(key)));
  await subscriber.subscribe(key);
  subscriber.on('message', (_channel: string, message: string) => local.adopt(Number(message)));
  let pending: Promise<void> = Promise.resolve();
  const publish = async () => {
    // Never move the shared position back: take the greater of ours and the stored one.
    const position = Math.max(local.position(), Number(await redis.get(key)));
    await redis.set(key, String(position));
    await redis.publish(key, String(position));
  };
  const clock: ControlledClock = {
    mode: local.mode,
    now: () => local.now(),
    position: () => local.position(),
    adopt: (position) => local.adopt(position),
    advance(ms) {
      const now = local.advance(ms);
      pending = pending.then(publish);
      return now;
    },
    set(at) {
      const now = local.set(at);
      pending = pending.then(publish);
      return now;
    },
    flush: () => pending,
  };
  return { clock, close: async () => { await subscriber.quit(); await redis.quit(); } };
}
