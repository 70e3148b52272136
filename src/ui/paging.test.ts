import { describe, expect, it } from 'vitest';
import { cursorLink, cursorToken, offsetArray, offsetWithMetadata, pageNumberLink, type PaginationDialect } from '../pagination/dialects.ts';
import { listUrl, pageSizes, readPage, type ApiDescription, type ListState, type Paging } from './model.ts';

// An API whose list pages as the dialect describes itself: the console knows nothing else of it.

function apiPagedBy(dialect: PaginationDialect, query: Record<string, string> = {}): ApiDescription {
  return {
    id: 'x',
    list: { method: 'GET', path: '/runs', params: {}, query, filters: [], sort: null, paging: structuredClone(dialect.description) as Paging },
  } as unknown as ApiDescription;
}
const state = (over: Partial<ListState> = {}): ListState => ({ filters: {}, sort: '', limit: 2, offset: 0, cursors: [], ...over });
const runs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}` }));

describe('console paging by offset', () => {
  const api = apiPagedBy(offsetWithMetadata({ items: 'sessions', offset: 'offset', limit: 'limit', defaultLimit: 100, flag: 'metadata' }));

  it('asks for the total with its flag and for the page by offset', () => {
    expect(listUrl(api, state({ offset: 4 }))).toBe('/x/runs?limit=2&metadata=true&offset=4');
  });

  it('reads the total where the dialect keeps it and goes on while it says more remain', () => {
    expect(readPage(api, { sessions: runs(2), _metadata: { total: 7 } }, {}, state({ offset: 4 }))).toEqual({ runs: runs(2), next: { offset: 6 }, total: 7 });
    expect(readPage(api, { sessions: runs(1), _metadata: { total: 7 } }, {}, state({ offset: 6 })).next).toBeNull();
  });

  it('without a total, goes on while pages come back full', () => {
    const bare = apiPagedBy(offsetArray({ offset: 'offset', limit: 'limit', defaultLimit: 100 }));
    expect(readPage(bare, runs(2), {}, state())).toEqual({ runs: runs(2), next: { offset: 2 }, total: null });
    expect(readPage(bare, runs(1), {}, state()).next).toBeNull();
  });
});

describe('console paging by page number and Link header', () => {
  const api = apiPagedBy(
    pageNumberLink({ page: 'page', perPage: 'per_page', defaultPerPage: 30, maxPerPage: 100, items: 'workflow_runs', total: 'total_count' }),
  );

  it('asks for pages by number from the first, with the page size', () => {
    expect(listUrl(api, state())).toBe('/x/runs?per_page=2');
    expect(listUrl(api, state({ offset: 4 }))).toBe('/x/runs?per_page=2&page=3');
  });

  it('reads the total and goes on while the Link header has a next page', () => {
    const link = '<http://127.0.0.1:4010/x/runs?per_page=2&page=4>; rel="next", <http://127.0.0.1:4010/x/runs?per_page=2&page=9>; rel="last"';
    expect(readPage(api, { total_count: 17, workflow_runs: runs(2) }, { link }, state({ offset: 4 }))).toEqual({
      runs: runs(2),
      next: { offset: 6 },
      total: 17,
    });
  });

  it('stops where the Link header has no next page, even on a full page', () => {
    const link = '<http://127.0.0.1:4010/x/runs?per_page=2&page=1>; rel="first"';
    expect(readPage(api, { total_count: 99, workflow_runs: runs(2) }, { link }, state({ offset: 4 })).next).toBeNull();
    expect(readPage(api, { total_count: 2, workflow_runs: runs(2) }, {}, state()).next).toBeNull();
  });

  it('offers page sizes up to the largest page', () => {
    expect(pageSizes(api)).toEqual([10, 25, 50, 100]);
    expect(pageSizes(apiPagedBy(pageNumberLink({ page: 'p', perPage: 'n', defaultPerPage: 5, maxPerPage: 20, items: 'i', total: 't' })))).toEqual([10]);
    expect(pageSizes(apiPagedBy(pageNumberLink({ page: 'p', perPage: 'n', defaultPerPage: 5, maxPerPage: 5, items: 'i', total: 't' })))).toEqual([5]);
  });
});

describe('console paging by cursor', () => {
  it('follows a token from the body and sends the last one followed', () => {
    const api = apiPagedBy(cursorToken({ items: 'data', token: 'next_token', limit: 'limit', defaultLimit: 25, totalFlag: 'with_total' }));
    expect(listUrl(api, state({ cursors: ['a', 'b'] }))).toBe('/x/runs?limit=2&with_total=true&next_token=b');
    expect(readPage(api, { data: runs(2), next_token: 'c', total: 9 }, {}, state())).toEqual({ runs: runs(2), next: { cursor: 'c' }, total: 9 });
    expect(readPage(api, { data: runs(1), total: 9 }, {}, state()).next).toBeNull();
  });

  it('follows a token from the Link header rel="next"', () => {
    const api = apiPagedBy(cursorLink({ items: null, cursor: 'after', limit: 'per_page', defaultLimit: 30 }));
    expect(listUrl(api, state({ cursors: ['t1'] }))).toBe('/x/runs?per_page=2&after=t1');
    const link = '<http://127.0.0.1:4010/x/runs?per_page=2&state=done&after=t%2B2>; rel="next"';
    expect(readPage(api, runs(2), { link }, state())).toEqual({ runs: runs(2), next: { cursor: 't+2' }, total: null });
    expect(readPage(api, runs(2), {}, state()).next).toBeNull();
  });
});
