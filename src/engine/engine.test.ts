import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.ts';
import { mockError } from '../core/errors.ts';
import type { JsonObject } from '../core/json.ts';
import type { PlainRequest } from '../core/request.ts';
import { ok } from '../core/result.ts';
import { cursorToken } from '../pagination/dialects.ts';
import { createTestStore } from '../store/memory.ts';
import { createSchemaRegistry } from '../validation/registry.ts';
import { createEngine } from './engine.ts';
import type { ApiPack } from './pack.ts';
import type { ResponseViolation } from './response-check.ts';

const ID = 'https://test.local/tiny.json';
const schemas: JsonObject[] = [
  {
    $id: ID,
    $defs: {
      Run: {
        type: 'object',
        required: ['id', 'state'],
        additionalProperties: false,
        properties: { id: { type: 'string' }, state: { enum: ['on', 'off'] }, at: { type: 'string' } },
      },
      Page: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/$defs/Run' } }, next: { type: 'string' } } },
      Query: {
        type: 'object',
        properties: { limit: { type: 'integer', minimum: 1, maximum: 5, default: 2 }, next: { type: 'string' }, state: { enum: ['on', 'off'] } },
      },
      NewRun: {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', minLength: 1, 'x-error': { code: 'E_ID', message: 'An id is required.' } } },
      },
      Error: {
        type: 'object',
        required: ['error'],
        additionalProperties: false,
        properties: { error: { type: 'string' }, code: { type: ['string', 'number'] } },
      },
    },
  },
];

const runs = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, data: { id: `r${i}`, state: i % 2 ? 'on' : 'off', at: `2026-01-0${i + 1}T00:00:00Z` } }));

const tinyPack: ApiPack = {
  id: 'tiny',
  title: 'Tiny',
  vendorBaseUrl: 'https://tiny.example',
  media: { accepts: ['json'], produces: ['json'] },
  auth: { kind: 'authorization', schemes: [/^Bearer\s+(\S+)$/], message: 'Who are you?' },
  errors: {
    schema: `${ID}#/$defs/Error`,
    messages: { routeNotFound: 'No such thing.' },
    render: (e) => ({ error: e.message, ...(e.code === undefined ? {} : { code: e.code }) }),
  },
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
        orderBy: () => ok([{ field: 'at', dir: 'desc', as: 'time' }]),
        pagination: cursorToken({ items: 'items', token: 'next', limit: 'limit', defaultLimit: 2, totalFlag: 'total' }),
      },
    },
    {
      id: 'create',
      method: 'POST',
      path: '/runs',
      summary: 'create',
      request: { body: `${ID}#/$defs/NewRun` },
      responses: { 201: `${ID}#/$defs/Run` },
      action: {
        kind: 'create',
        collection: 'runs',
        build: (input) => ok({ id: String((input.body as JsonObject)['id']), data: { id: String((input.body as JsonObject)['id']), state: 'on' } }),
        reply: (record) => ({ status: 201, body: record.data }),
      },
    },
    {
      id: 'broken',
      method: 'GET',
      path: '/runs/{id}/broken',
      summary: 'returns a body that breaks its schema',
      responses: { 200: `${ID}#/$defs/Run` },
      action: {
        kind: 'get',
        collection: 'runs',
        id: (input) => String(input.params['id']),
        notFound: () => mockError('notFound', 'gone'),
        view: () => ({ id: 1 }),
      },
    },
    {
      id: 'explodes',
      method: 'GET',
      path: '/boom',
      summary: 'throws',
      responses: { 200: null },
      action: {
        kind: 'get',
        collection: 'runs',
        id: () => {
          throw new Error('kaboom');
        },
        notFound: () => mockError('notFound', 'gone'),
      },
    },
  ],
};

