import type { Clock } from '../core/clock.ts';
import { fillTemplate, mockError, type ErrorKind, type MockError } from '../core/errors.ts';
import type { Json } from '../core/json.ts';
import { replaceQuery, type PlainRequest, type PlainResponse } from '../core/request.ts';
import { fail, ok } from '../core/result.ts';
import { createIdSource, type IdSource } from '../generation/ids.ts';
import { deriveSeed } from '../generation/seeded-faker.ts';
import { decodeCursor, digest, encodeCursor } from '../pagination/cursor.ts';
import type { PageContext } from '../pagination/dialects.ts';
import { compileRoutes, matchRoute, type RouteTable } from '../routing/match.ts';
import { negotiateMedia } from '../serialization/media.ts';
import type { RateLimiter } from '../rate-limit/limiter.ts';
import { matchesAll, type Condition, type SortKey } from '../store/query.ts';
import type { SeedData, Store } from '../store/store.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import { runAction, type ActionEnv } from './actions.ts';
import { authenticate } from './auth.ts';
import { engineMessage, renderError } from './errors.ts';
import { readInput } from './input.ts';
import type { ApiPack, Operation, OperationInput, Outcome, Reply } from './pack.ts';
import { checkResponse, type ResponseViolation } from './response-check.ts';
import { buildSeed } from './seeding.ts';

export interface EngineOptions {
  readonly packs: readonly ApiPack[];
  readonly store: Store;
  readonly registry: SchemaRegistry;
  readonly clock: Clock;
  /** Seed for generated data and runtime ids. */
  readonly seed: number;
  /** Generated records per pack, when the user overrides the packs' defaults. */
  readonly records?: number;
  /** Signs page cursors; replicas sharing state must share it. */
  readonly cursorSecret: string;
  /** When true a response that breaks its schema becomes a 500 naming the violation (tests); otherwise it is reported. */
  readonly strictResponses: boolean;
  readonly onViolation?: (violation: ResponseViolation) => void;
  /** Counts requests for packs that declare a rate limit; without one, no limits apply. */
  readonly rateLimiter?: RateLimiter;
}

export interface Engine {
  readonly packs: readonly ApiPack[];
  handle(packId: string, request: PlainRequest): Promise<PlainResponse>;
  /** An error raised before the engine saw the request (oversized body...), in the pack's envelope and words. */
  errorResponse(packId: string, request: PlainRequest, kind: ErrorKind): PlainResponse;
  /** The seeded data of a pack (computed once). */
  seedData(packId: string): SeedData;
  /** Generates and stores every pack's seeded data now, so no request pays for it. */
  ready(): Promise<void>;
  /** Puts one API (or all) back to its seeded state; cursors issued before stop working. */
  reset(packId?: string): Promise<void>;
}

interface CompiledPack {
  readonly pack: ApiPack;
  readonly routes: RouteTable<Operation>;
}

const SPACE_COLLECTION = '__space';

