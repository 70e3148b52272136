import { fillTemplate, mockError, type MockError } from '../core/errors.ts';
import type { PlainRequest } from '../core/request.ts';
import { fail, ok } from '../core/result.ts';
import type { IdSource } from '../generation/ids.ts';
import type { RequestViolation } from '../journal/journal.ts';
import type { RateLimiter } from '../rate-limit/limiter.ts';
import { matchRoute, type RouteMatch, type RouteTable } from '../routing/match.ts';
import { matchesAll } from '../store/query.ts';
import type { Store } from '../store/store.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import { runAction } from './actions.ts';
import { authenticate } from './auth.ts';
import { engineMessage } from './errors.ts';
import { readInput } from './input.ts';
import type { ApiPack, Operation, Outcome, RateLimitRule, Reply } from './pack.ts';
import { pageContext } from './page-context.ts';
import { DEFAULT_SESSION, isSessionName, type Spaces, SESSION_HEADER } from './spaces.ts';
import type { LifecycleRunner } from '../lifecycle/runner.ts';

export interface PipelineDeps {
  readonly store: Store;
  readonly registry: SchemaRegistry;
  readonly ids: IdSource;
  readonly spaces: Spaces;
  readonly cursorSecret: string;
  readonly rateLimiter: RateLimiter;
  /** The rate limit in force for a pack now (settable at runtime), or undefined when off. */
  readonly rateLimitRule: (pack: ApiPack) => RateLimitRule | undefined;
  readonly lifecycle: LifecycleRunner;
}

export interface CompiledPack {
  readonly pack: ApiPack;
  readonly routes: RouteTable<Operation>;
}

export interface PipelineResult {
  readonly outcome: Outcome<Reply>;
  readonly operation?: Operation;
  readonly violations: readonly RequestViolation[];
}

/** A request matched against its pack's routes: done once per request, and the match handed to every step that needs it. */
export function routeOf(entry: CompiledPack, request: PlainRequest): RouteMatch<Operation> {
  return matchRoute(entry.routes, request.method, request.path);
}

/** The operation a route match names, if it matched one. */
export function operationOf(route: RouteMatch<Operation>): Operation | undefined {
  return route.kind === 'match' ? route.payload : undefined;
}

/**
 * A request's way through an API, from its route match: rate limit, auth, input, parents, action. Every refusal is a
 * value. `now` is the clock's time as the pack writes times.
 */
export async function runPipeline(
  deps: PipelineDeps,
  entry: CompiledPack,
  request: PlainRequest,
  route: RouteMatch<Operation>,
  now: string,
): Promise<PipelineResult> {
  const { pack } = entry;
  if (route.kind === 'notFound') {
    const message = engineMessage(pack.errors, 'routeNotFound');
    return {
      outcome: fail(mockError('routeNotFound', message)),
      violations: [{ location: 'route', field: '', rule: 'unknownRoute', message: `${request.method} ${request.path} is not an operation of ${pack.id}` }],
    };
  }
  if (route.kind === 'methodNotAllowed') {
    const message = fillTemplate(engineMessage(pack.errors, 'methodNotAllowed'), { method: request.method });
    const violation: RequestViolation = {
      location: 'route',
      field: '',
      rule: 'methodNotAllowed',
      message: `${request.method} is not allowed here; allowed: ${route.allow.join(', ')}`,
    };
    return { outcome: fail(mockError('methodNotAllowed', message, { headers: { allow: route.allow.join(', ') } })), violations: [violation] };
  }
  const operation = route.payload;
  const refuse = (error: MockError, violations: readonly RequestViolation[] = []): PipelineResult => ({ outcome: fail(error), operation, violations });

  const limited = await overRateLimit(deps, pack, request);
  if (limited) return refuse(limited);
  // A link that must work without headers (a download URL) names its session in its path.
  const session = (operation.sessionParam ? route.params[operation.sessionParam] : undefined) ?? request.headers[SESSION_HEADER] ?? DEFAULT_SESSION;
  if (!isSessionName(session)) {
    const message = "X-Mock-Session must be 1 to 64 letters, digits, '.', '_' or '-'.";
    return refuse(mockError('invalidRequest', message), [{ location: 'header', field: SESSION_HEADER, rule: 'pattern', message }]);
  }
  const space = deps.spaces.spaceFor(pack, session);
  await deps.spaces.ensure(pack, space);
  const caller = operation.public
    ? ok({ credential: '' })
    : await authenticate(pack.auth, request.headers, (collection, id) => deps.store.get(space, collection, id));
  if (!caller.ok) return refuse(caller.error, [{ location: 'header', field: 'authorization', rule: 'auth', message: caller.error.message }]);
  const read = await readInput(pack, operation, request, route.params, caller.value, session, { registry: deps.registry });
  if (!read.input.ok) return refuse(read.input.error, read.violations);
  const refused = operation.public ? undefined : pack.guard?.(read.input.value);
  if (refused) return refuse(refused, [...read.violations, { location: 'header', field: '', rule: 'guard', message: refused.message }]);

  let input = read.input.value;
  for (const parent of operation.requires ?? []) {
    const record = await deps.store.get(space, parent.collection, parent.id(input));
    const visible = record && matchesAll(record, parent.scope?.(input) ?? []) ? record : undefined;
    if (!visible) return refuse(parent.notFound(input), read.violations);
    input = { ...input, parents: { ...input.parents, [parent.name]: visible } };
  }
  const epoch = await deps.spaces.epoch(space);
  const outcome = await runAction(operation.action, input, {
    store: deps.store,
    space,
    ctx: { now, ids: deps.ids },
    pageContext: async (where, orderBy) => pageContext(pack, request, input, where, orderBy, epoch, deps.cursorSecret),
    afterWrite: (collection, id, record) => deps.lifecycle.afterWrite(space, pack, collection, id, record, Date.parse(now)),
  });
  return { outcome, operation, violations: read.violations };
}

async function overRateLimit(deps: PipelineDeps, pack: ApiPack, request: PlainRequest): Promise<MockError | undefined> {
  const rule = deps.rateLimitRule(pack);
  if (!rule) return undefined;
  // Wall time, not the mock clock: a rate limit is about bursts of real requests, and a frozen test clock would never refill.
  // A new rate starts a new bucket, so a rate changed at runtime takes effect at once.
  const decision = await deps.rateLimiter.take(`${pack.id}:${rule.perSecond}:${rule.key(request.headers)}`, rule, Date.now());
  if (decision.allowed) return undefined;
  return mockError('rateLimited', rule.message, { headers: { 'retry-after': String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))) } });
}
