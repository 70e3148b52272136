import { isUnavailable } from '../store/unavailable.ts';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { ControlledClock } from '../core/clock.ts';
import type { EngineAdmin } from '../engine/engine.ts';
import { DEFAULT_SESSION, isSessionName, SESSION_HEADER } from '../engine/spaces.ts';
import type { FaultRule } from '../faults/faults.ts';
import { parse as parseCookies } from 'cookie';
import { describeConsole } from '../console/describe.ts';
import { countStates } from '../console/states.ts';
import { coverageOf, formatCoverage } from '../journal/coverage.ts';
import type { JournalFilter } from '../journal/journal.ts';
import { consoleRouter } from './ui.ts';
import { isJsonObject } from '../core/json.ts';
import { exportPact } from '../pact/export.ts';
import { setUpState } from '../pact/setup.ts';

// The control API under /__admin. It answers only callers on loopback unless an admin token is configured, and then
// only callers presenting it (`Authorization: Bearer <token>` or `X-Admin-Token`); a wrong token changes nothing.

export interface AdminDeps {
  readonly admin: EngineAdmin;
  readonly clock?: ControlledClock | undefined;
  readonly adminToken?: string | undefined;
  readonly health?: (() => { readonly ok: boolean; readonly cause?: string }) | undefined;
}

const FAULT_RULES = 'https://workflow-mocks.local/schemas/admin/faults.json#/$defs/Rules';
const FAULT_RULE = 'https://workflow-mocks.local/schemas/admin/faults.json#/$defs/Rule';

