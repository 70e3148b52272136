import { describe, expect, it } from 'vitest';
import { mockError } from '../core/errors.ts';
import type { JsonObject } from '../core/json.ts';
import { fail, ok } from '../core/result.ts';
import { cursorToken, offsetArray, offsetEnvelope, offsetWithMetadata, type PageContext } from './dialects.ts';

function context(query: JsonObject): PageContext {
  return {
    query,
    link: (replace) => `/list?status=new&${new URLSearchParams(Object.entries(replace).map(([k, v]): [string, string] => [k, String(v)]))}`,
    cursor: {
      encode: (position) => `T${position.seq}`,
      decode: (token) => (token.startsWith('T') ? ok({ values: [], seq: Number(token.slice(1)) }) : fail(mockError('invalidRequest', 'bad token'))),
    },
  };
}

describe('pagination dialects', () => {
  it('offsetArray reads offset and limit with defaults and returns the bare items', () => {
    const dialect = offsetArray({ offset: 'offset', limit: 'limit', defaultLimit: 100 });
    expect(dialect.read(context({}))).toEqual(ok({ kind: 'offset', offset: 0, limit: 100 }));
    expect(dialect.read(context({ offset: 5, limit: 2 }))).toEqual(ok({ kind: 'offset', offset: 5, limit: 2 }));
    expect(dialect.envelope({ spec: { kind: 'offset', offset: 0, limit: 2 }, items: [1, 2], total: 9, hasMore: true }, context({}))).toEqual([1, 2]);
  });

  it('offsetWithMetadata adds _metadata with working neighbour links only when asked', () => {
    const dialect = offsetWithMetadata({ items: 'sessions', offset: 'offset', limit: 'limit', defaultLimit: 100, flag: 'metadata' });
    const outcome = { spec: { kind: 'offset' as const, offset: 10, limit: 10 }, items: ['a'], total: 25, hasMore: true };
    expect(dialect.envelope(outcome, context({}))).toEqual({ sessions: ['a'] });
    expect(dialect.envelope(outcome, context({ metadata: true }))).toEqual({
      sessions: ['a'],
      _metadata: { limit: 10, offset: 10, total: 25, next: '/list?status=new&limit=10&offset=20', previous: '/list?status=new&limit=10&offset=0' },
    });
  });

  it('offsetWithMetadata leaves the links out at both ends of a single page', () => {
    const dialect = offsetWithMetadata({ items: 'sessions', offset: 'offset', limit: 'limit', defaultLimit: 100, flag: 'metadata' });
    const body = dialect.envelope(
      { spec: { kind: 'offset', offset: 0, limit: 100 }, items: [], total: 3, hasMore: false },
      context({ metadata: true }),
    ) as JsonObject;
    expect(body['_metadata']).toEqual({ limit: 100, offset: 0, total: 3 });
  });

  it('offsetWithMetadata makes a page the last by dropping its next link', () => {
    const dialect = offsetWithMetadata({ items: 'sessions', offset: 'offset', limit: 'limit', defaultLimit: 100, flag: 'metadata' });
    expect(dialect.lastPage({ sessions: [], _metadata: { limit: 1, offset: 1, total: 9, next: '/n', previous: '/p' } })).toEqual({
      sessions: [],
      _metadata: { limit: 1, offset: 1, total: 9, previous: '/p' },
    });
  });

  it('offsetEnvelope reports offset, page size and total around the list', () => {
    const dialect = offsetEnvelope({ offset: '_offset', pageSize: '_pageSize', total: '_total', items: '_list', defaultLimit: 10 });
    expect(dialect.read(context({}))).toEqual(ok({ kind: 'offset', offset: 0, limit: 10 }));
    expect(dialect.envelope({ spec: { kind: 'offset', offset: 20, limit: 10 }, items: ['x'], total: 21, hasMore: false }, context({}))).toEqual({
      _offset: 20,
      _pageSize: 10,
      _total: 21,
      _list: ['x'],
    });
  });

  it('cursorToken issues a token only while more items remain', () => {
    const dialect = cursorToken({ items: 'data', token: 'next_token', limit: 'limit', defaultLimit: 25, totalFlag: 'with_total' });
    const last = { values: [], seq: 7 };
    expect(dialect.envelope({ spec: { kind: 'keyset', limit: 2 }, items: [1, 2], total: 5, hasMore: true, last }, context({}))).toEqual({
      data: [1, 2],
      next_token: 'T7',
    });
    expect(dialect.envelope({ spec: { kind: 'keyset', limit: 2 }, items: [1], total: 5, hasMore: false, last }, context({ with_total: true }))).toEqual({
      data: [1],
      total: 5,
    });
  });

  it("cursorToken reads a token into a keyset position and passes on a bad one's error", () => {
    const dialect = cursorToken({ items: 'data', token: 'next_token', limit: 'limit', defaultLimit: 25, totalFlag: 'with_total' });
    expect(dialect.read(context({ next_token: 'T3', limit: 4 }))).toEqual(ok({ kind: 'keyset', limit: 4, after: { values: [], seq: 3 } }));
    expect(dialect.read(context({ next_token: '' }))).toEqual(ok({ kind: 'keyset', limit: 25 }));
    expect(dialect.read(context({ next_token: 'forged' }))).toMatchObject({ ok: false, error: { message: 'bad token' } });
  });

  it('cursorToken with clamp holds any integer limit within its range and says the largest', () => {
    const dialect = cursorToken({ items: 'data', token: 'next_token', limit: 'limit', defaultLimit: 25, totalFlag: 'with_total', clamp: [1, 1000] });
    expect(dialect.maxLimit).toBe(1000);
    expect(dialect.read(context({ limit: 0 }))).toEqual(ok({ kind: 'keyset', limit: 1 }));
    expect(dialect.read(context({ limit: -7 }))).toEqual(ok({ kind: 'keyset', limit: 1 }));
    expect(dialect.read(context({ limit: 1e20 }))).toEqual(ok({ kind: 'keyset', limit: 1000 }));
    expect(dialect.read(context({ limit: 40 }))).toEqual(ok({ kind: 'keyset', limit: 40 }));
  });
});
