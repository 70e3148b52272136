import { MemoryState, type MemoryStateOptions } from './memory-state.ts';
import type { Store } from './store.ts';

/** The embedded default: everything in process memory, lost on exit. */
export function createMemoryStore(options: MemoryStateOptions = {}): Store {
  const state = new MemoryState(options);
  return {
    get: async (space, name, id) => state.get(space, name, id),
    async insert(space, name, record) {
      const prepared = state.prepareInsert(space, name, record);
      if (prepared.ok) state.put(space, name, prepared.value);
      return prepared;
    },
    async replace(space, name, id, expectedVersion, next) {
      const prepared = state.prepareReplace(space, name, id, expectedVersion, next);
      if (prepared.ok) state.put(space, name, prepared.value);
      return prepared;
    },
    remove: async (space, name, id) => state.remove(space, name, id),
    list: async (space, name, query) => state.list(space, name, query),
    countBy: async (space, name, field) => state.countBy(space, name, field),
    async seed(space, data) {
      if (state.has(space)) return false;
      state.fill(space, data());
      return true;
    },
    drop: async (space) => state.drop(space),
    dump: async (space) => state.dump(space),
    restore: async (space, dump) => state.restore(space, dump),
    spaces: async () => state.spaceNames(),
  };
}

/**
 * The store tests run on (decision 003): in memory, with every stored record deep-frozen, so code that changes a
 * record behind the store's back throws instead of corrupting it and the caches keyed on it; and strict about fields
 * (decision 006): a list of a generated collection on a field its generator did not declare throws. The server does
 * neither (freezing costs memory; an undeclared field is served from whole records and logged).
 */
export function createTestStore(): Store {
  return createMemoryStore({ freezeRecords: true, strictFields: true });
}