export function adminRouter(deps: AdminDeps): Router {
  const { admin } = deps;
  const router = express.Router();
  router.get('/health', (_req, res) => {
    const health = deps.health?.() ?? { ok: true };
    const apis = admin.packs.map((pack) => pack.id);
    if (!health.ok) return void res.status(503).set('retry-after', '1').json({ status: 'unavailable', cause: health.cause, apis });
    res.json({ status: 'ok', apis });
  });
  router.use(guard(deps.adminToken));
  router.use('/ui', consoleRouter());
  // After the guard: nobody unauthorised gets as far as having a body parsed.
  router.use(express.json({ limit: '50mb' }));

  router.get('/requests', (req, res) => {
    // A named client's whole exchanges are kept for pact exports (`/pact`), not listed here.
    res.json({ requests: admin.journal.entries(filterOf(req)).map(({ exchange: _exchange, ...entry }) => entry) });
  });
  router.get('/violations', (req, res) => {
    const violations = admin.journal.entries(filterOf(req)).flatMap((entry) =>
      entry.violations.map((violation) => ({
        seq: entry.seq,
        at: entry.at,
        api: entry.api,
        operation: entry.operation,
        method: entry.method,
        path: entry.path,
        client: entry.client,
        status: entry.status,
        ...violation,
      })),
    );
    res.json({ violations });
  });
  router.get('/coverage', (req, res) => {
    const api = param(req, 'api');
    const coverage = coverageOf(
      admin.packs.filter((pack) => api === undefined || pack.id === api),
      admin.registry,
      admin.journal.entries(filterOf(req)),
    );
    if (param(req, 'format') === 'text') res.type('text/plain').send(`${formatCoverage(coverage)}\n`);
    else res.json({ coverage });
  });

  router.post('/reset', async (req, res) => {
    const api = param(req, 'api');
    const session = param(req, 'session');
    if (api !== undefined && !admin.packs.some((pack) => pack.id === api)) return void res.status(404).json({ error: `No API ${api}` });
    if (session !== undefined && !isSessionName(session)) return void res.status(400).json({ error: `Invalid session name ${session}` });
    if (session === undefined) await admin.reset(api);
    else await admin.resetSession(session, api);
    admin.journal.clear(api);
    res.json({ reset: api === undefined ? admin.packs.map((pack) => pack.id) : [api], session: session ?? 'all' });
  });

  router.get('/clock', async (_req, res) => {
    await deps.clock?.sync?.();
    res.json(clockState(deps.clock));
  });
  router.post('/clock', async (req, res) => {
    const clock = deps.clock;
    if (!clock) return void res.status(409).json({ error: 'This server was started without a controllable clock.' });
    const body = req.body as { advanceMs?: unknown; set?: unknown; pause?: unknown; resume?: unknown } | undefined;
    await clock.sync?.();
    if (body?.pause === true || body?.resume === true) {
      const toggle = body.pause === true ? clock.pause : clock.resume;
      if (!toggle) return void res.status(409).json({ error: 'This clock is shared with other replicas and cannot be paused.', ...clockState(clock) });
      toggle.call(clock);
      return void res.json({ ...clockState(clock), moves: 0 });
    }
    if (typeof body?.advanceMs === 'number' && Number.isFinite(body.advanceMs) && body.advanceMs >= 0) clock.advance(body.advanceMs);
    else if (typeof body?.set === 'string' && !Number.isNaN(Date.parse(body.set))) {
      if (Date.parse(body.set) < clock.now()) return void res.status(409).json({ error: 'The clock only moves forward.', ...clockState(clock) });
      clock.set(Date.parse(body.set));
    } else return void res.status(400).json({ error: 'Send {"advanceMs": N} with N >= 0, {"set": "<ISO 8601>"}, {"pause": true} or {"resume": true}.' });
    await clock.flush?.();
    const moves = await admin.tick();
    res.json({ ...clockState(clock), moves });
  });

  router.get('/state', async (_req, res) => {
    res.json(await admin.exportState());
  });
  router.put('/state', async (req, res) => {
    const imported = await admin.importState(req.body);
    if (!imported.ok) return void res.status(400).json({ error: imported.error });
    res.json({ imported: imported.value });
  });
  router.post('/fixtures', async (req, res) => {
    const body = req.body as { api?: unknown; session?: unknown; collections?: unknown } | undefined;
    const session = typeof body?.session === 'string' ? body.session : DEFAULT_SESSION;
    if (typeof body?.api !== 'string' || !isSessionName(session))
      return void res.status(400).json({ error: 'Send {"api": ID, "session"?: NAME, "collections": {name: [{id, data, meta?}]}}.' });
    const loaded = await admin.loadFixtures(body.api, body.collections, session);
    if (!loaded.ok) return void res.status(400).json({ errors: loaded.error });
    res.json({ loaded: loaded.value });
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: admin.faults.list(), rateLimits: admin.rateLimits() });
  });
  router.put('/faults', (req, res) => {
    const issues = admin.registry.check(FAULT_RULES, req.body);
    if (issues.length > 0) return void res.status(400).json({ errors: issues.map((i) => `${i.pointer || '/'} ${i.message}`) });
    admin.faults.set(req.body as FaultRule[]);
    res.json({ faults: admin.faults.list() });
  });
  router.post('/faults', (req, res) => {
    const issues = admin.registry.check(FAULT_RULE, req.body);
    if (issues.length > 0) return void res.status(400).json({ errors: issues.map((i) => `${i.pointer || '/'} ${i.message}`) });
    admin.faults.add(req.body as FaultRule);
    res.json({ faults: admin.faults.list() });
  });
  router.delete('/faults', (_req, res) => {
    admin.faults.clear();
    res.json({ faults: [] });
  });
  router.put('/rate-limits', (req, res) => {
    const body = req.body as { api?: unknown; enabled?: unknown; perSecond?: unknown } | undefined;
    const limits = admin.rateLimits();
    if (
      typeof body?.api !== 'string' ||
      !limits[body.api] ||
      typeof body.enabled !== 'boolean' ||
      (body.perSecond !== undefined && (typeof body.perSecond !== 'number' || body.perSecond <= 0))
    ) {
      return void res.status(400).json({
        error: `Send {"api": one of ${Object.keys(limits)
          .filter((api) => limits[api])
          .join(', ')}, "enabled": boolean, "perSecond"?: number}.`,
      });
    }
    admin.setRateLimit(body.api, { enabled: body.enabled, ...(typeof body.perSecond === 'number' ? { perSecond: body.perSecond } : {}) });
    res.json({ rateLimits: admin.rateLimits() });
  });
  let described: unknown;
  router.get('/console', (_req, res) => {
    described ??= describeConsole(admin.packs, admin.registry, (pack) => admin.seedData(pack.id));
    res.json(described);
  });
  router.get('/records', async (req, res) => {
    const [api, collection, session, ids] = [param(req, 'api'), param(req, 'collection'), param(req, 'session'), param(req, 'ids')];
    const number = (name: string, fallback: number, max: number) => Math.min(max, Math.max(0, Number.parseInt(param(req, name) ?? '', 10) || fallback));
    if (api === undefined || collection === undefined) return void res.status(400).json({ error: 'Send api and collection (and ids=a,b or offset/limit).' });
    if (session !== undefined && !isSessionName(session)) return void res.status(400).json({ error: `Invalid session name ${session}` });
    const found = await admin.records(api, collection, {
      ...(session === undefined ? {} : { session }),
      ...(ids === undefined
        ? { offset: number('offset', 0, Number.MAX_SAFE_INTEGER), limit: number('limit', 50, 500) }
        : { ids: ids.split(',').slice(0, 500) }),
    });
    if (!found) return void res.status(404).json({ error: `No API ${api}` });
    res.json(found);
  });
  router.get('/states', async (req, res) => {
    const [api, session] = [param(req, 'api'), param(req, 'session')];
    const pack = admin.packs.find((candidate) => candidate.id === api);
    if (!pack) return void res.status(404).json({ error: `No API ${api ?? ''}` });
    if (session !== undefined && !isSessionName(session)) return void res.status(400).json({ error: `Invalid session name ${session}` });
    const counts = await countStates(
      pack,
      (collection, page) => admin.records(pack.id, collection, { ...page, ...(session === undefined ? {} : { session }) }),
      (collection, field) => admin.countBy(pack.id, collection, field, session),
    );
    if (!counts) return void res.status(404).json({ error: `${pack.id} declares no state machine` });
    res.json({ api: pack.id, ...counts });
  });
  // Pact's provider-state setup call ({consumer, state, params, action}), in the session of X-Mock-Session (or ?session=).
  router.post('/provider-states', async (req, res) => {
    const body = req.body as { state?: unknown; params?: unknown; action?: unknown } | undefined;
    const session = param(req, 'session') ?? req.headers[SESSION_HEADER]?.toString() ?? DEFAULT_SESSION;
    const api = param(req, 'api');
    // A verifier calls for interactions without a state too (no state, or an empty one): nothing to set up.
    if (body?.state === undefined || body.state === '') return void res.json({});
    if (typeof body.state !== 'string') return void res.status(400).json({ error: 'Send {"state": NAME, "params"?: {...}, "action"?: "setup" | "teardown"}.' });
    if (!isSessionName(session)) return void res.status(400).json({ error: `Invalid session name ${session}` });
    const packs = admin.packs.filter((pack) => api === undefined || pack.id === api);
    const params = isJsonObject(body.params) ? body.params : {};
    const action = typeof body.action === 'string' ? body.action : 'setup';
    const done = await setUpState(admin, packs, { state: body.state, params, action }, session);
    if (!done.ok) return void res.status(400).json({ error: done.error });
    res.json(done.value);
  });
  router.get('/pact', (req, res) => {
    const exported = exportPact(admin.packs, admin.journal.entries(filterOf(req)), {
      client: param(req, 'client'),
      consumer: param(req, 'consumer'),
      provider: param(req, 'provider'),
      spec: param(req, 'spec'),
      api: param(req, 'api'),
    });
    if (!exported.ok) return void res.status(400).json({ error: exported.error });
    res.json(exported.value);
  });
  router.get('/profile', (_req, res) => {
    res.json({ profile: admin.profile() });
  });
  router.put('/profile', (req, res) => {
    const profile = (req.body as { profile?: unknown } | undefined)?.profile;
    if (profile !== 'normal' && profile !== 'edge') return void res.status(400).json({ error: 'profile must be "normal" or "edge"' });
    admin.setProfile(profile);
    res.json({ profile });
  });
  // Malformed JSON in an admin body is the caller's mistake, not a server error.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (isUnavailable(error)) return void res.status(503).set('retry-after', String(error.retryAfterSeconds)).json({ error: error.message });
    if (typeof error === 'object' && error !== null && 'type' in error) return void res.status(400).json({ error: 'The request body is not valid JSON.' });
    next(error);
  });
  return router;
}

