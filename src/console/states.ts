import { readPath } from '../core/json.ts';
import type { ApiPack } from '../engine/pack.ts';
import type { StoredRecord } from '../store/store.ts';
import { machineGraph } from './graph.ts';

/** Reads a page of a collection's stored records in one session (the engine's `records`). */
export type RecordPages = (
  collection: string,
  page: { readonly offset: number; readonly limit: number },
) => Promise<{ readonly records: readonly StoredRecord[]; readonly total: number } | undefined>;

export interface StateCounts {
  readonly field: string;
  /** State -> runs in it now; states with none are left out. */
  readonly counts: Readonly<Record<string, number>>;
  readonly total: number;
}

/** Counts a collection's records by the value at a field without reading them (the engine's `countBy`), when it can. */
export type ValueCounts = (collection: string, field: string) => Promise<readonly { readonly value: unknown; readonly count: number }[] | undefined>;

const PAGE = 500;

/**
 * How many of an API's runs are in each state now (`GET /__admin/states`), for the console's diagram: every record of
 * the console's collection, counted by the machine's state field (by the store from its key columns when `counted`
 * can, else page by page). Null for an API without a machine.
 */
export async function countStates(pack: ApiPack, read: RecordPages, counted?: ValueCounts): Promise<StateCounts | null> {
  const graph = machineGraph(pack);
  const collection = pack.console?.collection ?? pack.lifecycle?.progress?.collection;
  if (!graph || !collection) return null;
  const counts: Record<string, number> = {};
  const byValue = await counted?.(collection, graph.field);
  if (byValue) {
    for (const { value, count } of byValue) {
      const key = typeof value === 'string' ? value : '';
      counts[key] = (counts[key] ?? 0) + count;
    }
    return { field: graph.field, counts, total: byValue.reduce((sum, { count }) => sum + count, 0) };
  }
  let total = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = await read(collection, { offset, limit: PAGE });
    if (!page) return null;
    for (const record of page.records) {
      const state = readPath(record.data, graph.field);
      const key = typeof state === 'string' ? state : '';
      counts[key] = (counts[key] ?? 0) + 1;
    }
    total = page.total;
    if (page.records.length === 0 || offset + PAGE >= page.total) break;
  }
  return { field: graph.field, counts, total };
}
