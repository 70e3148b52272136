// Every timestamp the mock writes comes from a Clock, so tests and demos can own time.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

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
  /** Stops a real clock where it is (a manual clock is always stopped); absent where it cannot (shared clocks). */
  pause?(): void;
  /** Lets a paused real clock run again from where it stopped. */
  resume?(): void;
  /** Whether time stands still: a manual clock, or a paused real one. */
  stopped(): boolean;
}

export function createControlledClock(mode: 'real' | 'manual', start: number = Date.now(), source: () => number = Date.now): ControlledClock {
  let offset = mode === 'real' ? start - source() : 0;
  // A manual clock is a real clock that is always paused.
  let pausedAt: number | undefined = mode === 'manual' ? start : undefined;
  const now = () => pausedAt ?? source() + offset;
  const moveTo = (target: number) => {
    if (pausedAt !== undefined) pausedAt = target;
    else offset = target - source();
  };
  return {
    mode,
    now,
    advance(ms) {
      moveTo(now() + Math.max(0, ms));
      return now();
    },
    set(at) {
      moveTo(Math.max(at, now()));
      return now();
    },
    position: () => (mode === 'real' ? offset : (pausedAt ?? 0)),
    adopt(position) {
      if (mode === 'real') offset = Math.max(offset, position);
      else pausedAt = Math.max(pausedAt ?? 0, position);
    },
    pause() {
      pausedAt ??= now();
    },
    resume() {
      if (mode === 'manual' || pausedAt === undefined) return;
      offset = pausedAt - source();
      pausedAt = undefined;
    },
    stopped: () => pausedAt !== undefined,
  };
}
