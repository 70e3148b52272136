import type { Clock } from '../core/clock.ts';
import { mockError, type ErrorKind } from '../core/errors.ts';
import type { PlainRequest, PlainResponse } from '../core/request.ts';
import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { createLifecycleRunner } from '../lifecycle/runner.ts';
import { createMemoryRateLimiter } from '../rate-limit/limiter.ts';
import { createIdSource } from '../generation/ids.ts';
import { deriveSeed } from '../generation/seeded-faker.ts';
import { createFaultBook, type FaultBook } from '../faults/faults.ts';
import { createJournal, type Journal } from '../journal/journal.ts';
import type { RateLimiter } from '../rate-limit/limiter.ts';
import { compileRoutes } from '../routing/match.ts';
import type { SeedData, SpaceDump, Store, StoredRecord } from '../store/store.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import { engineMessage, kindForStatus } from './errors.ts';
import { edgeError, edgeReply, edgeVariants, maxPageSize } from './edge.ts';
import type { ApiPack, Operation } from './pack.ts';
import { operationFor, runPipeline, type CompiledPack, type PipelineDeps, type PipelineResult } from './pipeline.ts';
import { respond, type RespondDeps } from './respond.ts';
import type { ResponseViolation } from './response-check.ts';
import { buildSeed, seedAnchor } from './seeding.ts';
import { createSpaces, isSessionName } from './spaces.ts';

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

/** A whole mock's state, as GET /__admin/state exports it and PUT imports it. */
export interface StateExport {
  readonly format: 'workflow-mocks-state';
  readonly version: 1;
  readonly seed: number;
  readonly exportedAt: string;
  readonly spaces: Readonly<Record<string, SpaceDump>>;
}

export type Profile = 'normal' | 'edge';

export interface Engine {
  readonly packs: readonly ApiPack[];
  readonly journal: Journal;
  readonly registry: SchemaRegistry;
  readonly faults: FaultBook;
  handle(packId: string, request: PlainRequest): Promise<PlainResponse>;
  /** An error raised before the engine saw the request (oversized body...), in the pack's envelope and words. */
  errorResponse(packId: string, request: PlainRequest, kind: ErrorKind): PlainResponse;
  /** The seeded data of a pack (computed once). */
  seedData(packId: string): SeedData;
  /** Generates and stores every pack's seeded data now, so no request pays for it. */
  ready(): Promise<void>;
  /** Puts one API (or all) back to its seeded state in every session; cursors issued before stop working. */
  reset(packId?: string): Promise<void>;
  profile(): Profile;
  setProfile(profile: Profile): void;
  /** Resets one session's copy of an API (or all APIs) to the seed. */
  resetSession(session: string, packId?: string): Promise<void>;
  /** Applies every lifecycle move that has fallen due by the clock; returns how many. */
  tick(): Promise<number>;
  exportState(): Promise<StateExport>;
  /**
   * Stored records of one collection as the store holds them (data and meta, e.g. a run's history), for the console:
   * the given ids, or a page in creation order. Seeds the session's space if it is new.
   */
  records(
    packId: string,
    collection: string,
    query: { readonly session?: string; readonly ids?: readonly string[]; readonly offset?: number; readonly limit?: number },
  ): Promise<{ records: StoredRecord[]; total: number } | undefined>;
  /** Replaces the spaces in the export with its contents (others are left alone); refuses a malformed export. */
  importState(state: unknown): Promise<Result<string[], string>>;
  /** Turns an API's rate limit on or off, optionally with another rate. */
  setRateLimit(packId: string, setting: { enabled: boolean; perSecond?: number }): void;
  /** Adds records to an API's collections (in one session), each checked against its collection's schema. */
  loadFixtures(packId: string, collections: unknown, session?: string): Promise<Result<number, string[]>>;
  rateLimits(): Record<string, { enabled: boolean; perSecond: number } | null>;
}

