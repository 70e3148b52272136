import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.ts';
import { mockError } from '../core/errors.ts';
import type { JsonObject } from '../core/json.ts';
import { ok } from '../core/result.ts';
import { pageNumberLink } from '../pagination/page-number.ts';
import type { StateMachine } from '../state/machine.ts';
import { createTestStore } from '../store/memory.ts';
import { createSchemaRegistry } from '../validation/registry.ts';
import { createEngine } from './engine.ts';
import type { ApiPack, OperationInput } from './pack.ts';

// Items a record holds (a run's steps in its meta), listed and paged like a collection, and kept in step with the
// record by a transition's `onMove`.

const ID = 'https://test.local/held-items.json';
const schemas: JsonObject[] = [
  {
    $id: ID,
    $defs: {
      Any: {},
      Query: { type: 'object', properties: { page: { type: 'integer' }, per_page: { type: 'integer' }, attempt: { type: 'integer' } } },
      Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
    },
  },
];

const machine: StateMachine = {
  field: 'state',
  states: ['running', 'done'],
  terminal: ['done'],
  commands: { stop: { from: ['running'], to: 'done' }, again: { from: ['done'], to: 'running', reopens: true } },
};

const step = (id: number, attempt: number, state = 'done'): JsonObject => ({ id, attempt, state });
const stepsOf = (meta: JsonObject): JsonObject[] => (Array.isArray(meta['steps']) ? (meta['steps'] as JsonObject[]) : []);
const runId = (input: OperationInput) => String(input.params['id']);

const pack: ApiPack = {
  id: 'held',
  title: 'Held items',
  vendorBaseUrl: 'https://held.example',
  media: { accepts: ['json'], produces: ['json'] },
  auth: { kind: 'none' },
  errors: { schema: `${ID}#/$defs/Error`, status: { illegalTransition: 409 }, render: (e) => ({ error: e.message }) },
  seed: () => ({
    runs: [
      { id: 'r1', data: { state: 'running', attempt: 2 }, meta: { steps: [step(1, 1), step(2, 1), step(3, 2), step(4, 2, 'running'), step(5, 2, 'queued')] } },
      { id: 'r2', data: { state: 'done', attempt: 1 } },
    ],
  }),
  operations: [
    {
      id: 'steps',
      method: 'GET',
      path: '/runs/{id}/steps',
      summary: "a run's steps, optionally of one attempt",
      request: { query: `${ID}#/$defs/Query` },
      responses: { 200: `${ID}#/$defs/Any` },
      requires: [{ name: 'run', collection: 'runs', id: runId, notFound: () => mockError('notFound', 'no such run') }],
      action: {
        kind: 'list',
        heldBy: { parent: 'run', items: (run) => stepsOf(run.meta) },
        where: (input) => ok(typeof input.query['attempt'] === 'number' ? [{ field: 'attempt', op: 'eq', value: input.query['attempt'] }] : []),
        orderBy: () => ok([]),
        pagination: pageNumberLink({ page: 'page', perPage: 'per_page', defaultPerPage: 2, maxPerPage: 10, items: 'steps', total: 'total' }),
      },
    },
    {
      id: 'move',
      method: 'POST',
      path: '/runs/{id}/{command}',
      summary: 'stop or run again; the steps follow',
      responses: { 200: `${ID}#/$defs/Any` },
      action: {
        kind: 'transition',
        collection: 'runs',
        id: runId,
        notFound: () => mockError('notFound', 'no such run'),
        machine,
        command: (input) => String(input.params['command']),
        refuse: () => mockError('illegalTransition', 'not now'),
        onMove: (record, move) => ({
          data: record.data,
          meta: { ...record.meta, steps: stepsOf(record.meta).map((s) => (s['state'] === 'done' ? s : { ...s, state: move.command, at: move.at })) },
        }),
        reply: (record) => ({ status: 200, body: record.data }),
      },
    },
  ],
};

function setup() {
  const { engine, admin } = createEngine({
    packs: [pack],
    store: createTestStore(),
    registry: createSchemaRegistry(schemas),
    clock: fixedClock('2026-02-01T00:00:00Z'),
    seed: 1,
    cursorSecret: 's',
    strictResponses: true,
  });
  const call = (method: string, path: string, query: [string, string][] = []) =>
    engine.handle('held', { method, path, base: '', query, headers: { host: 'held.test' } });
  return { admin, call };
}

describe('items a record holds', () => {
  it('are listed and paged by the dialect as records are, the holder found through the required lookup', async () => {
    const { call } = setup();
    const first = await call('GET', '/runs/r1/steps');
    expect(first.payload).toEqual({ total: 5, steps: [step(1, 1), step(2, 1)] });
    expect(first.headers['link']).toContain('page=3');
    const last = await call('GET', '/runs/r1/steps', [['page', '3']]);
    expect(last.payload).toEqual({ total: 5, steps: [step(5, 2, 'queued')] });
  });

  it('are filtered by the where conditions, the total counting the matches', async () => {
    const { call } = setup();
    const response = await call('GET', '/runs/r1/steps', [
      ['attempt', '2'],
      ['per_page', '10'],
    ]);
    expect(response.payload).toEqual({ total: 3, steps: [step(3, 2), step(4, 2, 'running'), step(5, 2, 'queued')] });
    expect(response.headers['link']).toBeUndefined();
  });

  it('are none for a holder that holds nothing, and the lookup error for a holder that is not there', async () => {
    const { call } = setup();
    expect((await call('GET', '/runs/r2/steps')).payload).toEqual({ total: 0, steps: [] });
    expect(await call('GET', '/runs/nope/steps')).toMatchObject({ status: 404, payload: { error: 'no such run' } });
  });

  it("follow a command's move through the transition's onMove, stored with the move", async () => {
    const { call, admin } = setup();
    expect(await call('POST', '/runs/r1/stop')).toMatchObject({ status: 200, payload: { state: 'done' } });
    const steps = (await call('GET', '/runs/r1/steps', [['per_page', '10']])).payload as JsonObject;
    expect((steps['steps'] as JsonObject[]).map((s) => s['state'])).toEqual(['done', 'done', 'done', 'stop', 'stop']);
    expect((steps['steps'] as JsonObject[])[3]).toMatchObject({ at: '2026-02-01T00:00:00.000Z' });
    const stored = (await admin.records('held', 'runs', { ids: ['r1'] }))?.records[0];
    expect(stored?.meta['history']).toEqual([{ from: 'running', to: 'done', command: 'stop', at: '2026-02-01T00:00:00.000Z' }]);
  });

  it('are left as they are by a refused command', async () => {
    const { call, admin } = setup();
    const before = (await admin.records('held', 'runs', { ids: ['r1'] }))?.records[0];
    expect((await call('POST', '/runs/r1/again')).status).toBe(409);
    expect((await admin.records('held', 'runs', { ids: ['r1'] }))?.records[0]).toEqual(before);
  });
});
