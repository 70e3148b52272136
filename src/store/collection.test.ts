import { describe, expect, it } from 'vitest';
import { recentlyUsed } from './collection.ts';

describe('the indexes kept per collection', () => {
  it('keeps at most the bound, dropping the least recently used and building only what it lacks', () => {
    const indexes = new Map<string, number>();
    let built = 0;
    const use = (key: string) => recentlyUsed(indexes, key, () => ++built, 3);
    for (const key of ['a', 'b', 'c']) use(key);
    expect(use('a')).toBe(1);
    use('d');
    expect([...indexes.keys()].sort()).toEqual(['a', 'c', 'd']);
    expect(built).toBe(4);
  });
});
