import { describe, expect, it } from 'vitest';
import { createControlledClock } from '../core/clock.ts';
import type { ApiPack } from '../engine/pack.ts';
import type { StateMachine } from '../state/machine.ts';
import { generatedFrom } from '../store/generated-fixture.ts';
import { createMemoryStore } from '../store/memory.ts';
import type { NewRecord, SeedCollection, Store } from '../store/store.ts';
import { planMove, type Progress } from './progress.ts';
import { createLifecycleRunner, DUE_COLLECTION } from './runner.ts';

const START = Date.UTC(2026, 10, 1);
const MINUTE = 60_000;
const machine: StateMachine = {
  field: 'state',
  states: ['queued', 'running', 'done', 'failed', 'held'],
  terminal: ['done', 'failed'],
  commands: { hold: { from: ['queued', 'running'], to: 'held' } },
};
const progress: Progress = {
  collection: 'runs',
  states: {
    queued: { afterMs: [MINUTE, 5 * MINUTE], next: [{ to: 'running', weight: 1 }] },
    running: {
      afterMs: [MINUTE, 10 * MINUTE],
      next: [
        { to: 'done', weight: 3 },
        { to: 'failed', weight: 1 },
      ],
    },
  },
};
const pack = { id: 'demo', lifecycle: { machine, progress } } as unknown as ApiPack;
const runs: NewRecord[] = Array.from({ length: 60 }, (_, i) => ({ id: `r${i}`, data: { state: ['queued', 'running', 'done', 'held'][i % 4] as string } }));

async function started(seeded: SeedCollection, store: Store = createMemoryStore()) {
  const clock = createControlledClock('manual', START);
  const data = { runs: seeded };
  const runner = createLifecycleRunner(store, clock, 1, () => data);
  await store.seed('s', () => data);
  await runner.planSpace('s', pack, data, 'epoch-1');
  return { store, clock, runner, data, spaces: [{ space: 's', pack }] };
}

/** Every run's state and history after the clock moved `minutes` minute by minute. */
async function playedFor(minutes: number, seeded: SeedCollection) {
  const { store, clock, runner, spaces } = await started(seeded);
  for (let minute = 0; minute < minutes; minute++) {
    clock.advance(MINUTE);
    await runner.runDue(spaces);
  }
  const all = await store.list('s', 'runs', { where: [], orderBy: [], page: { kind: 'offset', offset: 0, limit: 100 } });
  return all.items.map((record) => ({ id: record.id, state: record.data['state'], history: record.meta['history'] ?? [] }));
}

describe('the lifecycle runner', () => {
  it('plays two spaces seeded from one seed alike, from moves derived for the seed', async () => {
    const seeded = generatedFrom(runs, ['state']);
    const { store, clock, runner, data } = await started(seeded);
    await store.seed('t', () => data);
    await runner.planSpace('t', pack, data, 'epoch-t');
    clock.advance(60 * MINUTE);
    const made = seeded.made();
    const moves = await runner.runDue([
      { space: 's', pack },
      { space: 't', pack },
    ]);
    const state = async (space: string) =>
      (await store.list(space, 'runs', { where: [], orderBy: [], page: { kind: 'offset', offset: 0, limit: 100 } })).items.map((r) => r.data);
    expect(moves).toBeGreaterThan(0);
    expect(await state('s')).not.toEqual(runs.map((run) => run.data));
    expect(await state('t')).toEqual(await state('s'));
    expect(seeded.made() - made).toBeLessThanOrEqual(2 * runs.length);
  });

  it('stores one marker for a seeded space, not one entry per moving run', async () => {
    const { store } = await started(generatedFrom(runs, ['state']));
    const due = await store.dump('s');
    expect(due[DUE_COLLECTION]?.map((entry) => entry.id)).toEqual(['plan:runs']);
  });

  it('moves each seeded run first where and when planMove plans it at seeding', async () => {
    const played = await playedFor(20, generatedFrom(runs, ['state']));
    for (const run of runs) {
      const plan = planMove(progress, machine, 1, { ...run, meta: {} }, START);
      const history = (played.find((entry) => entry.id === run.id)?.history ?? []) as { to: string; at: string }[];
      const first = history[0];
      expect(first && { to: first.to, at: first.at }).toEqual(plan && { to: plan.to, at: new Date(plan.at).toISOString() });
    }
  });

  it('plays seeded runs the same whether they are generated or records', async () => {
    const fromRecords = await playedFor(20, runs);
    expect(await playedFor(20, generatedFrom(runs, ['state']))).toEqual(fromRecords);
    expect(fromRecords.filter((run) => run.state === 'done' || run.state === 'failed').length).toBeGreaterThan(30);
  });

  it('leaves a seeded run to the plan of its last write once written', async () => {
    const { store, clock, runner, spaces } = await started(generatedFrom(runs, ['state']));
    const queued = await store.get('s', 'runs', 'r0');
    await store.replace('s', 'runs', 'r0', 1, { data: { state: 'held' }, meta: {} });
    await runner.afterWrite('s', pack, 'runs', 'r0', (await store.get('s', 'runs', 'r0')) ?? queued, clock.now());
    clock.advance(60 * MINUTE);
    await runner.runDue(spaces);
    expect((await store.get('s', 'runs', 'r0'))?.data).toEqual({ state: 'held' });
    expect((await store.get('s', 'runs', 'r1'))?.data['state']).not.toBe('running');
  });

  it('moves a run inserted before the first tick by the plan of its insert', async () => {
    const { store, clock, runner, spaces } = await started(generatedFrom(runs, ['state']));
    clock.advance(30 * 1000);
    const inserted = await store.insert('s', 'runs', { id: 'new', data: { state: 'queued' } });
    if (!inserted.ok) throw new Error('insert failed');
    await runner.afterWrite('s', pack, 'runs', 'new', inserted.value, clock.now());
    const plan = planMove(progress, machine, 1, { id: 'new', data: { state: 'queued' }, meta: {} }, clock.now());
    clock.advance(10 * MINUTE);
    await runner.runDue(spaces);
    const history = (await store.get('s', 'runs', 'new'))?.meta['history'] as { at: string }[];
    expect(history[0]?.at).toBe(new Date(plan?.at ?? 0).toISOString());
  });

  it('derives the moves again after a restart, and applies each once', async () => {
    const seeded = generatedFrom(runs, ['state']);
    const { store, clock, runner, data, spaces } = await started(seeded);
    clock.advance(3 * MINUTE);
    const first = await runner.runDue(spaces);
    const restarted = createLifecycleRunner(store, clock, 1, () => data);
    expect(await restarted.runDue(spaces)).toBe(0);
    clock.advance(60 * MINUTE);
    const later = await restarted.runDue(spaces);
    expect(first + later).toBe((await playedFor(63, runs)).reduce((moves, run) => moves + (run.history as unknown[]).length, 0));
  });

  it('plans a reset space anew', async () => {
    const { store, clock, runner, data, spaces } = await started(generatedFrom(runs, ['state']));
    clock.advance(60 * MINUTE);
    expect(await runner.runDue(spaces)).toBeGreaterThan(0);
    await store.drop('s');
    await store.seed('s', () => data);
    await runner.planSpace('s', pack, data, 'epoch-2');
    expect((await store.get('s', 'runs', 'r1'))?.data['state']).toBe('running');
    clock.advance(60 * MINUTE);
    expect(await runner.runDue(spaces)).toBeGreaterThan(0);
    expect((await store.get('s', 'runs', 'r1'))?.data['state']).not.toBe('running');
  });
});
