import { describe, expect, it } from 'vitest';
import { formatLinks, parseLinks } from './link-header.ts';

describe('Link header', () => {
  it('writes one link per relation, in order', () => {
    expect(
      formatLinks([
        { rel: 'next', url: 'https://h/x?page=2' },
        { rel: 'last', url: 'https://h/x?page=5' },
      ]),
    ).toBe('<https://h/x?page=2>; rel="next", <https://h/x?page=5>; rel="last"');
    expect(formatLinks([])).toBe('');
  });

  it("reads GitHub's documented header back", () => {
    const header =
      '<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", <https://api.github.com/repositories/1300192/issues?page=4>; rel="next", <https://api.github.com/repositories/1300192/issues?page=515>; rel="last", <https://api.github.com/repositories/1300192/issues?page=1>; rel="first"';
    expect(parseLinks(header).map((link) => `${link.rel} ${new URL(link.url).searchParams.get('page')}`)).toEqual(['prev 2', 'next 4', 'last 515', 'first 1']);
  });

  it('reads other parameters, unquoted and several relations, and skips what is not a link', () => {
    expect(parseLinks('<a?x=1,2>; title="t"; rel=next, junk, </b>;rel="prev first"')).toEqual([
      { rel: 'next', url: 'a?x=1,2' },
      { rel: 'prev', url: '/b' },
      { rel: 'first', url: '/b' },
    ]);
    expect(parseLinks(undefined)).toEqual([]);
    expect(parseLinks('')).toEqual([]);
  });
});
