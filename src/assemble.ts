import { allPacks } from '../mocks/index.ts';
import { createControlledClock, type ControlledClock } from './core/clock.ts';
import { createFaultBook, type FaultRule } from './faults/faults.ts';
import { createEngine, type Engine, type EngineAdmin, type Profile } from './engine/engine.ts';
import type { JsonObject } from './core/json.ts';
import type { ApiPack } from './engine/pack.ts';
import { buildOpenApi } from './openapi/build.ts';
import type { ResponseViolation } from './engine/response-check.ts';
import { readSchemaFiles } from './files/schemas.ts';
import { createMemoryRateLimiter, type RateLimiter } from './rate-limit/limiter.ts';
import { createMemoryStore, createTestStore } from './store/memory.ts';
import { materializeSeed, type NewRecord, type Store } from './store/store.ts';
import { buildSeed } from './engine/seeding.ts';
import { createSchemaRegistry, type SchemaRegistry } from './validation/registry.ts';

// Wires the engine from its parts with the project's defaults: every pack, schemas from `schemas/`, the
// in-memory store and the system clock. The server's main and the tests both start here.

export interface AssembleOptions {
  readonly seed?: number;
  /** Distinct per replica sharing a store, so their runtime ids differ (see EngineOptions.runtimeSalt). */
  readonly runtimeSalt?: string;
  readonly records?: number;
  readonly packs?: readonly ApiPack[];
  readonly store?: Store;
  readonly strictResponses?: boolean;
  readonly cursorSecret?: string;
  readonly onViolation?: (violation: ResponseViolation) => void;
  /** Vendor rate limits (Amperity's 10 requests per second): on by default, off for load tests. */
  readonly rateLimits?: boolean;
  readonly profile?: Profile;
  /** The mock's clock; real time by default. Pass a manual one to own time in tests. */
  readonly controlledClock?: ControlledClock;
  readonly faults?: readonly FaultRule[];
  /** Where rate-limit buckets live; in memory by default, in Redis when replicas share one. */
  readonly rateLimiter?: RateLimiter;
}

export const DEFAULT_SEED = 1;

let sharedRegistry: SchemaRegistry | undefined;
let sharedSchemas: JsonObject[] | undefined;
const documents = new Map<string, JsonObject>();

/** The OpenAPI document of one mounted API, built from its pack and schemas once per process. */
export function openApiDocument(pack: ApiPack): JsonObject {
  let document = documents.get(pack.id);
  if (!document) {
    sharedSchemas ??= readSchemaFiles();
    document = buildOpenApi(pack, sharedSchemas);
    documents.set(pack.id, document);
  }
  return document;
}

/**
 * Schemas never change while a process runs, so they are read once per process and each is compiled on first use.
 * The documents are not checked against the meta-schema here: `src/files/schemas.test.ts` does that for the project.
 */
export function schemaRegistry(): SchemaRegistry {
  sharedRegistry ??= createSchemaRegistry(readSchemaFiles(), { checkDocuments: false });
  return sharedRegistry;
}

/** A mock as main, the harness and the tests use it: its request path, its administration and its clock. */
export interface Mock {
  readonly engine: Engine;
  readonly admin: EngineAdmin;
  /** The clock it runs on (the control API moves it). */
  readonly clock: ControlledClock;
}

export function assembleMock(options: AssembleOptions = {}): Mock {
  const seed = options.seed ?? DEFAULT_SEED;
  const clock = options.controlledClock ?? createControlledClock('real');
  const { engine, admin } = createEngine({
    packs: options.packs ?? allPacks,
    store: options.store ?? createMemoryStore(),
    registry: schemaRegistry(),
    clock,
    seed,
    ...(options.runtimeSalt === undefined ? {} : { runtimeSalt: options.runtimeSalt }),
    ...(options.records === undefined ? {} : { records: options.records }),
    // Derived from the seed so replicas started alike accept each other's cursors; override to rotate.
    cursorSecret: options.cursorSecret ?? `workflow-mocks:${seed}`,
    strictResponses: options.strictResponses ?? false,
    ...(options.onViolation ? { onViolation: options.onViolation } : {}),
    rateLimiter: options.rateLimiter ?? createMemoryRateLimiter(),
    rateLimits: options.rateLimits ?? true,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.faults ? { faults: createFaultBook(options.faults) } : {}),
  });
  return { engine, admin, clock };
}

/**
 * The one way tests build a mock (decision 003): a response that breaks its schema is a 500, and the store
 * deep-freezes every record it holds (createTestStore), so code that mutates one fails loudly. Options override
 * (a test of the server's lenient mode passes `strictResponses: false`); a store passed in is used as it is.
 */
export function testMock(options: AssembleOptions = {}): Mock {
  return assembleMock({ strictResponses: true, ...options, store: options.store ?? createTestStore() });
}

/** Applies lifecycle moves as real time passes; returns how to stop. Manual clocks move only through the control API. */
export function startLifecycleTicker(
  admin: EngineAdmin,
  clock: ControlledClock,
  intervalMs = 1000,
  onError: (error: unknown) => void = reportOnce(),
): () => void {
  if (clock.mode === 'manual') return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    admin
      .tick()
      // A tick that fails (the shared store away) is tried again on the next interval; the moves it owed come then.
      .catch((error: unknown) => onError(error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Logs a failing tick when its error differs from the last one logged, not every second of an outage. */
function reportOnce(): (error: unknown) => void {
  let last = '';
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    if (message !== last) console.error(`[lifecycle] tick failed, retrying every interval: ${message}`);
    last = message;
  };
}

/** A pack's seeded data for seed and anchor, every collection made into records (for tests of a pack's seed). */
export function seedOf(
  pack: ApiPack,
  options: { readonly seed?: number; readonly anchor: number; readonly records?: number },
): Readonly<Record<string, readonly NewRecord[]>> {
  return materializeSeed(buildSeed(pack, schemaRegistry(), options.seed ?? DEFAULT_SEED, options.records, options.anchor));
}
