import { describe, expect, it } from 'vitest';
import { interleave } from './interleave.ts';

/** Which category holds each of the first `n` positions, counted the slow way. */
const walk = (weights: readonly number[], n: number, offset = 0) => Array.from({ length: n }, (_, p) => interleave(weights, offset).at(p));

describe('interleave: positions shared out by weight from the position alone', () => {
  it('gives integer weights exactly their counts over their total', () => {
    const held = walk([240, 14], 254).map((slot) => slot.which);
    expect(held.filter((which) => which === 0)).toHaveLength(240);
    expect(held.filter((which) => which === 1)).toHaveLength(14);
    expect(interleave([100_000, 14]).countBefore(100_014, 1)).toBe(14);
    expect(interleave([5, 0, 3, 2]).countBefore(10, 1)).toBe(0);
  });

  it("ranks each position among its category's, as a count of the positions before it would", () => {
    for (const offset of [0, 417]) {
      const weights = [0.55, 0.15, 0.1627, 0.1373];
      const seen = weights.map(() => 0);
      const tally = interleave(weights, offset);
      for (const [p, slot] of walk(weights, 2000, offset).entries()) {
        expect(slot.rank).toBe(seen[slot.which]);
        expect(tally.countBefore(p, slot.which)).toBe(seen[slot.which]);
        seen[slot.which] = (seen[slot.which] ?? 0) + 1;
      }
    }
  });

  it('spreads each category evenly: any stretch holds its share, give or take a couple', () => {
    const weights = [55, 15, 15, 15];
    const held = walk(weights, 1000).map((slot) => slot.which);
    for (const [which, weight] of weights.entries()) {
      for (let start = 0; start + 50 <= held.length; start += 37) {
        const count = held.slice(start, start + 50).filter((w) => w === which).length;
        expect(Math.abs(count - (50 * weight) / 100)).toBeLessThanOrEqual(2);
      }
    }
  });

  it('refuses weights with nothing to share', () => {
    expect(() => interleave([])).toThrow();
    expect(() => interleave([0, 0])).toThrow();
    expect(() => interleave([1, -1])).toThrow();
  });
});
