import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../core/clock.ts';
import { mockError } from '../core/errors.ts';
import type { JsonObject } from '../core/json.ts';
import { createFaultBook } from '../faults/faults.ts';
import { matchRoute } from '../routing/match.ts';
import { createTestStore } from '../store/memory.ts';
import { createSchemaRegistry } from '../validation/registry.ts';
import { createEngine } from './engine.ts';
import type { ApiPack } from './pack.ts';

// Counts the route matches a request costs: the engine routes once and hands the match to faults, the edge profile
// and the pipeline.
vi.mock('../routing/match.ts', async (original) => {
  const actual = await original<typeof import('../routing/match.ts')>();
  return { ...actual, matchRoute: vi.fn(actual.matchRoute) };
});

const ID = 'https://test.local/route-once.json';
const schemas: JsonObject[] = [
  {
    $id: ID,
    $defs: {
      Run: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, note: { type: 'string' } } },
      Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
    },
  },
];

const pack: ApiPack = {
  id: 'once',
  title: 'Once',
  vendorBaseUrl: 'https://once.example',
  media: { accepts: ['json'], produces: ['json'] },
  auth: { kind: 'none' },
  errors: { schema: `${ID}#/$defs/Error`, render: (e) => ({ error: e.message }) },
  seed: () => ({ runs: [{ id: 'r1', data: { id: 'r1', note: 'hello' } }] }),
  operations: [
    {
      id: 'getRun',
      method: 'GET',
      path: '/runs/{id}',
      summary: 'one run',
      responses: { 200: `${ID}#/$defs/Run`, 404: `${ID}#/$defs/Error` },
      action: { kind: 'get', collection: 'runs', id: (input) => String(input.params['id']), notFound: () => mockError('notFound', 'No run.') },
    },
  ],
};

function setup(faults = createFaultBook()) {
  const { engine, admin } = createEngine({
    packs: [pack],
    store: createTestStore(),
    registry: createSchemaRegistry(schemas),
    clock: fixedClock('2026-02-01T00:00:00Z'),
    seed: 1,
    cursorSecret: 's',
    strictResponses: true,
    faults,
  });
  const get = (path: string, headers: Record<string, string> = {}) => engine.handle('once', { method: 'GET', path, base: '/once', query: [], headers });
  return { admin, get };
}

const routings = () => vi.mocked(matchRoute).mock.calls.length;

describe('routing once per request', () => {
  beforeEach(() => {
    vi.mocked(matchRoute).mockClear();
  });

  it('routes a plain request once', async () => {
    const { get } = setup();
    expect((await get('/runs/r1')).status).toBe(200);
    expect(routings()).toBe(1);
  });

  it('routes once when a fault rule applies to the operation', async () => {
    const { get } = setup(createFaultBook([{ operation: 'getRun', latency: { fixedMs: 0 } }]));
    expect((await get('/runs/r1')).status).toBe(200);
    expect(routings()).toBe(1);
  });

  it('routes once for an injected error, which still names its operation in the journal', async () => {
    const { get, admin } = setup(createFaultBook([{ operation: 'getRun', forceStatus: { status: 404, count: 1 } }]));
    expect((await get('/runs/r1')).status).toBe(404);
    expect(routings()).toBe(1);
    expect(admin.journal.entries().at(-1)).toMatchObject({ operation: 'getRun', status: 404 });
  });

  it('routes once under the edge profile', async () => {
    const { get } = setup();
    const response = await get('/runs/r1', { 'x-mock-edge': 'sparse' });
    expect([response.status, response.headers['x-mock-edge']]).toEqual([200, 'sparse']);
    expect(routings()).toBe(1);
  });

  it('routes an unknown path once', async () => {
    const { get } = setup();
    expect((await get('/nowhere')).status).toBe(404);
    expect(routings()).toBe(1);
  });
});
