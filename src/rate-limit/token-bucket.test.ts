import { describe, expect, it } from 'vitest';
import { takeToken, type BucketState } from './token-bucket.ts';

const rule = { perSecond: 10, capacity: 10 };

function burst(count: number, at: number, start?: BucketState) {
  let state = start;
  const allowed: boolean[] = [];
  for (let i = 0; i < count; i++) {
    const decision = takeToken(rule, state, at);
    state = decision.state;
    allowed.push(decision.allowed);
  }
  return { allowed, state };
}

describe('token bucket', () => {
  it('allows a burst up to its capacity and refuses the rest', () => {
    const { allowed } = burst(30, 0);
    expect(allowed.filter(Boolean)).toHaveLength(10);
    expect(allowed.slice(0, 10).every(Boolean)).toBe(true);
  });

  it('says how long until the next token', () => {
    const { state } = burst(10, 0);
    expect(takeToken(rule, state, 0)).toMatchObject({ allowed: false, retryAfterMs: 100 });
    expect(takeToken(rule, state, 40)).toMatchObject({ allowed: false, retryAfterMs: 60 });
  });

  it('refills at its rate, never above capacity', () => {
    const { state } = burst(10, 0);
    expect(takeToken(rule, state, 100).allowed).toBe(true);
    expect(burst(30, 60_000, state).allowed.filter(Boolean)).toHaveLength(10);
  });

  it('keeps to its rate over a long steady stream', () => {
    let state: BucketState | undefined;
    let allowed = 0;
    for (let t = 0; t < 10_000; t += 10) {
      const decision = takeToken(rule, state, t);
      state = decision.state;
      if (decision.allowed) allowed++;
    }
    expect(allowed).toBeGreaterThanOrEqual(100);
    expect(allowed).toBeLessThanOrEqual(110);
  });
});
