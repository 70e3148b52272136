import type { Clock } from '../core/clock.ts';
import type { JsonObject } from '../core/json.ts';
import { isoAt } from '../core/time.ts';
import type { ApiPack } from '../engine/pack.ts';
import { AUTOMATIC, historyOf, withMove } from '../state/history.ts';
import { enterState, stateOf } from '../state/machine.ts';
import type { Store, StoredRecord } from '../store/store.ts';
import { moveRandom, planMove, type PlannedMove } from './progress.ts';

// Plays the packs' lifecycles: every record in a progressing state has one entry in the space's `__due` collection
// (when it moves and where to); `runDue` applies what has fallen due, in time order, stamping each move with the time
// it fell due. Writes re-plan the record they touched, so a suspended run stops and a resumed one starts again.

export const DUE_COLLECTION = '__due';

export interface LifecycleRunner {
  planSpace(space: string, pack: ApiPack): Promise<void>;
  afterWrite(space: string, pack: ApiPack, collection: string, id: string, record: StoredRecord | undefined, now: number): Promise<void>;
  /** Applies every move due by the clock's time in these spaces; returns how many moves it made. */
  runDue(spaces: readonly { readonly space: string; readonly pack: ApiPack }[]): Promise<number>;
}

export function createLifecycleRunner(store: Store, clock: Clock, seed: number): LifecycleRunner {
  const dueId = (collection: string, id: string) => `${collection}/${id}`;

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

  /** A due entry that no longer applies is set waiting, unless it was planned again meanwhile. */
  const retire = async (space: string, entry: StoredRecord): Promise<void> => {
    const current = await store.get(space, DUE_COLLECTION, entry.id);
    if (current && current.version === entry.version)
      await store.replace(space, DUE_COLLECTION, entry.id, entry.version, { data: { ...entry.data, at: null }, meta: {} });
  };

  return {
    async planSpace(space, pack) {
      const progress = pack.lifecycle?.progress;
      if (!progress) return;
      const page = await store.list(space, progress.collection, {
        where: [],
        orderBy: [],
        page: { kind: 'offset', offset: 0, limit: Number.MAX_SAFE_INTEGER },
      });
      const now = clock.now();
      for (const record of page.items) await plan(space, pack, record, now);
    },
    async afterWrite(space, pack, collection, id, record, now) {
      if (pack.lifecycle?.progress?.collection !== collection) return;
      if (record) await plan(space, pack, record, now);
      else await store.remove(space, DUE_COLLECTION, dueId(collection, id));
    },
    async runDue(spaces) {
      let moves = 0;
      for (const { space, pack } of spaces) {
        // Rounds: a move plans the record's next one, which may already be due when the clock jumped far ahead.
        // Records move independently, so a batch may be applied in any order; each record's own moves stay in order.
        for (let round = 0; round < 10_000; round++) {
          const due = await store.list(space, DUE_COLLECTION, {
            where: [{ field: 'at', op: 'lte', value: clock.now() }],
            orderBy: [{ field: 'at', dir: 'asc', as: 'number' }],
            page: { kind: 'offset', offset: 0, limit: 1000 },
          });
          if (due.items.length === 0) break;
          let applied = 0;
          for (const entry of due.items) {
            const { at, from, to, id, recordVersion } = entry.data;
            if (typeof at !== 'number' || typeof from !== 'string' || typeof to !== 'string' || typeof id !== 'string' || typeof recordVersion !== 'number') {
              await store.remove(space, DUE_COLLECTION, entry.id);
              continue;
            }
            if (await apply(space, pack, id, { at, from, to }, recordVersion)) applied++;
            else await retire(space, entry);
          }
          moves += applied;
        }
      }
      return moves;
    },
  };
}
