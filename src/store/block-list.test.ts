import { describe, expect, it } from 'vitest';
import { BlockList } from './block-list.ts';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('BlockList', () => {
  it('behaves like an array under inserts, removes, reads and searches (small blocks, so blocks split and empty)', () => {
    const next = random(5);
    const reference: number[] = [];
    const list = new BlockList<number>([], 4);
    for (let step = 0; step < 3000; step++) {
      const roll = next();
      if (roll < 0.5 || reference.length === 0) {
        // Keep it sorted, so firstWhere has a suffix to find.
        const value = Math.floor(next() * 100);
        let at = reference.findIndex((v) => v > value);
        if (at === -1) at = reference.length;
        reference.splice(at, 0, value);
        list.insert(at, value);
      } else if (roll < 0.8) {
        const at = Math.floor(next() * reference.length);
        reference.splice(at, 1);
        list.remove(at);
      } else {
        const threshold = Math.floor(next() * 100);
        const expected = reference.findIndex((v) => v > threshold);
        expect(list.firstWhere((v) => v > threshold)).toBe(expected === -1 ? reference.length : expected);
        const start = Math.floor(next() * (reference.length + 2));
        expect(list.slice(start, start + 7)).toEqual(reference.slice(start, start + 7));
        expect(list.at(start)).toBe(reference[start]);
      }
      expect(list.length).toBe(reference.length);
    }
  });

  it('starts from items in order', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const list = new BlockList(items, 64);
    expect(list.slice(0, 1000)).toEqual(items);
    expect(list.firstWhere((v) => v >= 500)).toBe(500);
  });
});
