import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { isoAt } from '../core/time.ts';
import type { FaultBook } from '../faults/faults.ts';
import type { Journal } from '../journal/journal.ts';
import type { KeyValue, SeedData, SpaceDump, StoredRecord } from '../store/store.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import type { ApiPack } from './pack.ts';
import type { EngineRuntime, Profile, RateSetting } from './runtime.ts';
import { parseStateExport, type StateExport } from './state-export.ts';

/**
 * Everything around the request path: start-up, resets, the clock's lifecycle ticks, state import and export,
 * fixtures, the runtime settings (profile, rate limits, faults) and what the control API, the harness and the
 * console read (journal, registry, stored records). The HTTP edge serves requests through `Engine` alone.
 */
export interface EngineAdmin {
  readonly packs: readonly ApiPack[];
  readonly journal: Journal;
  readonly registry: SchemaRegistry;
  readonly faults: FaultBook;
  /** The seeded data of a pack (computed once). */
  seedData(packId: string): SeedData;
  /** Generates and stores every pack's seeded data now, so no request pays for it. */
  ready(): Promise<void>;
  /** Puts one API (or all) back to its seeded state in every session; cursors issued before stop working. */
  reset(packId?: string): Promise<void>;
  /** Resets one session's copy of an API (or all APIs) to the seed. */
  resetSession(session: string, packId?: string): Promise<void>;
  /** Applies every lifecycle move that has fallen due by the clock; returns how many. */
  tick(): Promise<number>;
  /**
   * Stored records of one collection as the store holds them (data and meta, e.g. a run's history), for the console
   * and tests: the given ids, or a page in creation order. Seeds the session's space if it is new.
   */
  records(
    packId: string,
    collection: string,
    query: { readonly session?: string; readonly ids?: readonly string[]; readonly offset?: number; readonly limit?: number },
  ): Promise<{ records: StoredRecord[]; total: number } | undefined>;
  /**
   * How many records of a collection hold each value at `field` (null for none), in one session, when the store can
   * count without reading every record (a compact store counts its key columns); undefined otherwise.
   */
  countBy(
    packId: string,
    collection: string,
    field: string,
    session?: string,
  ): Promise<readonly { readonly value: KeyValue; readonly count: number }[] | undefined>;
  exportState(): Promise<StateExport>;
  /** Replaces the spaces in the export with its contents (others are left alone); refuses a malformed export. */
  importState(state: unknown): Promise<Result<string[], string>>;
  /** Adds records to an API's collections (in one session), each checked against its collection's schema. */
  loadFixtures(packId: string, collections: unknown, session?: string): Promise<Result<number, string[]>>;
  profile(): Profile;
  setProfile(profile: Profile): void;
  rateLimits(): Record<string, RateSetting | null>;
  /** Turns an API's rate limit on or off, optionally with another rate. */
  setRateLimit(packId: string, setting: { enabled: boolean; perSecond?: number }): void;
}

