import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Engine } from '../engine/engine.ts';
import { coverageOf, formatCoverage } from '../journal/coverage.ts';
import type { JournalFilter } from '../journal/journal.ts';

/**
 * The control API under /__admin. It answers only callers on loopback unless an admin token is configured, and then
 * only callers presenting it (`Authorization: Bearer <token>` or `X-Admin-Token`); a wrong token changes nothing.
 */
export interface AdminDeps {
  readonly engine: Engine;
  readonly adminToken?: string | undefined;
}

export function adminRouter(deps: AdminDeps): Router {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', apis: deps.engine.packs.map((pack) => pack.id) });
  });
  router.use(guard(deps.adminToken));

  router.get('/requests', (req, res) => {
    res.json({ requests: deps.engine.journal.entries(filterOf(req)) });
  });
  router.get('/violations', (req, res) => {
    const violations = deps.engine.journal.entries(filterOf(req)).flatMap((entry) =>
      entry.violations.map((violation) => ({ seq: entry.seq, at: entry.at, api: entry.api, operation: entry.operation, method: entry.method, path: entry.path, client: entry.client, status: entry.status, ...violation })));
    res.json({ violations });
  });
  router.get('/coverage', (req, res) => {
    const api = param(req, 'api');
    const packs = deps.engine.packs.filter((pack) => api === undefined || pack.id === api);
    const coverage = coverageOf(packs, deps.engine.registry, deps.engine.journal.entries(filterOf(req)));
    if (param(req, 'format') === 'text') res.type('text/plain').send(`${formatCoverage(coverage)}\n`);
    else res.json({ coverage });
  });
  router.get('/profile', (_req, res) => {
    res.json({ profile: deps.engine.profile() });
  });
  router.put('/profile', (req, res) => {
    const profile = (req.body as { profile?: unknown } | undefined)?.profile;
    if (profile !== 'normal' && profile !== 'edge') {
      res.status(400).json({ error: 'profile must be "normal" or "edge"' });
      return;
    }
    deps.engine.setProfile(profile);
    res.json({ profile });
  });
  router.post('/reset', async (req, res) => {
    const api = param(req, 'api');
    if (api !== undefined && !deps.engine.packs.some((pack) => pack.id === api)) {
      res.status(404).json({ error: `No API ${api}` });
      return;
    }
    await deps.engine.reset(api);
    deps.engine.journal.clear(api);
    res.json({ reset: api === undefined ? deps.engine.packs.map((pack) => pack.id) : [api] });
  });
  return router;
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

/** Exported for tests: loopback-only without a token, token-only with one. */
export function guard(adminToken: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (adminToken === undefined) {
      if (LOOPBACK.has(req.socket.remoteAddress ?? '')) return next();
      res.status(403).json({ error: 'The admin API answers only on loopback; start the server with --admin-token to open it.' });
      return;
    }
    const header = req.headers['authorization'];
    const given = req.headers['x-admin-token'] ?? (typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined);
    if (given === adminToken) return next();
    res.status(401).json({ error: 'A valid admin token is required (Authorization: Bearer <token> or X-Admin-Token).' });
  };
}
