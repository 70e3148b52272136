import type { Clock } from '../core/clock.ts';
import { isoAt } from '../core/time.ts';
import { createFaultBook, type FaultBook } from '../faults/faults.ts';
import { createIdSource, type IdSource } from '../generation/ids.ts';
import { deriveSeed } from '../generation/seeded-faker.ts';
import { createJournal, type Journal } from '../journal/journal.ts';
import { createLifecycleRunner, type LifecycleRunner } from '../lifecycle/runner.ts';
import type { RateLimiter } from '../rate-limit/limiter.ts';
import { compileRoutes } from '../routing/match.ts';
import type { SeedData, Store } from '../store/store.ts';
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
  /** The seeded data of a pack (computed once per process for a pack, seed, size and anchor). */
  seedData(pack: ApiPack): SeedData;
  /** The clock's time as the pack writes times (its `timePrecision`). */
  now(pack: ApiPack): string;
  /** The compiled pack of an id; throws for an unknown one (the HTTP edge only routes to mounted packs). */
  entry(packId: string): CompiledPack;
}

export function createRuntime(options: EngineOptions): EngineRuntime {
  const compiled = new Map(options.packs.map((pack) => [pack.id, compilePack(pack, options.registry)]));
  const ids = createIdSource(deriveSeed(options.seed, `runtime${options.runtimeSalt ?? ''}`));
  const anchor = options.seedAnchor ?? seedAnchor(options.clock.now());
  const seedData = (pack: ApiPack): SeedData => cachedSeed(pack, options.registry, options.seed, options.records, anchor);
  const lifecycle = createLifecycleRunner(options.store, options.clock, options.seed);
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

const seedCache = new Map<string, SeedData>();

/** Seeded data is a pure function of pack, seed, size and anchor, so engines in one process share it. */
function cachedSeed(pack: ApiPack, registry: SchemaRegistry, seed: number, records: number | undefined, anchor: number): SeedData {
  const key = `${pack.id}:${seed}:${records ?? ''}:${anchor}`;
  let data = seedCache.get(key);
  if (!data) {
    data = buildSeed(pack, registry, seed, records, anchor);
    seedCache.set(key, data);
  }
  return data;
}

function compilePack(pack: ApiPack, registry: SchemaRegistry): CompiledPack {
  const referenced = [pack.errors.schema, ...pack.operations.flatMap((op) => [...Object.values(op.request ?? {}), ...Object.values(op.responses)])];
  for (const id of referenced) {
    if (id !== null && !registry.has(id)) throw new Error(`Pack ${pack.id} references unknown schema ${id}`);
  }
  return { pack, routes: compileRoutes(pack.operations.map((operation) => ({ method: operation.method, path: operation.path, payload: operation }))) };
}
