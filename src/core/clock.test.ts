import { describe, expect, it } from 'vitest';
import { createControlledClock } from './clock.ts';

describe('controlled clock', () => {
  it('stays frozen in manual mode until moved', () => {
    const clock = createControlledClock('manual', 1_000);
    expect(clock.now()).toBe(1_000);
    expect(clock.advance(500)).toBe(1_500);
    expect(clock.set(10_000)).toBe(10_000);
    expect(clock.now()).toBe(10_000);
  });

  it('follows the source in real mode, shifted by advances', () => {
    let source = 5_000;
    const clock = createControlledClock('real', 5_000, () => source);
    source += 100;
    expect(clock.now()).toBe(5_100);
    clock.advance(1_000);
    source += 10;
    expect(clock.now()).toBe(6_110);
  });

  it('never moves backwards', () => {
    const clock = createControlledClock('manual', 1_000);
    expect(clock.set(500)).toBe(1_000);
    expect(clock.advance(-50)).toBe(1_000);
  });
});
