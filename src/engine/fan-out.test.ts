import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.ts';
import { mockError } from '../core/errors.ts';
import type { JsonObject } from '../core/json.ts';
import { ok } from '../core/result.ts';
import type { StateMachine } from '../state/machine.ts';
import { createTestStore } from '../store/memory.ts';
import { createSchemaRegistry } from '../validation/registry.ts';
import { createEngine } from './engine.ts';
import type { ApiPack } from './pack.ts';

// The action shapes an event trigger and lenient vendors need: createEach, a get's `absent` body, a command-less transition.

const ID = 'https://test.local/fan-out.json';
const schemas: JsonObject[] = [
  {
    $id: ID,
    $defs: {
      Any: {},
      Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
    },
  },
];

const machine: StateMachine = { field: 'state', states: ['on', 'off'], terminal: [], commands: { stop: { from: ['on'], to: 'off' } } };

const pack: ApiPack = {
  id: 'fan',
  title: 'Fan',
  vendorBaseUrl: 'https://fan.example',
  media: { accepts: ['json'], produces: ['json'] },
  auth: { kind: 'none' },
  errors: { schema: `${ID}#/$defs/Error`, render: (e) => ({ error: e.message }) },
  seed: () => ({
    listeners: [
      { id: 'a', data: { topic: 'news', on: true } },
      { id: 'b', data: { topic: 'news', on: false } },
      { id: 'c', data: { topic: 'sport', on: true } },
      { id: 'd', data: { topic: 'news', on: true } },
    ],
    runs: [{ id: 'r1', data: { state: 'on' } }],
  }),
  operations: [
    {
      id: 'raise',
      method: 'POST',
      path: '/events/{topic}',
      summary: 'one run per listener of the topic',
      request: { body: `${ID}#/$defs/Any` },
      responses: { 200: `${ID}#/$defs/Any` },
      action: {
        kind: 'createEach',
        from: { collection: 'listeners', where: (input) => ok([{ field: 'topic', op: 'eq', value: String(input.params['topic']) }]) },
        collection: 'runs',
        build: (listener, _input, ctx) =>
          listener.data['on'] ? { id: `run-${listener.id}-${ctx.ids.hex(4)}`, data: { state: 'on', listener: listener.id } } : undefined,
        reply: (created) => ({ status: 200, body: created.map((run) => String(run.data['listener'])) }),
      },
    },
    {
      id: 'runs',
      method: 'GET',
      path: '/runs/{id}',
      summary: 'a run, or [] when there is none',
      responses: { 200: `${ID}#/$defs/Any` },
      action: { kind: 'get', collection: 'runs', id: (input) => String(input.params['id']), notFound: () => mockError('notFound', 'gone'), absent: () => [] },
    },
    {
      id: 'move',
      method: 'PATCH',
      path: '/runs/{id}',
      summary: 'the command in `do`, if any',
      request: { body: `${ID}#/$defs/Any` },
      responses: { 200: `${ID}#/$defs/Any` },
      action: {
        kind: 'transition',
        collection: 'runs',
        id: (input) => String(input.params['id']),
        notFound: () => mockError('notFound', 'gone'),
        machine,
        command: (input) => {
          const command = (input.body as JsonObject | undefined)?.['do'];
          return typeof command === 'string' ? command : undefined;
        },
        refuse: () => mockError('illegalTransition', 'no'),
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
  const call = (method: string, path: string, body?: unknown) =>
    engine.handle('fan', {
      method,
      path,
      base: '',
      query: [],
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: new TextEncoder().encode(JSON.stringify(body)) }),
    });
  return { admin, call };
}

describe('createEach, absent and command-less transitions', () => {
  it('creates one record per matching source record that build keeps, in creation order', async () => {
    const { call, admin } = setup();
    expect((await call('POST', '/events/news', {})).payload).toEqual(['a', 'd']);
    const runs = await admin.records('fan', 'runs', {});
    expect(runs?.records.map((run) => run.data['listener'] ?? run.id)).toEqual(['r1', 'a', 'd']);
  });

  it('answers with nothing created when no source record matches', async () => {
    const { call } = setup();
    expect(await call('POST', '/events/weather', {})).toMatchObject({ status: 200, payload: [] });
  });

  it('answers a get of a missing record with the absent body instead of the not-found error', async () => {
    const { call } = setup();
    expect(await call('GET', '/runs/none')).toMatchObject({ status: 200, payload: [] });
    expect(await call('GET', '/runs/r1')).toMatchObject({ status: 200, payload: { state: 'on' } });
  });

  it('leaves a record as it is when the request names no command, and still answers not found for a missing one', async () => {
    const { call } = setup();
    expect(await call('PATCH', '/runs/r1', {})).toMatchObject({ status: 200, payload: { state: 'on' } });
    expect(await call('PATCH', '/runs/r1', { do: 'stop' })).toMatchObject({ status: 200, payload: { state: 'off' } });
    expect((await call('PATCH', '/runs/none', {})).status).toBe(404);
  });
});
