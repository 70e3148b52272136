import { describe, expect, it } from 'vitest';
import { createControlledClock } from '../core/clock.ts';
import { mockError } from '../core/errors.ts';
import type { JsonObject } from '../core/json.ts';
import type { TimePrecision } from '../core/time.ts';
import { ok } from '../core/result.ts';
import { AUTOMATIC, historyOf } from '../state/history.ts';
import type { StateMachine } from '../state/machine.ts';
import { createTestStore } from '../store/memory.ts';
import { createSchemaRegistry } from '../validation/registry.ts';
import { createEngine } from './engine.ts';
import type { ApiPack } from './pack.ts';

// Every time the engine writes for a pack follows the pack's precision, and a run moves and reopens with one
// history-entry shape whoever moved it (a command or the lifecycle).

const ID = 'https://test.local/timestamps.json';
const schemas: JsonObject[] = [{ $id: ID, $defs: { Any: {}, Error: { type: 'object', required: ['error', 'at'] } } }];

const machine: StateMachine = {
  field: 'state',
  states: ['queued', 'running', 'done'],
  terminal: ['done'],
  commands: {
    finish: { from: ['running'], to: 'done' },
    rerun: { from: ['done'], to: 'queued', reopens: true },
  },
  stampOnEnter: { done: ['doneAt'] },
  setOnEnter: { queued: { doneAt: null } },
};

function packWith(timePrecision: TimePrecision | undefined): ApiPack {
  return {
    id: 'clocked',
    title: 'Clocked',
    vendorBaseUrl: 'https://clocked.example',
    media: { accepts: ['json'], produces: ['json'] },
    auth: { kind: 'none' },
    errors: { schema: `${ID}#/$defs/Error`, render: (e) => ({ error: e.message, at: e.timestamp }) },
    ...(timePrecision ? { timePrecision } : {}),
    seed: () => ({ runs: [] }),
    lifecycle: { machine, progress: { collection: 'runs', states: { queued: { afterMs: [1000, 1000], next: [{ to: 'running', weight: 1 }] } } } },
    operations: [
      {
        id: 'start',
        method: 'POST',
        path: '/runs',
        summary: 'a queued run',
        responses: { 201: `${ID}#/$defs/Any` },
        action: {
          kind: 'create',
          collection: 'runs',
          build: (_input, ctx) => ok({ id: 'r1', data: { state: 'queued', createdAt: ctx.now, doneAt: null } }),
          reply: (record) => ({ status: 201, body: record.data }),
        },
      },
      {
        id: 'move',
        method: 'POST',
        path: '/runs/{id}/{command}',
        summary: 'the command in the path',
        responses: { 200: `${ID}#/$defs/Any` },
        action: {
          kind: 'transition',
          collection: 'runs',
          id: (input) => String(input.params['id']),
          notFound: () => mockError('notFound', 'No such run.'),
          machine,
          command: (input) => String(input.params['command']),
          refuse: () => mockError('illegalTransition', 'Not now.'),
          reply: (record) => ({ status: 200, body: record.data }),
        },
      },
    ],
  };
}

function setup(timePrecision?: TimePrecision) {
  const clock = createControlledClock('manual', Date.parse('2026-02-01T00:00:00.750Z'));
  const { engine, admin } = createEngine({
    packs: [packWith(timePrecision)],
    store: createTestStore(),
    registry: createSchemaRegistry(schemas),
    clock,
    seed: 1,
    cursorSecret: 's',
    strictResponses: true,
  });
  const post = async (path: string) => (await engine.handle('clocked', { method: 'POST', path, base: '', query: [], headers: {} })).payload as JsonObject;
  const stored = async () => (await admin.records('clocked', 'runs', { ids: ['r1'] }))?.records[0];
  return { clock, admin, post, stored };
}

describe('timestamps and moves', () => {
  it('writes milliseconds for a pack that declares no precision', async () => {
    const { post } = setup();
    expect((await post('/runs'))['createdAt']).toBe('2026-02-01T00:00:00.750Z');
  });

  it('writes whole seconds everywhere for a pack that declares them: action time, entry stamps, lifecycle moves, history, errors', async () => {
    const { clock, admin, post, stored } = setup('seconds');
    expect((await post('/runs'))['createdAt']).toBe('2026-02-01T00:00:00Z');
    clock.advance(1500);
    expect(await admin.tick()).toBe(1);
    expect((await post('/runs/r1/finish'))['doneAt']).toBe('2026-02-01T00:00:02Z');
    expect((await post('/runs/missing/finish'))['at']).toBe('2026-02-01T00:00:02Z');
    const record = await stored();
    expect(historyOf(record?.meta ?? {})).toEqual([
      { from: 'queued', to: 'running', command: AUTOMATIC, at: '2026-02-01T00:00:01Z' },
      { from: 'running', to: 'done', command: 'finish', at: '2026-02-01T00:00:02Z' },
    ]);
  });

  it('reopens an ended run with a command declared as reopening, and the lifecycle takes it on again', async () => {
    const { clock, admin, post, stored } = setup('seconds');
    await post('/runs');
    clock.advance(1000);
    await admin.tick();
    await post('/runs/r1/finish');
    expect(await post('/runs/r1/rerun')).toMatchObject({ state: 'queued', doneAt: null });
    clock.advance(1000);
    expect(await admin.tick()).toBe(1);
    const record = await stored();
    expect(record?.data['state']).toBe('running');
    expect(historyOf(record?.meta ?? {}).map((entry) => `${entry.from}>${entry.to} ${entry.command}`)).toEqual([
      'queued>running auto',
      'running>done finish',
      'done>queued rerun',
      'queued>running auto',
    ]);
  });

  it('still refuses a command that does not leave an end state', async () => {
    const { clock, admin, post } = setup();
    await post('/runs');
    clock.advance(1000);
    await admin.tick();
    await post('/runs/r1/finish');
    expect(await post('/runs/r1/finish')).toMatchObject({ error: 'Not now.' });
  });
});