export function createEngine(options: EngineOptions): Engine {
  const compiled = new Map(options.packs.map((pack) => [pack.id, compilePack(pack, options.registry)]));
  const ids = createIdSource(deriveSeed(options.seed, `runtime${options.runtimeSalt ?? ''}`));
  const journal = options.journal ?? createJournal();
  const faults = options.faults ?? createFaultBook();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const faultRandom = createIdSource(deriveSeed(options.seed, 'faults'));
  const anchor = options.seedAnchor ?? seedAnchor(options.clock.now());
  const seedData = (pack: ApiPack): SeedData => cachedSeed(pack, options.registry, options.seed, options.records, anchor);
  const lifecycle = createLifecycleRunner(options.store, options.clock, options.seed);
  const spaces = createSpaces(options.store, seedData, ids, lifecycle);
  const rateSettings = new Map<string, { enabled: boolean; perSecond: number }>(
    options.packs.flatMap((pack) =>
      pack.rateLimit ? [[pack.id, { enabled: options.rateLimits ?? false, perSecond: pack.rateLimit.perSecond }] as const] : [],
    ),
  );
  const rateLimiter = options.rateLimiter ?? createMemoryRateLimiter();
  const pipelineDeps: PipelineDeps = {
    store: options.store,
    registry: options.registry,
    clock: options.clock,
    ids,
    spaces,
    cursorSecret: options.cursorSecret,
    rateLimiter,
    lifecycle,
    rateLimitRule: (pack) => {
      const setting = rateSettings.get(pack.id);
      return pack.rateLimit && setting?.enabled
        ? { ...pack.rateLimit, perSecond: setting.perSecond, capacity: Math.max(1, Math.round(setting.perSecond)) }
        : undefined;
    },
  };
  const respondDeps: RespondDeps = { registry: options.registry, ids, strictResponses: options.strictResponses, onViolation: options.onViolation };
  const nowIso = () => new Date(options.clock.now()).toISOString();
  let profile: Profile = options.profile ?? 'normal';
  const rotation = new Map<string, number>();

  /** The edge case this request gets, when the profile or its headers ask for one. */
  const edgeVariant = (entry: CompiledPack, request: PlainRequest): { operation: Operation; variant: string } | undefined => {
    const asked = request.headers['x-mock-edge'];
    if (!asked && request.headers['x-mock-profile'] !== 'edge' && profile !== 'edge') return undefined;
    const operation = operationFor(entry, request);
    if (!operation) return undefined;
    const variants = edgeVariants(operation);
    if (asked && variants.includes(asked)) return { operation, variant: asked };
    const key = `${request.headers['x-mock-client'] ?? request.headers['user-agent'] ?? ''}|${entry.pack.id}|${operation.id}`;
    const turn = rotation.get(key) ?? 0;
    rotation.set(key, turn + 1);
    return { operation, variant: variants[turn % variants.length] ?? 'sparse' };
  };

  const entryFor = (packId: string): CompiledPack => {
    const entry = compiled.get(packId);
    if (!entry) throw new Error(`No pack ${packId}`);
    return entry;
  };

  return {
    packs: options.packs,
    journal,
    registry: options.registry,
    faults,
    async ready() {
      await Promise.all(options.packs.map((pack) => spaces.ensure(pack, spaces.spaceFor(pack))));
    },
    async reset(packId) {
      // Every session's copy goes; the shared one is seeded again at once, sessions when next used.
      for (const { space, pack } of await spaces.all(options.packs)) {
        if (packId === undefined || pack.id === packId) await options.store.drop(space);
      }
      for (const pack of options.packs.filter((p) => packId === undefined || p.id === packId)) await spaces.reset(pack);
    },
    async resetSession(session, packId) {
      for (const pack of options.packs.filter((p) => packId === undefined || p.id === packId)) await spaces.reset(pack, session);
    },
    async tick() {
      return lifecycle.runDue(await spaces.all(options.packs));
    },
    async records(packId, collection, query) {
      const pack = options.packs.find((p) => p.id === packId);
      if (!pack) return undefined;
      const space = spaces.spaceFor(pack, query.session);
      await spaces.ensure(pack, space);
      if (query.ids) {
        const found = await Promise.all(query.ids.map((id) => options.store.get(space, collection, id)));
        const records = found.filter((record): record is StoredRecord => record !== undefined);
        return { records, total: records.length };
      }
      const page = await options.store.list(space, collection, {
        where: [],
        orderBy: [],
        page: { kind: 'offset', offset: query.offset ?? 0, limit: query.limit ?? 50 },
      });
      return { records: [...page.items], total: page.total };
    },
    async exportState() {
      const dumps: Record<string, SpaceDump> = {};
      for (const { space } of await spaces.all(options.packs)) dumps[space] = await options.store.dump(space);
      return { format: 'workflow-mocks-state', version: 1, seed: options.seed, exportedAt: nowIso(), spaces: dumps };
    },
    async importState(state) {
      const parsed = parseStateExport(state, options.packs);
      if (!parsed.ok) return parsed;
      for (const [space, dump] of Object.entries(parsed.value.spaces)) {
        await options.store.restore(space, dump);
      }
      return ok(Object.keys(parsed.value.spaces));
    },
    setRateLimit(packId, setting) {
      const current = rateSettings.get(packId);
      if (!current) return;
      rateSettings.set(packId, { enabled: setting.enabled, perSecond: setting.perSecond ?? current.perSecond });
    },
    async loadFixtures(packId, collections, session) {
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
          problems.push(...options.registry.check(schema, data).map((issue) => `${collection}[${index}] (${id}): ${issue.pointer || '/'} ${issue.message}`));
          accepted.push({ collection, record: { id, data, meta } });
        }
      }
      for (const { collection, record } of accepted) {
        if (await options.store.get(space, collection, record.id)) problems.push(`${collection}/${record.id} already exists`);
      }
      if (problems.length > 0) return fail(problems);
      for (const { collection, record } of accepted) {
        const inserted = await options.store.insert(space, collection, record);
        if (!inserted.ok) return fail([`${collection}/${record.id} already exists`]);
        await lifecycle.afterWrite(space, pack, collection, record.id, inserted.value, options.clock.now());
      }
      return ok(accepted.length);
    },
    rateLimits: () => Object.fromEntries(options.packs.map((pack) => [pack.id, rateSettings.get(pack.id) ?? null])),
    seedData: (packId) => seedData(entryFor(packId).pack),
    profile: () => profile,
    setProfile(next) {
      profile = next;
      rotation.clear();
    },
    errorResponse(packId, request, kind) {
      const { pack } = entryFor(packId);
      const error = mockError(kind, engineMessage(pack.errors, kind));
      const response = respond(respondDeps, pack, request, undefined, fail(error), nowIso());
      record(packId, request, undefined, response, [{ location: 'body', field: '', rule: kind, message: error.message }], kind);
      return response;
    },
    async handle(packId, request) {
      const entry = entryFor(packId);
      const fault = faults.decide({ api: packId, operation: operationFor(entry, request)?.id, path: request.path }, () => faultRandom.next());
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.action.kind === 'drop') {
        record(packId, request, operationFor(entry, request)?.id ?? null, { status: 0, headers: {}, media: 'json' }, []);
        return { status: 0, headers: {}, media: 'json', drop: true };
      }
      if (fault.action.kind === 'error') {
        const kind = kindForStatus(entry.pack.errors, fault.action.status);
        const error = mockError(kind, `${engineMessage(entry.pack.errors, kind)} (injected fault)`, {
          status: fault.action.status,
          ...(kind === 'rateLimited' ? { headers: { 'retry-after': '1' } } : {}),
        });
        const operation = operationFor(entry, request);
        const response = respond(respondDeps, entry.pack, request, operation, fail(error), nowIso());
        record(packId, request, operation?.id ?? null, response, [], kind);
        return response;
      }
      const now = nowIso();
      const edge = edgeVariant(entry, request);
      let result: PipelineResult;
      try {
        result = edge ? await runEdge(entry, request, now, edge.operation, edge.variant) : await runPipeline(pipelineDeps, entry, request, now);
      } catch (error) {
        // A bug in the mock: answer as the vendor answers its own internal errors and say so loudly.
        options.onViolation?.({
          kind: 'exception',
          api: packId,
          operation: undefined,
          status: 500,
          detail: String(error instanceof Error ? error.stack : error),
        });
        result = { outcome: fail(mockError('internal', engineMessage(entry.pack.errors, 'internal'))), violations: [] };
      }
      const response = respond(respondDeps, entry.pack, request, result.operation, result.outcome, now);
      record(packId, request, result.operation?.id ?? null, response, result.violations, result.outcome.ok ? undefined : result.outcome.error.kind);
      return edge ? { ...response, headers: { ...response.headers, 'x-mock-edge': edge.variant } } : response;
    },
  };

  /** One request under the edge-case profile: a simulated error, or the operation's reply rewritten into the variant. */
  async function runEdge(entry: CompiledPack, request: PlainRequest, now: string, operation: Operation, variant: string): Promise<PipelineResult> {
    const error = edgeError(variant);
    if (error) return { outcome: fail(error), operation, violations: [] };
    const largest = variant === 'max-page' ? maxPageSize(operation, options.registry) : undefined;
    const asked = largest
      ? { ...request, query: [...request.query.filter(([name]) => name !== largest.param), [largest.param, String(largest.size)] as const] }
      : request;
    const result = await runPipeline(pipelineDeps, entry, asked, now);
    return result.outcome.ok ? { ...result, outcome: ok(edgeReply(variant, operation, result.outcome.value, options.registry)) } : result;
  }

  function record(
    api: string,
    request: PlainRequest,
    operation: string | null | undefined,
    response: PlainResponse,
    violations: PipelineResult['violations'],
    refusal?: ErrorKind,
  ) {
    journal.record({
      ...(refusal ? { refusal } : {}),
      at: nowIso(),
      api,
      operation: operation ?? null,
      method: request.method,
      path: `${request.base}${request.path}`,
      query: request.query,
      status: response.status,
      client: request.headers['x-mock-client'] ?? request.headers['user-agent'] ?? '',
      violations,
    });
  }
}