function setup(strictResponses = true) {
  const violations: ResponseViolation[] = [];
  const { engine, admin } = createEngine({
    packs: [tinyPack],
    store: createTestStore(),
    registry: createSchemaRegistry(schemas),
    clock: fixedClock('2026-02-01T00:00:00Z'),
    seed: 1,
    cursorSecret: 's',
    strictResponses,
    onViolation: (v) => violations.push(v),
  });
  const call = (method: string, path: string, extra: Partial<PlainRequest> = {}) => {
    const [pathname = '', search = ''] = path.split('?');
    return engine.handle('tiny', {
      method,
      path: pathname,
      base: '/tiny',
      query: [...new URLSearchParams(search)],
      headers: { authorization: 'Bearer t', ...extra.headers },
      ...(extra.body ? { body: extra.body } : {}),
    });
  };
  return { admin, call, violations };
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('engine pipeline', () => {
  it("answers an unknown route with the pack's routeNotFound error", async () => {
    const { call } = setup();
    expect(await call('GET', '/nothing')).toMatchObject({ status: 404, payload: { error: 'No such thing.' } });
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const { call } = setup();
    expect(await call('DELETE', '/runs')).toMatchObject({ status: 405, headers: { allow: 'GET, POST' } });
  });

  it("refuses a missing credential with the pack's message", async () => {
    const { call } = setup();
    expect(await call('GET', '/runs', { headers: { authorization: '' } })).toMatchObject({ status: 401, payload: { error: 'Who are you?' } });
  });

  it('describes a query that breaks its schema by parameter name', async () => {
    const { call } = setup();
    expect(await call('GET', '/runs?limit=9')).toMatchObject({ status: 400, payload: { error: "query parameter 'limit' must be <= 5" } });
  });

  it('uses the vendor message and code declared with x-error', async () => {
    const { call } = setup();
    expect(await call('POST', '/runs', { body: json({ id: '' }) })).toMatchObject({ status: 400, payload: { error: 'An id is required.', code: 'E_ID' } });
  });

  it('refuses malformed bodies and unsupported content types', async () => {
    const { call } = setup();
    expect(await call('POST', '/runs', { body: new TextEncoder().encode('{') })).toMatchObject({ status: 400 });
    expect(await call('POST', '/runs', { body: json({ id: 'x' }), headers: { 'content-type': 'text/plain' } })).toMatchObject({ status: 415 });
  });

  it('pages with cursors that fail when forged, reused with other filters, or stale after a reset', async () => {
    const { call, admin } = setup();
    const first = await call('GET', '/runs?limit=3');
    const token = String((first.payload as JsonObject)['next']);
    const second = await call('GET', `/runs?limit=3&next=${encodeURIComponent(token)}`);
    expect(((second.payload as JsonObject)['items'] as JsonObject[]).map((r) => r['id'])).toEqual(['r3', 'r2', 'r1']);
    expect(await call('GET', `/runs?limit=3&next=${encodeURIComponent(`${token}x`)}`)).toMatchObject({ status: 400 });
    expect(await call('GET', `/runs?limit=3&state=on&next=${encodeURIComponent(token)}`)).toMatchObject({
      status: 400,
      payload: { error: expect.stringMatching(/different filters/) },
    });
    await admin.reset('tiny');
    expect(await call('GET', `/runs?limit=3&next=${encodeURIComponent(token)}`)).toMatchObject({
      status: 400,
      payload: { error: expect.stringMatching(/reset/) },
    });
  });

  it('turns a response that breaks its schema into a 500 naming it, in strict mode', async () => {
    const { call, violations } = setup(true);
    const res = await call('GET', '/runs/r1/broken');
    expect(res.status).toBe(500);
    expect(violations).toMatchObject([{ kind: 'schema', operation: 'broken', status: 200 }]);
  });

  it('sends the response but reports the violation outside strict mode', async () => {
    const { call, violations } = setup(false);
    expect(await call('GET', '/runs/r1/broken')).toMatchObject({ status: 200, payload: { id: 1 } });
    expect(violations).toHaveLength(1);
  });

  it("answers a bug with the vendor's internal error and reports the exception", async () => {
    const { call, violations } = setup();
    expect(await call('GET', '/boom')).toMatchObject({ status: 500, payload: { error: 'Internal server error.' } });
    expect(violations[0]).toMatchObject({ kind: 'exception', detail: expect.stringContaining('kaboom') });
  });

  it('seeds each space once, so writes persist between requests', async () => {
    const { call } = setup();
    expect((await call('POST', '/runs', { body: json({ id: 'new' }) })).status).toBe(201);
    expect((await call('POST', '/runs', { body: json({ id: 'new' }) })).status).toBe(409);
  });
});
