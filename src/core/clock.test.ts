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

describe('pausing a real clock', () => {
  it('stands still while paused, moves only when told, and runs on from where it stopped', () => {
    let wall = 1_000_000;
    const clock = createControlledClock('real', 5_000, () => wall);
    wall += 100;
    expect(clock.now()).toBe(5_100);
    clock.pause?.();
    expect(clock.stopped()).toBe(true);
    wall += 10_000;
    expect(clock.now()).toBe(5_100);
    clock.advance(400);
    expect(clock.now()).toBe(5_500);
    clock.resume?.();
    expect(clock.stopped()).toBe(false);
    wall += 50;
    expect(clock.now()).toBe(5_550);
  });

  it('leaves a manual clock stopped when asked to resume', () => {
    const clock = createControlledClock('manual', 7_000, () => 1);
    clock.resume?.();
    expect(clock.stopped()).toBe(true);
    expect(clock.now()).toBe(7_000);
  });
});
