import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../core/json.ts';
import { ok } from '../core/result.ts';
import { cursorToken, offsetArray, offsetEnvelope, offsetWithMetadata } from './dialects.ts';
import { fakeContext } from './fake-context.ts';

const context = fakeContext;

describe('pagination dialects', () => {
  it('offsetArray reads offset and limit with defaults and returns the bare items, no headers', () => {
    const dialect = offsetArray({ offset: 'offset', limit: 'limit', defaultLimit: 100 });
    expect(dialect.read(context({}))).toEqual(ok({ kind: 'offset', offset: 0, limit: 100 }));
    expect(dialect.read(context({ offset: 5, limit: 2 }))).toEqual(ok({ kind: 'offset', offset: 5, limit: 2 }));
    expect(dialect.reply({ spec: { kind: 'offset', offset: 0, limit: 2 }, items: [1, 2], total: 9, hasMore: true }, context({}))).toEqual({
      body: [1, 2],
      headers: {},
    });
  });

  it('offsetArray describes a bare array paged by offset, with no total', () => {
    expect(offsetArray({ offset: 'offset', limit: 'limit', defaultLimit: 100 }).description).toEqual({
      items: null,
      pageSize: { param: 'limit', default: 100 },
      next: { kind: 'offset', param: 'offset' },
      total: null,
      headers: [],
      links: [],
    });
  });

  it('offsetArray makes a page the last by ending it short, and an empty page empty', () => {
    const dialect = offsetArray({ offset: 'offset', limit: 'limit', defaultLimit: 100 });
    expect(dialect.lastPage({ body: [1, 2, 3], headers: {} })).toEqual({ body: [1, 2], headers: {} });
    expect(dialect.emptyPage({ body: [1, 2, 3], headers: {} })).toEqual({ body: [], headers: {} });
  });

  it('offsetWithMetadata adds _metadata with working neighbour links only when asked', () => {
    const dialect = offsetWithMetadata({ items: 'sessions', offset: 'offset', limit: 'limit', defaultLimit: 100, flag: 'metadata' });
    const outcome = { spec: { kind: 'offset' as const, offset: 10, limit: 10 }, items: ['a'], total: 25, hasMore: true };
    expect(dialect.reply(outcome, context({}))).toEqual({ body: { sessions: ['a'] }, headers: {} });
    expect(dialect.reply(outcome, context({ metadata: true })).body).toEqual({
      sessions: ['a'],
      _metadata: { limit: 10, offset: 10, total: 25, next: '/list?status=new&limit=10&offset=20', previous: '/list?status=new&limit=10&offset=0' },
    });
  });

  it('offsetWithMetadata describes its total behind the flag', () => {
    const dialect = offsetWithMetadata({ items: 'sessions', offset: 'offset', limit: 'limit', defaultLimit: 100, flag: 'metadata' });
    expect(dialect.description).toMatchObject({ items: 'sessions', total: { pointer: '/_metadata/total', flag: 'metadata' }, headers: [] });
  });

  it('offsetWithMetadata leaves the links out at both ends of a single page', () => {
    const dialect = offsetWithMetadata({ items: 'sessions', offset: 'offset', limit: 'limit', defaultLimit: 100, flag: 'metadata' });
    const { body } = dialect.reply({ spec: { kind: 'offset', offset: 0, limit: 100 }, items: [], total: 3, hasMore: false }, context({ metadata: true }));
    expect((body as JsonObject)['_metadata']).toEqual({ limit: 100, offset: 0, total: 3 });
  });

  it('offsetWithMetadata makes a page the last by dropping its next link, and an empty one with no items', () => {
    const dialect = offsetWithMetadata({ items: 'sessions', offset: 'offset', limit: 'limit', defaultLimit: 100, flag: 'metadata' });
    const page = { body: { sessions: ['x'], _metadata: { limit: 1, offset: 1, total: 9, next: '/n', previous: '/p' } }, headers: {} };
    expect(dialect.lastPage(page).body).toEqual({ sessions: ['x'], _metadata: { limit: 1, offset: 1, total: 9, previous: '/p' } });
    expect(dialect.emptyPage(page).body).toEqual({ sessions: [], _metadata: { limit: 1, offset: 1, total: 9, previous: '/p' } });
  });

  it('offsetEnvelope reports offset, page size and total around the list', () => {
    const dialect = offsetEnvelope({ offset: '_offset', pageSize: '_pageSize', total: '_total', items: '_list', defaultLimit: 10 });
    expect(dialect.read(context({}))).toEqual(ok({ kind: 'offset', offset: 0, limit: 10 }));
    expect(dialect.reply({ spec: { kind: 'offset', offset: 20, limit: 10 }, items: ['x'], total: 21, hasMore: false }, context({}))).toEqual({
      body: { _offset: 20, _pageSize: 10, _total: 21, _list: ['x'] },
      headers: {},
    });
    expect(dialect.description).toMatchObject({ items: '_list', pageSize: { param: '_pageSize', default: 10 }, total: { pointer: '/_total' } });
  });

  it('offsetEnvelope ends its total on a last or empty page', () => {
    const dialect = offsetEnvelope({ offset: '_offset', pageSize: '_pageSize', total: '_total', items: '_list', defaultLimit: 10 });
    const page = { body: { _offset: 20, _pageSize: 10, _total: 95, _list: ['a', 'b'] }, headers: {} };
    expect(dialect.lastPage(page).body).toEqual({ _offset: 20, _pageSize: 10, _total: 22, _list: ['a', 'b'] });
    expect(dialect.emptyPage(page).body).toEqual({ _offset: 20, _pageSize: 10, _total: 20, _list: [] });
  });

  it('cursorToken issues a token only while more items remain', () => {
    const dialect = cursorToken({ items: 'data', token: 'next_token', limit: 'limit', defaultLimit: 25, totalFlag: 'with_total' });
    const last = { values: [], seq: 7 };
    expect(dialect.reply({ spec: { kind: 'keyset', limit: 2 }, items: [1, 2], total: 5, hasMore: true, last }, context({}))).toEqual({
      body: { data: [1, 2], next_token: 'T7' },
      headers: {},
    });
    expect(dialect.reply({ spec: { kind: 'keyset', limit: 2 }, items: [1], total: 5, hasMore: false, last }, context({ with_total: true })).body).toEqual({
      data: [1],
      total: 5,
    });
  });

  it('cursorToken describes a cursor read from the body and a total behind its flag', () => {
    const dialect = cursorToken({ items: 'data', token: 'next_token', limit: 'limit', defaultLimit: 25, totalFlag: 'with_total' });
    expect(dialect.description).toEqual({
      items: 'data',
      pageSize: { param: 'limit', default: 25 },
      next: { kind: 'cursor', param: 'next_token', from: { in: 'body', pointer: '/next_token' } },
      total: { pointer: '/total', flag: 'with_total' },
      headers: [],
      links: [],
    });
  });

  it('cursorToken makes a page the last by dropping its token', () => {
    const dialect = cursorToken({ items: 'data', token: 'next_token', limit: 'limit', defaultLimit: 25, totalFlag: 'with_total' });
    expect(dialect.lastPage({ body: { data: [1], next_token: 'T1', total: 4 }, headers: {} }).body).toEqual({ data: [1], total: 4 });
    expect(dialect.emptyPage({ body: { data: [1], next_token: 'T1' }, headers: {} }).body).toEqual({ data: [] });
  });

  it("cursorToken reads a token into a keyset position and passes on a bad one's error", () => {
    const dialect = cursorToken({ items: 'data', token: 'next_token', limit: 'limit', defaultLimit: 25, totalFlag: 'with_total' });
    expect(dialect.read(context({ next_token: 'T3', limit: 4 }))).toEqual(ok({ kind: 'keyset', limit: 4, after: { values: [], seq: 3 } }));
    expect(dialect.read(context({ next_token: '' }))).toEqual(ok({ kind: 'keyset', limit: 25 }));
    expect(dialect.read(context({ next_token: 'forged' }))).toMatchObject({ ok: false, error: { message: 'bad next_token' } });
  });

  it('cursorToken with clamp holds any integer limit within its range and says the largest', () => {
    const dialect = cursorToken({ items: 'data', token: 'next_token', limit: 'limit', defaultLimit: 25, totalFlag: 'with_total', clamp: [1, 1000] });
    expect(dialect.description.pageSize.max).toBe(1000);
    expect(dialect.read(context({ limit: 0 }))).toEqual(ok({ kind: 'keyset', limit: 1 }));
    expect(dialect.read(context({ limit: -7 }))).toEqual(ok({ kind: 'keyset', limit: 1 }));
    expect(dialect.read(context({ limit: 1e20 }))).toEqual(ok({ kind: 'keyset', limit: 1000 }));
    expect(dialect.read(context({ limit: 40 }))).toEqual(ok({ kind: 'keyset', limit: 40 }));
  });
});
