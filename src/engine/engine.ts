import { inRequest } from '../store/request-scope.ts';
import { isUnavailable } from '../store/unavailable.ts';
import { mockError, type ErrorKind } from '../core/errors.ts';
import type { PlainRequest, PlainResponse } from '../core/request.ts';
import { fail, ok } from '../core/result.ts';
import { isoAt } from '../core/time.ts';
import { createIdSource } from '../generation/ids.ts';
import type { Exchange } from '../journal/journal.ts';
import { deriveSeed } from '../generation/seeded-faker.ts';
import { createMemoryRateLimiter } from '../rate-limit/limiter.ts';
import type { RouteMatch } from '../routing/match.ts';
import { createAdministration, type EngineAdmin } from './administration.ts';
import { edgeError, edgeReply, edgeVariants, maxPageSize } from './edge.ts';
import { engineMessage, kindForStatus } from './errors.ts';
import type { ApiPack, Operation } from './pack.ts';
import { operationOf, routeOf, runPipeline, type CompiledPack, type PipelineDeps, type PipelineResult } from './pipeline.ts';
import { respond, type RespondDeps } from './respond.ts';
import { DEFAULT_SESSION, SESSION_HEADER } from './spaces.ts';
import { createRuntime, type EngineOptions, type EngineRuntime } from './runtime.ts';

export type { EngineAdmin } from './administration.ts';
export type { EngineOptions, Profile } from './runtime.ts';
export type { StateExport } from './state-export.ts';

/**
 * The request path: what the HTTP edge needs to serve an API. Everything else (resets, state, fixtures, settings,
 * the journal) is the administration's (`EngineAdmin`).
 */
export interface Engine {
  readonly packs: readonly ApiPack[];
  handle(packId: string, request: PlainRequest): Promise<PlainResponse>;
  /** An error raised before the engine saw the request (oversized body...), in the pack's envelope and words. */
  errorResponse(packId: string, request: PlainRequest, kind: ErrorKind): PlainResponse;
}

/** One mock: its request path and its administration, over the same state. */
export function createEngine(options: EngineOptions): { engine: Engine; admin: EngineAdmin } {
  const runtime = createRuntime(options);
  return { engine: createRequestPath(runtime), admin: createAdministration(runtime) };
}

