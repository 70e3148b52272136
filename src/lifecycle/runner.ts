import type { Clock } from '../core/clock.ts';
import type { Json, JsonObject } from '../core/json.ts';
import { isoAt } from '../core/time.ts';
import type { ApiPack } from '../engine/pack.ts';
import { AUTOMATIC, historyOf, withMove } from '../state/history.ts';
import { enterState, stateOf } from '../state/machine.ts';
import { isGenerated, type SeedCollection, type SeedData, type Store, type StoredRecord } from '../store/store.ts';
import { moveRandom, planMove, type PlannedMove } from './progress.ts';
import { markerData, markerOf, PLAN_PREFIX, type SeededMove, seededMoves, SeededSchedule, scheduleKey } from './seeded-plan.ts';

// Plays the packs' lifecycles: every record in a progressing state has its next move planned (when and where to);
// `runDue` applies what has fallen due, in time order, stamping each move with the time it fell due. Writes re-plan the
// record they touched, so a suspended run stops and a resumed one starts again. A written record's plan is an entry
// in the space's `__due` collection; the seeded runs' first moves are derived from the seed (seeded-plan.ts), so
// seeding a large space stores one marker, not one entry per moving run.

export const DUE_COLLECTION = '__due';

export interface LifecycleRunner {
  /** Plans a space just seeded from `data` (`epoch`: its seeding, so a reset plans anew). */
  planSpace(space: string, pack: ApiPack, data: SeedData, epoch?: string): Promise<void>;
  afterWrite(space: string, pack: ApiPack, collection: string, id: string, record: StoredRecord | undefined, now: number): Promise<void>;
  /** Applies every move due by the clock's time in these spaces; returns how many moves it made. */
  runDue(spaces: readonly { readonly space: string; readonly pack: ApiPack }[]): Promise<number>;
  /** Forgets what it derived for a space whose state was replaced (an import): derived again on the next tick. */
  forget(space: string): void;
}

/**
 * `seedData` gives a pack's seeded data, or the data of the seed an origin names (`GeneratedCollection.origin`), so
 * seeded runs' moves can be derived from the seed a space was filled from (seeded-plan.ts).
 */
