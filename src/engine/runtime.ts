import type { Clock } from '../core/clock.ts';
import { isJsonObject, type Json } from '../core/json.ts';
import { isoAt } from '../core/time.ts';
import { createFaultBook, type FaultBook } from '../faults/faults.ts';
import { createIdSource, type IdSource } from '../generation/ids.ts';
import { deriveSeed } from '../generation/seeded-faker.ts';
import { createJournal, type Journal } from '../journal/journal.ts';
import { createLifecycleRunner, type LifecycleRunner } from '../lifecycle/runner.ts';
import type { RateLimiter } from '../rate-limit/limiter.ts';
import { compileRoutes } from '../routing/match.ts';
import { isGenerated, type GeneratedCollection, type SeedData, type Store } from '../store/store.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import type { ResponseViolation } from './response-check.ts';
import type { ApiPack } from './pack.ts';
import type { CompiledPack } from './pipeline.ts';
import { buildSeed, seedAnchor } from './seeding.ts';
import { createSpaces, type Spaces } from './spaces.ts';

// What the request path (engine.ts) and the administration (administration.ts) share: the options, the compiled
// packs, the spaces with their lifecycle, and the settings the control API changes while requests are served.

export interface EngineOptions {
  readonly packs: readonly ApiPack[];
  readonly store: Store;
  readonly registry: SchemaRegistry;
  readonly clock: Clock;
  /** Seed for generated data and runtime ids. */
  readonly seed: number;
  /**
   * Mixed into the seed of runtime ids. Replicas sharing one store pass distinct salts: with the seed alone every
   * replica draws the same id sequence, and the records they create collide.
   */
  readonly runtimeSalt?: string;
  /** Generated records per pack, when the user overrides the packs' defaults. */
  readonly records?: number;
  /** Where seeded timelines end (ms); the clock's time at creation, to the minute, by default (see seedAnchor). */
  readonly seedAnchor?: number;
  /** Signs page cursors; replicas sharing state must share it. */
  readonly cursorSecret: string;
  /** When true a response that breaks its schema becomes a 500 naming the violation (tests); otherwise it is reported. */
  readonly strictResponses: boolean;
  readonly onViolation?: (violation: ResponseViolation) => void;
  /** Counts requests for packs that declare a rate limit (in memory by default). */
  readonly rateLimiter?: RateLimiter;
  /** Whether vendors' rate limits apply from the start (settable per API at runtime). Off by default. */
  readonly rateLimits?: boolean;
  /** Where requests are recorded; a fresh bounded journal by default. */
  readonly journal?: Journal;
  /** `edge` answers every request with schema-valid edge cases (see edge.ts); per request with `X-Mock-Profile: edge`. */
  readonly profile?: Profile;
  /** Injected faults; an empty book by default. */
  readonly faults?: FaultBook;
  /** Waits for injected latency; setTimeout by default (tests may pass a fake). */
  readonly sleep?: (ms: number) => Promise<void>;
}

export type Profile = 'normal' | 'edge';

export interface RateSetting {
  readonly enabled: boolean;
  readonly perSecond: number;
}

/** What the control API changes at runtime and the request path reads on every request. */
export interface RuntimeSettings {
  profile: Profile;
  /** Per client and operation, how many edge cases it has been served (the edge profile rotates through them). */
  readonly edgeTurns: Map<string, number>;
  /** Per pack that declares a rate limit: whether it is on, and at what rate. */
  readonly rates: Map<string, RateSetting>;
}

export interface EngineRuntime {
  readonly options: EngineOptions;
  readonly compiled: ReadonlyMap<string, CompiledPack>;
  readonly ids: IdSource;
  readonly journal: Journal;
  readonly faults: FaultBook;
  readonly lifecycle: LifecycleRunner;
  readonly spaces: Spaces;
  readonly settings: RuntimeSettings;
  /**
   * The seeded data of a pack (computed once per process for a pack, seed, size and anchor); with `origin`, as it was
   * made for the seed, size and anchor its generators carry (a durable store making a space again after a restart).
   */
  seedData(pack: ApiPack, origin?: Json): SeedData;
  /** The clock's time as the pack writes times (its `timePrecision`). */
  now(pack: ApiPack): string;
  /** The compiled pack of an id; throws for an unknown one (the HTTP edge only routes to mounted packs). */
  entry(packId: string): CompiledPack;
}

