import { allPacks } from '../mocks/index.ts';
import { systemClock, type Clock } from './core/clock.ts';
import { createEngine, type Engine, type Profile } from './engine/engine.ts';
import type { JsonObject } from './core/json.ts';
import type { ApiPack } from './engine/pack.ts';
import { buildOpenApi } from './openapi/build.ts';
import type { ResponseViolation } from './engine/response-check.ts';
import { readSchemaFiles } from './files/schemas.ts';
import { createMemoryRateLimiter } from './rate-limit/limiter.ts';
import { createMemoryStore } from './store/memory.ts';
import type { Store } from './store/store.ts';
import { createSchemaRegistry, type SchemaRegistry } from './validation/registry.ts';

/**
 * Wires the engine from its parts with the project's defaults: every pack, schemas from `schemas/`, the
 * in-memory store and the system clock. The server's main and the tests both start here.
 */
export interface AssembleOptions {
  readonly seed?: number;
  readonly records?: number;
  readonly packs?: readonly ApiPack[];
  readonly store?: Store;
  readonly clock?: Clock;
  readonly strictResponses?: boolean;
  readonly cursorSecret?: string;
  readonly onViolation?: (violation: ResponseViolation) => void;
  /** Vendor rate limits (Amperity's 10 requests per second): on by default, off for load tests. */
  readonly rateLimits?: boolean;
  readonly profile?: Profile;
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

/** Schemas never change while a process runs, so they are read and compiled once per process. */
export function schemaRegistry(): SchemaRegistry {
  sharedRegistry ??= createSchemaRegistry(readSchemaFiles());
  return sharedRegistry;
}

export function assembleEngine(options: AssembleOptions = {}): Engine {
  const seed = options.seed ?? DEFAULT_SEED;
  return createEngine({
    packs: options.packs ?? allPacks,
    store: options.store ?? createMemoryStore(),
    registry: schemaRegistry(),
    clock: options.clock ?? systemClock,
    seed,
    ...(options.records === undefined ? {} : { records: options.records }),
    // Derived from the seed so replicas started alike accept each other's cursors; override to rotate.
    cursorSecret: options.cursorSecret ?? `workflow-mocks:${seed}`,
    strictResponses: options.strictResponses ?? false,
    ...(options.onViolation ? { onViolation: options.onViolation } : {}),
    ...(options.rateLimits === false ? {} : { rateLimiter: createMemoryRateLimiter() }),
    ...(options.profile ? { profile: options.profile } : {}),
  });
}
