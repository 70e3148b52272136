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