function createRequestPath(runtime: EngineRuntime): Engine {
  const { options, ids, journal, faults, settings } = runtime;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const faultRandom = createIdSource(deriveSeed(options.seed, 'faults'));
  const pipelineDeps: PipelineDeps = {
    store: options.store,
    registry: options.registry,
    ids,
    spaces: runtime.spaces,
    cursorSecret: options.cursorSecret,
    rateLimiter: options.rateLimiter ?? createMemoryRateLimiter(),
    lifecycle: runtime.lifecycle,
    rateLimitRule: (pack) => {
      const setting = settings.rates.get(pack.id);
      return pack.rateLimit && setting?.enabled
        ? { ...pack.rateLimit, perSecond: setting.perSecond, capacity: Math.max(1, Math.round(setting.perSecond)) }
        : undefined;
    },
  };
  const respondDeps: RespondDeps = { registry: options.registry, ids, strictResponses: options.strictResponses, onViolation: options.onViolation };

  /** The edge case this request gets, when the profile or its headers ask for one. */
  const edgeVariant = (entry: CompiledPack, request: PlainRequest, operation: Operation | undefined): string | undefined => {
    const asked = request.headers['x-mock-edge'];
    if (!operation || (!asked && request.headers['x-mock-profile'] !== 'edge' && settings.profile !== 'edge')) return undefined;
    const variants = edgeVariants(operation);
    if (asked && variants.includes(asked)) return asked;
    const key = `${request.headers['x-mock-client'] ?? request.headers['user-agent'] ?? ''}|${entry.pack.id}|${operation.id}`;
    const turn = settings.edgeTurns.get(key) ?? 0;
    settings.edgeTurns.set(key, turn + 1);
    return variants[turn % variants.length] ?? 'sparse';
  };

  /** One request under the edge-case profile: a simulated error, or the operation's reply rewritten into the variant. */
  const runEdge = async (
    entry: CompiledPack,
    request: PlainRequest,
    route: RouteMatch<Operation>,
    operation: Operation,
    variant: string,
    now: string,
  ): Promise<PipelineResult> => {
    const error = edgeError(variant);
    if (error) return { outcome: fail(error), operation, violations: [] };
    const largest = variant === 'max-page' ? maxPageSize(operation, options.registry) : undefined;
    // Only the query changes, so the route still holds.
    const asked = largest
      ? { ...request, query: [...request.query.filter(([name]) => name !== largest.param), [largest.param, String(largest.size)] as const] }
      : request;
    const result = await runPipeline(pipelineDeps, entry, asked, route, now);
    return result.outcome.ok ? { ...result, outcome: ok(edgeReply(variant, operation, result.outcome.value, options.registry)) } : result;
  };

  const record = (
    api: string,
    request: PlainRequest,
    operation: Operation | undefined,
    response: PlainResponse,
    violations: PipelineResult['violations'],
    refusal?: ErrorKind,
  ) => {
    journal.record({
      ...(refusal ? { refusal } : {}),
      at: isoAt(options.clock.now()),
      api,
      operation: operation?.id ?? null,
      method: request.method,
      path: `${request.base}${request.path}`,
      query: request.query,
      status: response.status,
      client: request.headers['x-mock-client'] ?? request.headers['user-agent'] ?? '',
      violations,
      ...(request.headers['x-mock-client'] === undefined ? {} : { exchange: exchangeOf(request, response) }),
    });
  };

  return {
    packs: options.packs,
    errorResponse(packId, request, kind) {
      const { pack } = runtime.entry(packId);
      const error = mockError(kind, engineMessage(pack.errors, kind));
      const response = respond(respondDeps, pack, request, undefined, fail(error), runtime.now(pack));
      record(packId, request, undefined, response, [{ location: 'body', field: '', rule: kind, message: error.message }], kind);
      return response;
    },
    async handle(packId, request) {
      const entry = runtime.entry(packId);
      const { pack } = entry;
      // Routed once: faults, the edge profile and the pipeline all read this match.
      const route = routeOf(entry, request);
      const operation = operationOf(route);
      const fault = faults.decide({ api: packId, operation: operation?.id, path: request.path }, () => faultRandom.next());
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.action.kind === 'drop') {
        record(packId, request, operation, { status: 0, headers: {}, media: 'json' }, []);
        return { status: 0, headers: {}, media: 'json', drop: true };
      }
      const now = runtime.now(pack);
      /** A status the request did not earn (an injected fault, an outage), in the pack's envelope and words. */
      const forced = (status: number, note: string, retryAfterSeconds?: number): PlainResponse => {
        const kind = kindForStatus(pack.errors, status);
        const retry = retryAfterSeconds ?? (kind === 'rateLimited' ? 1 : undefined);
        const error = mockError(kind, `${engineMessage(pack.errors, kind)}${note}`, {
          status,
          ...(retry === undefined ? {} : { headers: { 'retry-after': String(retry) } }),
        });
        const response = respond(respondDeps, pack, request, operation, fail(error), now);
        record(packId, request, operation, response, [], kind);
        return response;
      };
      if (fault.action.kind === 'error') return forced(fault.action.status, ' (injected fault)');
      const variant = edgeVariant(entry, request, operation);
      let result: PipelineResult;
      try {
        result = await inRequest(() =>
          variant && operation ? runEdge(entry, request, route, operation, variant, now) : runPipeline(pipelineDeps, entry, request, route, now),
        );
      } catch (error) {
        // An outage of the shared store (Redis): 503 with Retry-After, as the vendor during its own; not a mock bug.
        if (isUnavailable(error)) return forced(503, '', error.retryAfterSeconds);
        // A bug in the mock: answer as the vendor answers its own internal errors and say so loudly.
        options.onViolation?.({
          kind: 'exception',
          api: packId,
          operation: undefined,
          status: 500,
          detail: String(error instanceof Error ? error.stack : error),
        });
        result = { outcome: fail(mockError('internal', engineMessage(pack.errors, 'internal'))), violations: [] };
      }
      const response = respond(respondDeps, pack, request, result.operation, result.outcome, now);
      record(packId, request, result.operation, response, result.violations, result.outcome.ok ? undefined : result.outcome.error.kind);
      return variant ? { ...response, headers: { ...response.headers, 'x-mock-edge': variant } } : response;
    },
  };
}

/** What a pact export needs of one request by a named client (`src/pact/export.ts`). */
function exchangeOf(request: PlainRequest, response: PlainResponse): Exchange {
  return {
    session: request.headers[SESSION_HEADER] ?? DEFAULT_SESSION,
    requestHeaders: request.headers,
    ...(request.body && request.body.length > 0 ? { requestBody: new TextDecoder().decode(request.body) } : {}),
    responseHeaders: response.headers,
    ...(response.payload === undefined ? {} : { responseBody: response.payload }),
  };
}