/** Checks an import's outline; the records themselves are taken as exported. */
function parseStateExport(state: unknown, packs: readonly ApiPack[]): Result<StateExport, string> {
  if (!isJsonObject(state as Json) || (state as JsonObject)['format'] !== 'workflow-mocks-state' || (state as JsonObject)['version'] !== 1) {
    return fail('not a workflow-mocks state export (format "workflow-mocks-state", version 1)');
  }
  const exported = state as unknown as StateExport;
  if (!isJsonObject(exported.spaces as unknown as Json)) return fail('spaces must be an object of space -> collections');
  for (const [space, dump] of Object.entries(exported.spaces)) {
    const api = space.slice(space.lastIndexOf(':') + 1);
    if (!packs.some((pack) => pack.id === api) || !isSessionName(space.slice(0, space.lastIndexOf(':')))) return fail(`unknown space ${space}`);
    for (const [collection, records] of Object.entries(dump)) {
      if (
        !Array.isArray(records) ||
        !records.every(
          (r) =>
            isJsonObject(r as unknown as Json) &&
            typeof r.id === 'string' &&
            typeof r.seq === 'number' &&
            typeof r.version === 'number' &&
            isJsonObject(r.data) &&
            isJsonObject(r.meta),
        )
      ) {
        return fail(`${space}/${collection} must be a list of {id, seq, version, data, meta}`);
      }
    }
  }
  return ok(exported);
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