export function createAdministration(runtime: EngineRuntime): EngineAdmin {
  const { options, spaces, lifecycle, settings } = runtime;
  const { packs, store } = options;
  const selected = (packId: string | undefined) => packs.filter((pack) => packId === undefined || pack.id === packId);
  return {
    packs,
    journal: runtime.journal,
    registry: options.registry,
    faults: runtime.faults,
    seedData: (packId) => runtime.seedData(runtime.entry(packId).pack),
    async ready() {
      // Every pack's shared space, and every space a durable store kept (it makes their generated records again).
      const wanted = new Map(packs.map((pack) => [spaces.spaceFor(pack), pack]));
      for (const { space, pack } of await spaces.all(packs)) wanted.set(space, pack);
      for (const [space, pack] of wanted) await spaces.ensure(pack, space);
    },
    async reset(packId) {
      // Every session's copy goes; the shared one is seeded again at once, sessions when next used.
      for (const { space, pack } of await spaces.all(packs)) {
        if (packId === undefined || pack.id === packId) await store.drop(space);
      }
      for (const pack of selected(packId)) await spaces.reset(pack);
    },
    async resetSession(session, packId) {
      for (const pack of selected(packId)) await spaces.reset(pack, session);
    },
    async tick() {
      return lifecycle.runDue(await spaces.all(packs));
    },
    async records(packId, collection, query) {
      const pack = packs.find((p) => p.id === packId);
      if (!pack) return undefined;
      const space = spaces.spaceFor(pack, query.session);
      await spaces.ensure(pack, space);
      if (query.ids) {
        const found = await Promise.all(query.ids.map((id) => store.get(space, collection, id)));
        const records = found.filter((record): record is StoredRecord => record !== undefined);
        return { records, total: records.length };
      }
      const page = await store.list(space, collection, {
        where: [],
        orderBy: [],
        page: { kind: 'offset', offset: query.offset ?? 0, limit: query.limit ?? 50 },
      });
      return { records: [...page.items], total: page.total };
    },
    async countBy(packId, collection, field, session) {
      const pack = packs.find((p) => p.id === packId);
      if (!pack || !store.countBy) return undefined;
      const space = spaces.spaceFor(pack, session);
      await spaces.ensure(pack, space);
      return store.countBy(space, collection, field);
    },
    async exportState() {
      const dumps: Record<string, SpaceDump> = {};
      for (const { space } of await spaces.all(packs)) dumps[space] = await store.dump(space);
      return { format: 'workflow-mocks-state', version: 1, seed: options.seed, exportedAt: isoAt(options.clock.now()), spaces: dumps };
    },
    async importState(state) {
      const parsed = parseStateExport(state, packs);
      if (!parsed.ok) return parsed;
      for (const [space, dump] of Object.entries(parsed.value.spaces)) {
        await store.restore(space, dump);
        lifecycle.forget(space);
      }
      return ok(Object.keys(parsed.value.spaces));
    },
    loadFixtures: (packId, collections, session) => loadFixtures(runtime, packId, collections, session),
    profile: () => settings.profile,
    setProfile(next) {
      settings.profile = next;
      settings.edgeTurns.clear();
    },
    rateLimits: () => Object.fromEntries(packs.map((pack) => [pack.id, settings.rates.get(pack.id) ?? null])),
    setRateLimit(packId, setting) {
      const current = settings.rates.get(packId);
      if (!current) return;
      settings.rates.set(packId, { enabled: setting.enabled, perSecond: setting.perSecond ?? current.perSecond });
    },
  };
}

async function loadFixtures(runtime: EngineRuntime, packId: string, collections: unknown, session: string | undefined): Promise<Result<number, string[]>> {
  const { options, spaces, lifecycle } = runtime;
  const { store, registry } = options;
  const pack = options.packs.find((p) => p.id === packId);
  if (!pack) return fail([`no API ${packId}`]);
  if (!isJsonObject(collections as Json)) return fail(['collections must be an object of collection -> [{id, data, meta?}]']);
  const space = spaces.spaceFor(pack, session);
  await spaces.ensure(pack, space);
  const problems: string[] = [];
  const accepted: { collection: string; record: { id: string; data: JsonObject; meta: JsonObject } }[] = [];
  for (const [collection, records] of Object.entries(collections as JsonObject)) {
    const schema = pack.collections?.[collection]?.schema;
    if (!pack.collections || !schema) {
      problems.push(`${packId} has no collection ${collection}${pack.collections ? `; it has ${Object.keys(pack.collections).join(', ')}` : ''}`);
      continue;
    }
    for (const [index, record] of (Array.isArray(records) ? records : [records]).entries()) {
      const id = isJsonObject(record) ? record['id'] : undefined;
      const data = isJsonObject(record) ? record['data'] : undefined;
      const meta = isJsonObject(record) && isJsonObject(record['meta']) ? record['meta'] : {};
      if (typeof id !== 'string' || !isJsonObject(data)) {
        problems.push(`${collection}[${index}] must be {id: string, data: object, meta?: object}`);
        continue;
      }
      problems.push(...registry.check(schema, data).map((issue) => `${collection}[${index}] (${id}): ${issue.pointer || '/'} ${issue.message}`));
      accepted.push({ collection, record: { id, data, meta } });
    }
  }
  for (const { collection, record } of accepted) {
    if (await store.get(space, collection, record.id)) problems.push(`${collection}/${record.id} already exists`);
  }
  if (problems.length > 0) return fail(problems);
  for (const { collection, record } of accepted) {
    const inserted = await store.insert(space, collection, record);
    if (!inserted.ok) return fail([`${collection}/${record.id} already exists`]);
    await lifecycle.afterWrite(space, pack, collection, record.id, inserted.value, options.clock.now());
  }
  return ok(accepted.length);
}
