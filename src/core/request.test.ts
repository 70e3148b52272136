import { describe, expect, it } from 'vitest';
import { queryObject, replaceQuery } from './request.ts';

describe('queryObject', () => {
  it('keeps single values as strings and repeated ones as arrays', () => {
    expect(
      queryObject([
        ['limit', '5'],
        ['status', 'a'],
        ['status', 'b'],
      ]),
    ).toEqual({ limit: '5', status: ['a', 'b'] });
  });

  it('maps aliases to canonical names', () => {
    expect(queryObject([['query[limit]', '5']], { 'query[limit]': 'limit' })).toEqual({ limit: '5' });
  });

  it('prefers the canonical name over its alias', () => {
    expect(
      queryObject(
        [
          ['limit', '7'],
          ['query[limit]', '5'],
        ],
        { 'query[limit]': 'limit' },
      ),
    ).toEqual({ limit: '7' });
  });

  it('keeps __proto__ as an ordinary key', () => {
    const query = queryObject([['__proto__', 'x']]);
    expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(query, '__proto__')?.value).toBe('x');
  });
});

describe('replaceQuery', () => {
  it('replaces page parameters and keeps filters in order', () => {
    expect(
      replaceQuery(
        [
          ['status', 'new'],
          ['offset', '0'],
          ['limit', '2'],
        ],
        { limit: 2, offset: 2 },
      ),
    ).toBe('status=new&limit=2&offset=2');
  });

  it('drops the aliases of a replaced parameter', () => {
    expect(
      replaceQuery(
        [
          ['query[offset]', '0'],
          ['uid', 'u'],
        ],
        { offset: 10 },
        { 'query[offset]': 'offset' },
      ),
    ).toBe('uid=u&offset=10');
  });
});
