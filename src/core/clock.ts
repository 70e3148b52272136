/** Every timestamp the mock writes comes from a Clock, so tests and demos can own time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function fixedClock(iso: string): Clock {
  const at = Date.parse(iso);
  return { now: () => at };
}

/**
 * The mock's clock: real time (optionally shifted) by default, or frozen with `manual`; in both modes it can be moved
 * forward or set, never backwards, since timestamps already written must stay in the past.
 */
export interface ControlledClock extends Clock {
  readonly mode: 'real' | 'manual';
  advance(ms: number): number;
  set(at: number): number;
  /** What a replica shares: the offset from real time, or the frozen instant. */
  position(): number;
  /** Takes another replica's position, if it is ahead of this one. */
  adopt(position: number): void;
  /** Resolves once a move has reached the other replicas (shared clocks only). */
  flush?(): Promise<void>;
  /** Takes the shared position now, without waiting for the other replicas' announcements (shared clocks only). */
  sync?(): Promise<void>;
}

export function createControlledClock(mode: 'real' | 'manual', start: number = Date.now(), source: () => number = Date.now): ControlledClock {
  let offset = mode === 'real' ? start - source() : 0;
  let frozen = start;
  const now = () => (mode === 'real' ? source() + offset : frozen);
  return {
    mode,
    now,
    advance(ms) {
      const step = Math.max(0, ms);
      if (mode === 'real') offset += step;
      else frozen += step;
      return now();
    },
    set(at) {
      const target = Math.max(at, now());
      if (mode === 'real') offset = target - source();
      else frozen = target;
      return now();
    },
    position: () => (mode === 'real' ? offset : frozen),
    adopt(position) {
      if (mode === 'real') offset = Math.max(offset, position);
      else frozen = Math.max(frozen, position);
    },
  };
}
