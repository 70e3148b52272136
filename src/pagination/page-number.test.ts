import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../core/json.ts';
import { replaceQuery } from '../core/request.ts';
import { ok } from '../core/result.ts';
import { fakeContext } from './fake-context.ts';
import { pageNumberLink } from './page-number.ts';

const dialect = pageNumberLink({ page: 'page', perPage: 'per_page', defaultPerPage: 30, maxPerPage: 100, items: 'workflow_runs', total: 'total_count' });
const ORIGIN = 'https://api.example.test';
const LIST = `${ORIGIN}/repos/octo/hello/actions/runs`;

/** A request for the list with these query pairs (validated as `query`); links keep the pairs and replace the page. */
function request(pairs: [string, string][], query: JsonObject = {}) {
  return {
    ...fakeContext(query, ORIGIN),
    link: (replace: Readonly<Record<string, string | number>>) => `/repos/octo/hello/actions/runs?${replaceQuery(pairs, replace)}`,
  };
}

const runs = (n: number): Json[] => Array.from({ length: n }, (_, i) => ({ id: i }));
const page = (offset: number, limit: number, count: number, total: number) => ({
  spec: { kind: 'offset' as const, offset, limit },
  items: runs(count),
  total,
  hasMore: offset + count < total,
});

describe('page-number dialect with a Link header', () => {
  it('reads page and per_page into an offset page, with the declared defaults', () => {
    expect(dialect.read(request([]))).toEqual(ok({ kind: 'offset', offset: 0, limit: 30 }));
    expect(dialect.read(request([], { page: 3, per_page: 10 }))).toEqual(ok({ kind: 'offset', offset: 20, limit: 10 }));
  });

  it('holds per_page within 1..max and reads a page below 1 as the first', () => {
    expect(dialect.read(request([], { per_page: 500 }))).toEqual(ok({ kind: 'offset', offset: 0, limit: 100 }));
    expect(dialect.read(request([], { per_page: 0, page: 0 }))).toEqual(ok({ kind: 'offset', offset: 0, limit: 1 }));
    expect(dialect.read(request([], { page: -4, per_page: 5 }))).toEqual(ok({ kind: 'offset', offset: 0, limit: 5 }));
  });

  it('answers {total, items} with next and last links on the first page, keeping the other query parameters', () => {
    const reply = dialect.reply(
      page(0, 10, 10, 95),
      request([
        ['per_page', '10'],
        ['status', 'completed'],
      ]),
    );
    expect(reply.body).toEqual({ total_count: 95, workflow_runs: runs(10) });
    expect(reply.headers).toEqual({
      link: `<${LIST}?per_page=10&status=completed&page=2>; rel="next", <${LIST}?per_page=10&status=completed&page=10>; rel="last"`,
    });
  });

  it('writes prev, next, last and first in that order on a middle page, replacing the page asked for', () => {
    const reply = dialect.reply(
      page(40, 10, 10, 95),
      request([
        ['page', '5'],
        ['per_page', '10'],
      ]),
    );
    expect(reply.headers['link']).toBe(
      `<${LIST}?per_page=10&page=4>; rel="prev", <${LIST}?per_page=10&page=6>; rel="next", <${LIST}?per_page=10&page=10>; rel="last", <${LIST}?per_page=10&page=1>; rel="first"`,
    );
  });

  it('has no next or last on the last page', () => {
    const reply = dialect.reply(
      page(90, 10, 5, 95),
      request([
        ['page', '10'],
        ['per_page', '10'],
      ]),
    );
    expect(reply.headers['link']).toBe(`<${LIST}?per_page=10&page=9>; rel="prev", <${LIST}?per_page=10&page=1>; rel="first"`);
  });

  it('writes no Link header when the list fits on one page', () => {
    expect(dialect.reply(page(0, 30, 3, 3), request([])).headers).toEqual({});
    expect(dialect.reply(page(0, 30, 0, 0), request([]))).toEqual({ body: { total_count: 0, workflow_runs: [] }, headers: {} });
  });

  it('links a page past the end back to the last real page', () => {
    const reply = dialect.reply(
      page(190, 10, 0, 95),
      request([
        ['page', '20'],
        ['per_page', '10'],
      ]),
    );
    expect(reply.headers['link']).toBe(`<${LIST}?per_page=10&page=10>; rel="prev", <${LIST}?per_page=10&page=1>; rel="first"`);
  });

  it('describes itself: page numbers from 1, per_page with default and maximum, the total, the Link header', () => {
    expect(dialect.description).toEqual({
      items: 'workflow_runs',
      pageSize: { param: 'per_page', default: 30, max: 100 },
      next: { kind: 'page', param: 'page', first: 1 },
      total: { pointer: '/total_count' },
      headers: [{ name: 'link', required: false }],
      links: ['prev', 'next', 'last', 'first'],
    });
  });

  it('makes a middle page the last: no next or last link, a total that ends on it', () => {
    const reply = dialect.reply(
      page(40, 10, 10, 95),
      request([
        ['page', '5'],
        ['per_page', '10'],
      ]),
    );
    expect(dialect.lastPage(reply)).toEqual({
      body: { total_count: 50, workflow_runs: runs(10) },
      headers: { link: `<${LIST}?per_page=10&page=4>; rel="prev", <${LIST}?per_page=10&page=1>; rel="first"` },
    });
  });

  it('makes the first page the last by dropping the Link header altogether', () => {
    const reply = dialect.reply(page(0, 30, 30, 95), request([]));
    expect(dialect.lastPage(reply)).toEqual({ body: { total_count: 30, workflow_runs: runs(30) }, headers: {} });
  });

  it('leaves a page that is already the last as it is', () => {
    const reply = dialect.reply(
      page(90, 10, 5, 95),
      request([
        ['page', '10'],
        ['per_page', '10'],
      ]),
    );
    expect(dialect.lastPage(reply)).toEqual(reply);
  });

  it('empties a page into the last one: no items, a total ending before it, no next link', () => {
    const middle = dialect.reply(
      page(40, 10, 10, 95),
      request([
        ['page', '5'],
        ['per_page', '10'],
      ]),
    );
    expect(dialect.emptyPage(middle)).toEqual({
      body: { total_count: 40, workflow_runs: [] },
      headers: { link: `<${LIST}?per_page=10&page=4>; rel="prev", <${LIST}?per_page=10&page=1>; rel="first"` },
    });
    expect(dialect.emptyPage(dialect.reply(page(0, 30, 30, 95), request([])))).toEqual({ body: { total_count: 0, workflow_runs: [] }, headers: {} });
  });
});
