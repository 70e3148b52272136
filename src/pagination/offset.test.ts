import { describe, expect, it } from 'vitest';
import { offsetWindow } from './offset.ts';

describe('offsetWindow', () => {
  it('has no previous page at offset 0', () => {
    expect(offsetWindow(0, 10, 25)).toEqual({ offset: 0, limit: 10, total: 25, nextOffset: 10, previousOffset: null });
  });

  it('has no next page on the last page', () => {
    expect(offsetWindow(20, 10, 25)).toMatchObject({ nextOffset: null, previousOffset: 10 });
  });

  it('ends exactly when the page reaches the total', () => {
    expect(offsetWindow(10, 10, 20).nextOffset).toBeNull();
  });

  it('clamps the previous page at zero for an unaligned offset', () => {
    expect(offsetWindow(3, 10, 25).previousOffset).toBe(0);
  });

  it('links a page past the end back to the last real page', () => {
    expect(offsetWindow(500, 10, 25)).toMatchObject({ nextOffset: null, previousOffset: 20 });
  });

  it('has neither neighbour for an empty set', () => {
    expect(offsetWindow(0, 10, 0)).toMatchObject({ nextOffset: null, previousOffset: null });
  });
});
