import { fail, ok } from '../core/result.ts';
import { comparePositions, compareRecords, matchesAll, positionOf, type ListQuery } from './query.ts';
import type { ListPage, NewRecord, SeedData, Store, StoredRecord } from './store.ts';

interface Collection {
  readonly byId: Map<string, StoredRecord>;
  nextSeq: number;
}

/** The embedded default: everything in process memory, lost on exit. */
export function createMemoryStore(): Store {
  const spaces = new Map<string, Map<string, Collection>>();

  const collectionOf = (space: string, name: string): Collection => {
    let collections = spaces.get(space);
    if (!collections) {
      collections = new Map();
      spaces.set(space, collections);
    }
    let collection = collections.get(name);
    if (!collection) {
      collection = { byId: new Map(), nextSeq: 1 };
      collections.set(name, collection);
    }
    return collection;
  };

  const insertInto = (collection: Collection, record: NewRecord): StoredRecord => {
    const stored: StoredRecord = { id: record.id, seq: collection.nextSeq++, version: 1, data: record.data, meta: record.meta ?? {} };
    collection.byId.set(record.id, stored);
    return stored;
  };

  return {
    async get(space, name, id) {
      return spaces.get(space)?.get(name)?.byId.get(id);
    },
    async insert(space, name, record) {
      const collection = collectionOf(space, name);
      if (collection.byId.has(record.id)) return fail('exists');
      return ok(insertInto(collection, record));
    },
    async replace(space, name, id, expectedVersion, next) {
      const collection = spaces.get(space)?.get(name);
      const current = collection?.byId.get(id);
      if (!collection || !current) return fail('missing');
      if (current.version !== expectedVersion) return fail('stale');
      const stored: StoredRecord = { ...current, version: current.version + 1, data: next.data, meta: next.meta };
      collection.byId.set(id, stored);
      return ok(stored);
    },
    async remove(space, name, id) {
      return spaces.get(space)?.get(name)?.byId.delete(id) ?? false;
    },
    async list(space, name, query) {
      const records = [...(spaces.get(space)?.get(name)?.byId.values() ?? [])];
      return pageOf(records, query);
    },
    async seed(space, data: SeedData) {
      if (spaces.has(space)) return false;
      spaces.set(space, new Map());
      for (const [name, records] of Object.entries(data)) {
        const collection = collectionOf(space, name);
        for (const record of records) insertInto(collection, record);
      }
      return true;
    },
    async drop(space) {
      spaces.delete(space);
    },
    async dump(space) {
      const collections = spaces.get(space);
      if (!collections) return {};
      return Object.fromEntries([...collections].map(([name, collection]) => [name, [...collection.byId.values()].sort((a, b) => a.seq - b.seq)]));
    },
    async restore(space, dump) {
      const collections = new Map<string, Collection>();
      for (const [name, records] of Object.entries(dump)) {
        const byId = new Map(records.map((record) => [record.id, record]));
        collections.set(name, { byId, nextSeq: records.reduce((max, record) => Math.max(max, record.seq), 0) + 1 });
      }
      spaces.set(space, collections);
    },
    async spaces() {
      return [...spaces.keys()];
    },
  };
}

function pageOf(records: readonly StoredRecord[], query: ListQuery): ListPage {
  const matching = records.filter((record) => matchesAll(record, query.where));
  matching.sort((a, b) => compareRecords(a, b, query.orderBy));
  const { page } = query;
  let start = 0;
  if (page.kind === 'offset') {
    start = page.offset;
  } else if (page.after) {
    const after = page.after;
    const index = matching.findIndex((record) => comparePositions(positionOf(record, query.orderBy), after, query.orderBy) > 0);
    start = index === -1 ? matching.length : index;
  }
  const items = matching.slice(start, start + page.limit);
  return { items, total: matching.length, hasMore: start + items.length < matching.length };
}