export function createLifecycleRunner(store: Store, clock: Clock, seed: number, seedData: (pack: ApiPack, origin?: Json) => SeedData): LifecycleRunner {
  const dueId = (collection: string, id: string) => `${collection}/${id}`;
  const schedules = new Map<string, SeededSchedule>();
  /** The moves of each seeded collection, derived once and shared by every space seeded from it. */
  const derived = new WeakMap<object, SeededMove[]>();

  const movesOf = (pack: ApiPack, collection: SeedCollection | undefined): readonly SeededMove[] => {
    if (!collection) return [];
    let made = derived.get(collection);
    if (!made) {
      made = seededMoves(pack, seed, collection);
      derived.set(collection, made);
    }
    return made;
  };

  /** The space's schedule, made again when its marker changed (a reset, an import, a restart). */
  const scheduleOf = async (space: string, pack: ApiPack): Promise<SeededSchedule | undefined> => {
    const progress = pack.lifecycle?.progress;
    if (!progress) return undefined;
    const marker = markerOf((await store.get(space, DUE_COLLECTION, `${PLAN_PREFIX}${progress.collection}`))?.data);
    if (!marker) return undefined;
    const key = scheduleKey(marker);
    let schedule = schedules.get(space);
    if (schedule?.key !== key) {
      schedule = new SeededSchedule(key, marker.plannedAt, movesOf(pack, seedData(pack, marker.origin)[progress.collection]));
      schedules.set(space, schedule);
    }
    return schedule;
  };

  /**
   * Records the record's next move (or that it waits: `at` null) for the version it was planned from. A plan for an
   * older version never overwrites a newer one, so a command and an automatic move racing on replicas cannot leave a
   * record without its plan.
   */
  const plan = async (space: string, pack: ApiPack, record: StoredRecord, from: number): Promise<void> => {
    const progress = pack.lifecycle?.progress;
    if (!progress || !pack.lifecycle) return;
    const key = dueId(progress.collection, record.id);
    const move = planMove(progress, pack.lifecycle.machine, seed, record, from);
    const data: JsonObject = move
      ? { at: move.at, from: move.from, to: move.to, collection: progress.collection, id: record.id, recordVersion: record.version }
      : { at: null, collection: progress.collection, id: record.id, recordVersion: record.version };
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await store.get(space, DUE_COLLECTION, key);
      // A record that waits and was never planned needs no entry: most seeded runs are finished.
      if (!move && !existing) return;
      if (existing && Number(existing.data['recordVersion']) >= record.version) return;
      const written = existing
        ? await store.replace(space, DUE_COLLECTION, key, existing.version, { data, meta: {} })
        : await store.insert(space, DUE_COLLECTION, { id: key, data });
      if (written.ok) return;
    }
  };

  const apply = async (space: string, pack: ApiPack, id: string, move: PlannedMove, recordVersion: number): Promise<boolean> => {
    const lifecycle = pack.lifecycle;
    const progress = lifecycle?.progress;
    if (!lifecycle || !progress) return false;
    const record = await store.get(space, progress.collection, id);
    // A write since the plan was made has planned again: that plan stands.
    if (!record || record.version !== recordVersion || stateOf(lifecycle.machine, record.data) !== move.from) return false;
    const at = isoAt(move.at, pack.timePrecision);
    const visit = historyOf(record.meta).length;
    let next: { data: JsonObject; meta: JsonObject } = {
      data: enterState(lifecycle.machine, record.data, move.to, at),
      meta: withMove(record.meta, { from: move.from, to: move.to, command: AUTOMATIC, at }),
    };
    if (progress.onMove) next = progress.onMove(next, { from: move.from, to: move.to, at, random: moveRandom(seed, id, `${move.to}:effects`, visit) });
    const written = await store.replace(space, progress.collection, id, record.version, next);
    if (!written.ok) return false;
    await plan(space, pack, written.value, move.at);
    return true;
  };

  /** A stored plan that has fallen due: applied, or set waiting when it no longer applies. */
  const applyEntry = async (space: string, pack: ApiPack, entry: StoredRecord): Promise<boolean> => {
    const { at, from, to, id, recordVersion } = entry.data;
    if (typeof at !== 'number' || typeof from !== 'string' || typeof to !== 'string' || typeof id !== 'string' || typeof recordVersion !== 'number') {
      await store.remove(space, DUE_COLLECTION, entry.id);
      return false;
    }
    if (await apply(space, pack, id, { at, from, to }, recordVersion)) return true;
    await retire(space, entry);
    return false;
  };

  /**
   * A seeded run's derived move: applies while the run was never written (version 1) and has no plan of its own (an
   * inserted run has one from its insert); nothing to retire otherwise.
   */
  const applyDerived = async (space: string, pack: ApiPack, move: SeededMove): Promise<boolean> => {
    const collection = pack.lifecycle?.progress?.collection ?? '';
    if (await store.get(space, DUE_COLLECTION, dueId(collection, move.id))) return false;
    return apply(space, pack, move.id, move, 1);
  };

  /** A due entry that no longer applies is set waiting, unless it was planned again meanwhile. */
  const retire = async (space: string, entry: StoredRecord): Promise<void> => {
    const current = await store.get(space, DUE_COLLECTION, entry.id);
    if (current && current.version === entry.version)
      await store.replace(space, DUE_COLLECTION, entry.id, entry.version, { data: { ...entry.data, at: null }, meta: {} });
  };

  return {
    async planSpace(space, pack, data, epoch = '') {
      const progress = pack.lifecycle?.progress;
      if (!progress) return;
      // One marker: the seeded runs' moves are derived from the seed on the first tick (seeded-plan.ts).
      const seeded = data[progress.collection];
      const origin = isGenerated(seeded) ? seeded.origin : undefined;
      const marker = { collection: progress.collection, plannedAt: clock.now(), epoch, ...(origin === undefined ? {} : { origin }) };
      const id = `${PLAN_PREFIX}${progress.collection}`;
      const existing = await store.get(space, DUE_COLLECTION, id);
      if (existing) await store.replace(space, DUE_COLLECTION, id, existing.version, { data: markerData(marker), meta: {} });
      else await store.insert(space, DUE_COLLECTION, { id, data: markerData(marker) });
      schedules.delete(space);
    },
    async afterWrite(space, pack, collection, id, record, now) {
      if (pack.lifecycle?.progress?.collection !== collection) return;
      if (record) await plan(space, pack, record, now);
      else await store.remove(space, DUE_COLLECTION, dueId(collection, id));
    },
    async runDue(spaces) {
      let moves = 0;
      const known = new Set(spaces.map(({ space }) => space));
      for (const space of schedules.keys()) if (!known.has(space)) schedules.delete(space);
      for (const { space, pack } of spaces) {
        const schedule = await scheduleOf(space, pack);
        // Rounds: a move plans the record's next one, which may already be due when the clock jumped far ahead.
        // Records move independently, so a batch may be applied in any order; each record's own moves stay in order.
        for (let round = 0; round < 10_000; round++) {
          const now = clock.now();
          const due = await store.list(space, DUE_COLLECTION, {
            where: [{ field: 'at', op: 'lte', value: now }],
            orderBy: [{ field: 'at', dir: 'asc', as: 'number' }],
            page: { kind: 'offset', offset: 0, limit: 1000 },
          });
          const derived = schedule?.takeDue(now, 1000) ?? [];
          if (due.items.length === 0 && derived.length === 0) break;
          const batch = [...due.items.map((entry) => ({ at: Number(entry.data['at']), entry })), ...derived.map((move) => ({ at: move.at, move }))];
          for (const item of batch.sort((a, b) => a.at - b.at)) {
            if ('move' in item) moves += (await applyDerived(space, pack, item.move)) ? 1 : 0;
            else moves += (await applyEntry(space, pack, item.entry)) ? 1 : 0;
          }
        }
      }
      return moves;
    },
    forget(space) {
      schedules.delete(space);
    },
  };
}