export function createRuntime(options: EngineOptions): EngineRuntime {
  const compiled = new Map(options.packs.map((pack) => [pack.id, compilePack(pack, options.registry)]));
  const ids = createIdSource(deriveSeed(options.seed, `runtime${options.runtimeSalt ?? ''}`));
  const anchor = options.seedAnchor ?? seedAnchor(options.clock.now());
  const seedData = (pack: ApiPack, origin?: Json): SeedData => {
    const recorded = originOf(origin, pack);
    return recorded
      ? cachedSeed(pack, options.registry, recorded.seed, recorded.records, recorded.anchor)
      : cachedSeed(pack, options.registry, options.seed, options.records, anchor);
  };
  const lifecycle = createLifecycleRunner(options.store, options.clock, options.seed, seedData);
  const rates = new Map<string, RateSetting>(
    options.packs.flatMap((pack) =>
      pack.rateLimit ? [[pack.id, { enabled: options.rateLimits ?? false, perSecond: pack.rateLimit.perSecond }] as const] : [],
    ),
  );
  return {
    options,
    compiled,
    ids,
    journal: options.journal ?? createJournal(),
    faults: options.faults ?? createFaultBook(),
    lifecycle,
    spaces: createSpaces(options.store, seedData, ids, lifecycle),
    settings: { profile: options.profile ?? 'normal', edgeTurns: new Map(), rates },
    seedData,
    now: (pack) => isoAt(options.clock.now(), pack.timePrecision),
    entry(packId) {
      const entry = compiled.get(packId);
      if (!entry) throw new Error(`No pack ${packId}`);
      return entry;
    },
  };
}

/** Seed data of the most recent (pack, seed, size, anchor) keys; bounded, as tests start engines at many anchors. */
const SEED_CACHE_SIZE = 32;
const seedCache = new Map<string, SeedData>();

/**
 * Seeded data is a pure function of pack, seed, size and anchor, so engines in one process share it: one generator
 * object per collection, and with it one set of key columns in the store (decision 006), whatever the number of spaces.
 */
function cachedSeed(pack: ApiPack, registry: SchemaRegistry, seed: number, records: number | undefined, anchor: number): SeedData {
  const key = `${pack.id}:${seed}:${records ?? ''}:${anchor}`;
  let data = seedCache.get(key);
  if (data) {
    seedCache.delete(key);
  } else {
    const origin: Json = { pack: pack.id, seed, anchor, ...(records === undefined ? {} : { records }) };
    data = withOrigin(buildSeed(pack, registry, seed, records, anchor), origin);
    if (seedCache.size >= SEED_CACHE_SIZE) seedCache.delete(seedCache.keys().next().value as string);
  }
  seedCache.set(key, data);
  return data;
}

/** The generators of a seed, each carrying how to make it again (`GeneratedCollection.origin`). */
function withOrigin(data: SeedData, origin: Json): SeedData {
  return Object.fromEntries(
    Object.entries(data).map(([name, collection]) => {
      if (!isGenerated(collection)) return [name, collection];
      const tagged: GeneratedCollection = {
        kind: 'generated',
        count: collection.count,
        fields: collection.fields,
        keys: (i) => collection.keys(i),
        record: (i) => collection.record(i),
        origin,
      };
      return [name, tagged];
    }),
  );
}

/** The seed, size and anchor an origin names, when it is this pack's. */
function originOf(origin: Json | undefined, pack: ApiPack): { seed: number; records: number | undefined; anchor: number } | undefined {
  if (!isJsonObject(origin ?? null)) return undefined;
  const { pack: id, seed, records, anchor } = origin as { [key: string]: Json };
  if (id !== pack.id || typeof seed !== 'number' || typeof anchor !== 'number' || (records !== undefined && typeof records !== 'number')) return undefined;
  return { seed, anchor, records };
}

function compilePack(pack: ApiPack, registry: SchemaRegistry): CompiledPack {
  const referenced = [pack.errors.schema, ...pack.operations.flatMap((op) => [...Object.values(op.request ?? {}), ...Object.values(op.responses)])];
  for (const id of referenced) {
    if (id !== null && !registry.has(id)) throw new Error(`Pack ${pack.id} references unknown schema ${id}`);
  }
  return { pack, routes: compileRoutes(pack.operations.map((operation) => ({ method: operation.method, path: operation.path, payload: operation }))) };
}
