import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.ts';
import { mockError } from '../core/errors.ts';
import type { JsonObject } from '../core/json.ts';
import type { PlainRequest } from '../core/request.ts';
import { ok } from '../core/result.ts';
import { pageNumberLink } from '../pagination/dialects.ts';
import { createTestStore } from '../store/memory.ts';
import { createSchemaRegistry } from '../validation/registry.ts';
import { createEngine } from './engine.ts';
import type { ApiPack } from './pack.ts';
import type { ResponseViolation } from './response-check.ts';

// A list paged by page number with a `Link` header, and replies whose headers keep or break their declarations.

const ID = 'https://test.local/paged.json';
const schemas: JsonObject[] = [
  {
    $id: ID,
    $defs: {
      Run: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, state: { type: 'string' } } },
      Page: {
        type: 'object',
        required: ['total', 'runs'],
        properties: { total: { type: 'integer' }, runs: { type: 'array', items: { $ref: '#/$defs/Run' } } },
      },
      Query: { type: 'object', properties: { page: { type: 'integer' }, per_page: { type: 'integer' }, state: { type: 'string' } } },
      Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
    },
  },
];
const runs = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, data: { id: `r${i}`, state: i % 2 ? 'on' : 'off' } }));
const run = { collection: 'runs', id: () => 'r1', notFound: () => mockError('notFound', 'gone') };

const pack: ApiPack = {
  id: 'paged',
  title: 'Paged',
  vendorBaseUrl: 'https://paged.example',
  media: { accepts: ['json'], produces: ['json'] },
  auth: { kind: 'none' },
  errors: { schema: `${ID}#/$defs/Error`, render: (e) => ({ error: e.message }) },
  seed: () => ({ runs }),
  operations: [
    {
      id: 'list',
      method: 'GET',
      path: '/runs',
      summary: 'list',
      request: { query: `${ID}#/$defs/Query` },
      responses: { 200: `${ID}#/$defs/Page` },
      action: {
        kind: 'list',
        collection: 'runs',
        where: (input) => ok(input.query['state'] ? [{ field: 'state', op: 'eq', value: input.query['state'] }] : []),
        orderBy: () => ok([{ field: 'id', dir: 'asc', as: 'text' }]),
        pagination: pageNumberLink({ page: 'page', perPage: 'per_page', defaultPerPage: 2, maxPerPage: 3, items: 'runs', total: 'total' }),
      },
    },
    {
      id: 'located',
      method: 'POST',
      path: '/runs/{id}/located',
      summary: 'declares Location and sends it',
      responses: { 201: null },
      responseHeaders: { 201: ['location'] },
      action: { kind: 'get', ...run, reply: () => ok({ status: 201, headers: { location: '/paged/runs/r1' } }) },
    },
    {
      id: 'unlocated',
      method: 'POST',
      path: '/runs/{id}/unlocated',
      summary: 'declares Location and leaves it out',
      responses: { 201: null },
      responseHeaders: { 201: ['location'] },
      action: { kind: 'get', ...run, reply: () => ok({ status: 201 }) },
    },
    {
      id: 'linked',
      method: 'GET',
      path: '/runs/{id}/linked',
      summary: 'sends a Link header it does not declare',
      responses: { 200: `${ID}#/$defs/Run` },
      action: { kind: 'get', ...run, reply: (record) => ok({ status: 200, body: record.data, headers: { link: '</x>; rel="next"' } }) },
    },
  ],
};

function setup() {
  const violations: ResponseViolation[] = [];
  const { engine } = createEngine({
    packs: [pack],
    store: createTestStore(),
    registry: createSchemaRegistry(schemas),
    clock: fixedClock('2026-02-01T00:00:00Z'),
    seed: 1,
    cursorSecret: 's',
    strictResponses: true,
    onViolation: (v) => violations.push(v),
  });
  const call = (method: string, path: string, headers: PlainRequest['headers'] = {}) => {
    const [pathname = '', search = ''] = path.split('?');
    return engine.handle('paged', {
      method,
      path: pathname,
      base: '/paged',
      query: [...new URLSearchParams(search)],
      headers: { host: 'mock.test:4010', ...headers },
    });
  };
  return { call, violations };
}

const LIST = 'http://mock.test:4010/paged/runs';

describe('list replies with paging headers', () => {
  it("writes the dialect's Link header with absolute URLs on the host the caller used, keeping its filters", async () => {
    const { call, violations } = setup();
    const reply = await call('GET', '/runs?state=off&page=2');
    expect(reply).toMatchObject({ status: 200, payload: { total: 4, runs: [{ id: 'r4' }, { id: 'r6' }] } });
    expect(reply.headers['link']).toBe(`<${LIST}?state=off&page=1>; rel="prev", <${LIST}?state=off&page=1>; rel="first"`);
    expect(violations).toEqual([]);
  });

  it('rewrites the headers of an edge-case last page: no rel="next" or "last", a total that ends on it', async () => {
    const { call, violations } = setup();
    const normal = await call('GET', '/runs?page=2');
    expect(normal.headers['link']).toContain('rel="next"');
    const last = await call('GET', '/runs?page=2', { 'x-mock-edge': 'last-page' });
    expect(last).toMatchObject({ status: 200, headers: { 'x-mock-edge': 'last-page' }, payload: { total: 4, runs: [{ id: 'r2' }, { id: 'r3' }] } });
    expect(last.headers['link']).toBe(`<${LIST}?page=1>; rel="prev", <${LIST}?page=1>; rel="first"`);
    expect(violations).toEqual([]);
  });

  it('answers an edge-case empty first page with no Link header at all', async () => {
    const { call } = setup();
    const empty = await call('GET', '/runs', { 'x-mock-edge': 'empty-page' });
    expect(empty).toMatchObject({ status: 200, payload: { total: 0, runs: [] } });
    expect(empty.headers).not.toHaveProperty('link');
  });

  it("asks for the dialect's largest page when the schema bounds none", async () => {
    const { call } = setup();
    const largest = await call('GET', '/runs', { 'x-mock-edge': 'max-page' });
    expect((largest.payload as JsonObject)['runs']).toHaveLength(3);
    expect(largest.headers['link']).toContain(`<${LIST}?per_page=3&page=2>; rel="next"`);
  });
});

describe('declared response headers', () => {
  it('lets a reply through that carries what it declares', async () => {
    const { call, violations } = setup();
    expect(await call('POST', '/runs/r1/located')).toMatchObject({ status: 201, headers: { location: '/paged/runs/r1' } });
    expect(violations).toEqual([]);
  });

  it('refuses a reply that leaves out a header it declares, in strict mode', async () => {
    const { call, violations } = setup();
    expect(await call('POST', '/runs/r1/unlocated')).toMatchObject({ status: 500 });
    expect(violations).toEqual([
      expect.objectContaining({ kind: 'header', operation: 'unlocated', detail: 'Location is declared for status 201 but missing' }),
    ]);
  });

  it('refuses a success that carries a catalogued header it does not declare', async () => {
    const { call, violations } = setup();
    expect(await call('GET', '/runs/r1/linked')).toMatchObject({ status: 500 });
    expect(violations).toEqual([expect.objectContaining({ kind: 'header', detail: expect.stringContaining('carries link') })]);
  });

  it('holds a 405 to its Allow header', async () => {
    const { call, violations } = setup();
    expect(await call('DELETE', '/runs')).toMatchObject({ status: 405, headers: { allow: 'GET' } });
    expect(violations).toEqual([]);
  });
});
