import type { Json, JsonObject } from '../core/json.ts';
import type { ApiPack } from '../engine/pack.ts';
import { historyOf } from '../state/history.ts';
import { stateOf } from '../state/machine.ts';
import { flat } from '../store/column.ts';
import { seedColumnsOf } from '../store/seed-columns.ts';
import { isGenerated, type SeedCollection } from '../store/store.ts';
import { movingStates, planMoveFrom, type PlannedMove } from './progress.ts';

// The first moves of a space's seeded runs, derived rather than stored (decision 006). When a space is seeded, one
// marker in `__due` records when it was planned (and from which seed); a run never written since (version 1), in a
// moving state and without a `__due` entry of its own, moves as `planMove` would have planned it then. A run written
// since has its plan in `__due` (a write plans the record it wrote; an insert is version 1 but has its entry), so its
// derived move no longer applies. The moves are derived from the seed itself (its key columns: ids and states, no run
// made whole), once per seed, as offsets from the planning time: every space seeded from it (sessions, resets) shares
// them and keeps only how far it has played them.

export const PLAN_PREFIX = 'plan:';

export interface PlanMarker {
  readonly collection: string;
  /** When the seeded runs were planned: the time each entered its current state, for the plan. */
  readonly plannedAt: number;
  /** The space's seeding (its epoch): a reset plans anew. */
  readonly epoch: string;
  /** The seed the space was filled from (`GeneratedCollection.origin`), when it carries one. */
  readonly origin?: Json;
}

/** A seeded run's move, `at` counted from the planning time. */
export interface SeededMove extends PlannedMove {
  readonly id: string;
}

export function markerData(marker: PlanMarker): JsonObject {
  return { at: null, ...marker };
}

export function markerOf(data: JsonObject | undefined): PlanMarker | undefined {
  if (!data) return undefined;
  const { collection, plannedAt, epoch, origin } = data;
  if (typeof collection !== 'string' || typeof plannedAt !== 'number' || typeof epoch !== 'string') return undefined;
  return { collection, plannedAt, epoch, ...(origin === undefined ? {} : { origin }) };
}

/**
 * The moves of a seeded collection's runs in moving states, in time order, as offsets from the planning time: from the
 * key columns of a generator (seeded runs have no history), or from the records of a small seed.
 */
export function seededMoves(pack: ApiPack, seed: number, collection: SeedCollection | undefined): SeededMove[] {
  const lifecycle = pack.lifecycle;
  const progress = lifecycle?.progress;
  if (!lifecycle || !progress || !collection) return [];
  const moving = new Set(movingStates(progress));
  const moves: SeededMove[] = [];
  const add = (id: string, state: string, visit: number) => {
    const move = planMoveFrom(progress, seed, { id, state, visit }, 0);
    if (move) moves.push({ at: move.at, from: move.from, to: move.to, id });
  };
  if (isGenerated(collection)) {
    const columns = seedColumnsOf(collection);
    const states = columns.column(lifecycle.machine.field) ?? columns.addColumn(lifecycle.machine.field);
    for (let i = 0; i < columns.count; i++) {
      const state = states.value(i);
      if (typeof state === 'string' && moving.has(state)) add(flat(collection.keys(i).id), state, 0);
    }
  } else {
    for (const record of collection) {
      const state = stateOf(lifecycle.machine, record.data);
      if (moving.has(state)) add(record.id, state, historyOf(record.meta ?? {}).length);
    }
  }
  return moves.sort((a, b) => a.at - b.at);
}

/** How far a space has played its seed's moves; a move once played (or found stale) never applies again. */
export class SeededSchedule {
  private next = 0;

  constructor(
    readonly key: string,
    private readonly plannedAt: number,
    private readonly moves: readonly SeededMove[],
  ) {}

  /** Up to `limit` moves due by `now` (with their times), not handed out before. */
  takeDue(now: number, limit: number): SeededMove[] {
    const due: SeededMove[] = [];
    while (due.length < limit) {
      const move = this.moves[this.next];
      if (!move || this.plannedAt + move.at > now) break;
      due.push({ ...move, at: this.plannedAt + move.at });
      this.next++;
    }
    return due;
  }
}

export const scheduleKey = (marker: PlanMarker): string => `${marker.epoch}|${marker.plannedAt}`;