export function createEngine(options: EngineOptions): Engine {
  const compiled = new Map(options.packs.map((pack) => [pack.id, compilePack(pack, options.registry)]));
  const ids: IdSource = createIdSource(deriveSeed(options.seed, 'runtime'));
  const seeded = new Map<string, Promise<void>>();
  const seedData = (pack: ApiPack): SeedData => cachedSeed(pack, options.registry, options.seed, options.records);
  const defaultSpace = (pack: ApiPack) => `default:${pack.id}`;

  const ensureSeeded = (pack: ApiPack, space: string): Promise<void> => {
    let ready = seeded.get(space);
    if (!ready) {
      const epoch = { id: 'epoch', data: { epoch: ids.hex(12) } };
      ready = options.store.seed(space, { ...seedData(pack), [SPACE_COLLECTION]: [epoch] }).then(() => undefined);
      seeded.set(space, ready);
      ready.catch(() => seeded.delete(space));
    }
    return ready;
  };

  const pageContextFor = (space: string, request: PlainRequest, pack: ApiPack, input: OperationInput) =>
    async (where: readonly Condition[], orderBy: readonly SortKey[]): Promise<PageContext> => {
      const epochRecord = await options.store.get(space, SPACE_COLLECTION, 'epoch');
      const epoch = String(epochRecord?.data['epoch'] ?? '');
      const query = digest({ where, orderBy } as unknown as Json);
      return {
        query: input.query,
        link: (replace) => `${request.base}${request.path}?${replaceQuery(request.query, replace, pack.queryAliases)}`,
        cursor: {
          encode: (position) => encodeCursor({ position, query, epoch }, options.cursorSecret),
          decode(token) {
            const decoded = decodeCursor(token, options.cursorSecret);
            if (!decoded.ok) return fail(mockError('invalidRequest', 'The next_token is not a token this server issued.'));
            if (decoded.value.epoch !== epoch) return fail(mockError('invalidRequest', 'The next_token has expired: the data was reset since it was issued.'));
            if (decoded.value.query !== query) return fail(mockError('invalidRequest', 'The next_token belongs to a query with different filters.'));
            return ok(decoded.value.position);
          },
        },
      };
    };

  const overRateLimit = async (pack: ApiPack, request: PlainRequest): Promise<MockError | undefined> => {
    if (!pack.rateLimit || !options.rateLimiter) return undefined;
    const rule = pack.rateLimit;
    const decision = await options.rateLimiter.take(`${pack.id}:${rule.key(request.headers)}`, rule, options.clock.now());
    if (decision.allowed) return undefined;
    return mockError('rateLimited', rule.message, { headers: { 'retry-after': String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))) } });
  };

  const run = async (entry: CompiledPack, request: PlainRequest, now: string): Promise<{ outcome: Outcome<Reply>; operation?: Operation }> => {
    const { pack } = entry;
    const route = matchRoute(entry.routes, request.method, request.path);
    if (route.kind === 'notFound') {
      return { outcome: fail(mockError('routeNotFound', engineMessage(pack.errors, 'routeNotFound'))) };
    }
    if (route.kind === 'methodNotAllowed') {
      const message = fillTemplate(engineMessage(pack.errors, 'methodNotAllowed'), { method: request.method });
      return { outcome: fail(mockError('methodNotAllowed', message, { headers: { allow: route.allow.join(', ') } })) };
    }
    const operation = route.payload;
    const limited = await overRateLimit(pack, request);
    if (limited) return { outcome: fail(limited), operation };
    const space = defaultSpace(pack);
    await ensureSeeded(pack, space);
    const lookup = (collection: string, id: string) => options.store.get(space, collection, id);
    const caller = operation.public ? ok({ credential: '' }) : await authenticate(pack.auth, request.headers, lookup);
    if (!caller.ok) return { outcome: caller, operation };
    const read = readInput(pack, operation, request, route.params, caller.value, { registry: options.registry });
    if (!read.ok) return { outcome: read, operation };
    const refused = operation.public ? undefined : pack.guard?.(read.value);
    if (refused) return { outcome: fail(refused), operation };
    let input = read.value;
    for (const parent of operation.requires ?? []) {
      const record = await options.store.get(space, parent.collection, parent.id(input));
      const visible = record && matchesAll(record, parent.scope?.(input) ?? []) ? record : undefined;
      if (!visible) return { outcome: fail(parent.notFound(input)), operation };
      input = { ...input, parents: { ...input.parents, [parent.name]: visible } };
    }
    const env: ActionEnv = { store: options.store, space, ctx: { now, ids }, pageContext: pageContextFor(space, request, pack, input) };
    return { outcome: await runAction(operation.action, input, env), operation };
  };

  return {
    packs: options.packs,
    async ready() {
      await Promise.all(options.packs.map((pack) => ensureSeeded(pack, defaultSpace(pack))));
    },
    async reset(packId) {
      for (const pack of options.packs.filter((p) => packId === undefined || p.id === packId)) {
        const space = defaultSpace(pack);
        seeded.delete(space);
        await options.store.drop(space);
        await ensureSeeded(pack, space);
      }
    },
    seedData(packId) {
      const entry = compiled.get(packId);
      if (!entry) throw new Error(`No pack ${packId}`);
      return seedData(entry.pack);
    },
    errorResponse(packId, request, kind) {
      const entry = compiled.get(packId);
      if (!entry) throw new Error(`No pack ${packId}`);
      const error = mockError(kind, engineMessage(entry.pack.errors, kind));
      return finish(entry.pack, request, undefined, fail(error), new Date(options.clock.now()).toISOString());
    },
    async handle(packId, request) {
      const entry = compiled.get(packId);
      if (!entry) throw new Error(`No pack ${packId}`);
      const now = new Date(options.clock.now()).toISOString();
      let result: { outcome: Outcome<Reply>; operation?: Operation };
      try {
        result = await run(entry, request, now);
      } catch (error) {
        // A bug in the mock: answer as the vendor answers its own internal errors and say so loudly.
        options.onViolation?.({ kind: 'exception', api: packId, operation: undefined, status: 500, detail: String(error instanceof Error ? error.stack : error) });
        result = { outcome: fail(mockError('internal', engineMessage(entry.pack.errors, 'internal'))) };
      }
      return finish(entry.pack, request, result.operation, result.outcome, now);
    },
  };

  function finish(pack: ApiPack, request: PlainRequest, operation: Operation | undefined, outcome: Outcome<Reply>, now: string): PlainResponse {
    const media = responseMedia(pack, request);
    let reply: Reply;
    if (outcome.ok) {
      reply = outcome.value;
    } else {
      const rendered = renderError(pack.errors, outcome.error, { errorId: ids.uuid(), timestamp: now });
      reply = { status: rendered.status, body: rendered.body, headers: outcome.error.headers ?? {} };
    }
    const violation = checkResponse(options.registry, pack, operation, reply);
    if (violation) {
      options.onViolation?.(violation);
      if (options.strictResponses) {
        return { status: 500, headers: {}, payload: { mockViolation: violation as unknown as Json }, media: 'json' };
      }
    }
    return { status: reply.status, headers: reply.headers ?? {}, ...(reply.body === undefined ? {} : { payload: reply.body }), media };
  }
}

/** The response format: the pack's format parameter (`?alt=json`) when given, else `Accept` negotiation. */
function responseMedia(pack: ApiPack, request: PlainRequest): 'json' | 'xml' {
  const parameter = pack.media.formatParameter;
  const asked = parameter ? request.query.find(([name]) => name === parameter)?.[1]?.toLowerCase() : undefined;
  if ((asked === 'json' || asked === 'xml') && pack.media.produces.includes(asked)) return asked;
  return negotiateMedia(request.headers['accept'], pack.media.produces);
}

const seedCache = new Map<string, SeedData>();

/** Seeded data is a pure function of pack, seed and size, so engines in one process share it. */
function cachedSeed(pack: ApiPack, registry: SchemaRegistry, seed: number, records: number | undefined): SeedData {
  const key = `${pack.id}:${seed}:${records ?? ''}`;
  let data = seedCache.get(key);
  if (!data) {
    data = buildSeed(pack, registry, seed, records);
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
