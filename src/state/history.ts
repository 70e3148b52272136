import type { JsonObject } from '../core/json.ts';

// A run's moves as the store keeps them, in `meta.history`, oldest first: written by commands (src/engine/moves.ts),
// by the lifecycle (`command: 'auto'`) and by packs that move runs their own way (a vendor's named actions); read
// by the console and the lifecycle. Dependency-free, so the browser code can import the type too.

/** One move of a run. */
export interface HistoryEntry {
  readonly from: string;
  readonly to: string;
  /** When the move happened, as the pack writes its times (ISO 8601). */
  readonly at: string;
  /** The command or vendor action that made the move, or `auto` (AUTOMATIC) for a move the lifecycle made. */
  readonly command: string;
  /** Who made the move (a user id), when the vendor knows. */
  readonly who?: string;
  /** What the mover wrote with it. */
  readonly comment?: string;
}

/** The `command` of a move the lifecycle made by itself. */
export const AUTOMATIC = 'auto';

/** The moves in a record's meta (none when it has no history). */
export function historyOf(meta: JsonObject): HistoryEntry[] {
  const history = meta['history'];
  return Array.isArray(history) ? (history as unknown as HistoryEntry[]) : [];
}

/** The record's meta with `entry` appended to its history; optional fields left out are not written. */
export function withMove(meta: JsonObject, entry: HistoryEntry): JsonObject {
  const stored: JsonObject = { from: entry.from, to: entry.to, command: entry.command, at: entry.at };
  if (entry.who !== undefined) stored['who'] = entry.who;
  if (entry.comment !== undefined) stored['comment'] = entry.comment;
  const earlier = meta['history'];
  return { ...meta, history: [...(Array.isArray(earlier) ? earlier : []), stored] };
}
