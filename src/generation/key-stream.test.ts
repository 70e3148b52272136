import { describe, expect, it } from 'vitest';
import { createIdSource } from './ids.ts';
import { charsFrom, DIGITS, hexFrom, intIn, isoFast, pick, uuidFrom, weightedPick } from './key-stream.ts';

const stream = (seed = 7) => createIdSource(seed).next;

describe('key streams', () => {
  it('writes version 4 uuids with the RFC variant', () => {
    const random = stream();
    const ids = Array.from({ length: 2000 }, () => uuidFrom(random));
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id[19])).size).toBe(4);
  });

  it('draws the same values from the same stream', () => {
    const draw = (random: () => number) => [uuidFrom(random), intIn(random, 1, 6), pick(random, ['a', 'b']), charsFrom(random, 5, DIGITS)];
    expect(draw(stream(3))).toEqual(draw(stream(3)));
    expect(draw(stream(4))).not.toEqual(draw(stream(3)));
  });

  it('keeps integers within their bounds, both reached', () => {
    const random = stream();
    const values = Array.from({ length: 5000 }, () => intIn(random, 2, 5));
    expect(new Set(values)).toEqual(new Set([2, 3, 4, 5]));
  });

  it('picks by weight', () => {
    const random = stream();
    const picks = Array.from({ length: 20_000 }, () =>
      weightedPick(random, [
        { value: 'a', weight: 3 },
        { value: 'b', weight: 1 },
      ]),
    );
    expect(picks.filter((p) => p === 'a').length / picks.length).toBeCloseTo(0.75, 1);
  });

  it('writes hex of the asked length, eight digits a draw, every digit used', () => {
    const random = stream();
    const values = Array.from({ length: 500 }, () => hexFrom(random, 40));
    expect(values.every((value) => /^[0-9a-f]{40}$/.test(value))).toBe(true);
    expect(new Set(values.join('')).size).toBe(16);
    const counted = { draws: 0 };
    hexFrom(() => {
      counted.draws++;
      return 0.5;
    }, 24);
    expect(counted.draws).toBe(3);
    expect(hexFrom(() => 0.5, 8)).toBe('80000000');
  });

  it('formats instants exactly as toISOString does', () => {
    const random = stream();
    const instants = [
      0,
      999,
      86_399_999,
      86_400_000,
      Date.parse('2026-11-01T00:00:00Z') - 1,
      ...Array.from({ length: 5000 }, () => Math.floor(random() * 4e12)),
    ];
    expect(instants.filter((ms) => isoFast(ms) !== new Date(ms).toISOString())).toEqual([]);
  });
});
