import { describe, expect, it } from 'vitest';
import { ok } from '../core/result.ts';
import { cursorLink } from './cursor-link.ts';
import { fakeContext } from './fake-context.ts';

const dialect = cursorLink({ items: null, cursor: 'after', limit: 'per_page', defaultLimit: 30, clamp: [1, 100] });
const last = { values: [], seq: 9 };

describe('cursor dialect with a Link header', () => {
  it('answers the bare items and a next link carrying the token while more remain', () => {
    const reply = dialect.reply(
      { spec: { kind: 'keyset', limit: 2 }, items: [1, 2], total: 5, hasMore: true, last },
      fakeContext({}, 'https://api.example.test'),
    );
    expect(reply).toEqual({ body: [1, 2], headers: { link: '<https://api.example.test/list?status=new&after=T9>; rel="next"' } });
  });

  it('writes no Link header on the last page', () => {
    expect(dialect.reply({ spec: { kind: 'keyset', limit: 2 }, items: [1], total: 5, hasMore: false, last }, fakeContext({}))).toEqual({
      body: [1],
      headers: {},
    });
  });

  it('reads the token and the clamped page size, naming the parameter of a bad token', () => {
    expect(dialect.read(fakeContext({ after: 'T4', per_page: 1000 }))).toEqual(ok({ kind: 'keyset', limit: 100, after: { values: [], seq: 4 } }));
    expect(dialect.read(fakeContext({ after: 'nope' }))).toMatchObject({ ok: false, error: { message: 'bad after' } });
  });

  it('describes a cursor read from the Link header rel="next"', () => {
    expect(dialect.description).toEqual({
      items: null,
      pageSize: { param: 'per_page', default: 30, max: 100 },
      next: { kind: 'cursor', param: 'after', from: { in: 'link', rel: 'next' } },
      total: null,
      headers: [{ name: 'link', required: false }],
      links: ['next'],
    });
  });

  it('makes a page the last by dropping its next link, and an empty one with no items', () => {
    const page = { body: [1, 2], headers: { link: '<https://h/l?after=T2>; rel="next"', 'x-other': 'kept' } };
    expect(dialect.lastPage(page)).toEqual({ body: [1, 2], headers: { 'x-other': 'kept' } });
    expect(dialect.emptyPage(page)).toEqual({ body: [], headers: { 'x-other': 'kept' } });
  });

  it('keeps the items under a key when it has one', () => {
    const keyed = cursorLink({ items: 'runs', cursor: 'after', limit: 'limit', defaultLimit: 10 });
    expect(keyed.reply({ spec: { kind: 'keyset', limit: 1 }, items: ['r'], total: 1, hasMore: false }, fakeContext({})).body).toEqual({ runs: ['r'] });
    expect(keyed.emptyPage({ body: { runs: ['r'] }, headers: {} }).body).toEqual({ runs: [] });
  });
});