function clockState(clock: ControlledClock | undefined) {
  const now = clock?.now() ?? Date.now();
  return { now: new Date(now).toISOString(), mode: clock?.mode ?? 'real', paused: clock?.stopped() ?? false, pausable: clock?.pause !== undefined };
}

/** The app turns express's query parser off (the engine reads raw pairs), so the admin routes read their own. */
function param(req: Request, name: string): string | undefined {
  const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
  return new URLSearchParams(search).get(name) ?? undefined;
}

function filterOf(req: Request): JournalFilter {
  const [api, client, since] = [param(req, 'api'), param(req, 'client'), param(req, 'since')];
  return {
    ...(api === undefined ? {} : { api }),
    ...(client === undefined ? {} : { client }),
    ...(since !== undefined && /^\d+$/.test(since) ? { since: Number(since) } : {}),
  };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** The console's cookie: a browser cannot send the token as a header when it opens a page. */
export const TOKEN_COOKIE = 'wm_admin_token';

/**
 * Exported for tests: loopback-only without a token, token-only with one. The token comes as `Authorization: Bearer`,
 * `X-Admin-Token`, or the console's cookie; opening `/__admin/ui?token=<token>` once sets that cookie (HttpOnly,
 * SameSite=Strict, so another site cannot make the browser use it).
 */
export function guard(adminToken: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (adminToken === undefined) {
      if (LOOPBACK.has(req.socket.remoteAddress ?? '')) return next();
      res.status(403).json({ error: 'The admin API answers only on loopback; start the server with --admin-token to open it.' });
      return;
    }
    const header = req.headers['authorization'];
    const cookies = parseCookies(req.headers['cookie'] ?? '');
    const given =
      req.headers['x-admin-token'] ?? (typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined) ?? cookies[TOKEN_COOKIE];
    if (given === adminToken) return next();
    if (req.method === 'GET' && req.path === '/ui' && param(req, 'token') === adminToken) {
      res.cookie(TOKEN_COOKIE, adminToken, { httpOnly: true, sameSite: 'strict', path: '/__admin' });
      return void res.redirect(303, `${req.baseUrl}/ui`);
    }
    res.status(401).json({ error: 'A valid admin token is required (Authorization: Bearer <token>, X-Admin-Token, or open /__admin/ui?token=<token>).' });
  };
}
