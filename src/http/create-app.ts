import express, { type NextFunction, type Request, type Response } from 'express';
import type { ErrorKind } from '../core/errors.ts';
import type { PlainResponse } from '../core/request.ts';
import type { ControlledClock } from '../core/clock.ts';
import type { Json } from '../core/json.ts';
import type { Engine, EngineAdmin } from '../engine/engine.ts';
import type { ApiPack } from '../engine/pack.ts';
import { CONTENT_TYPE } from '../serialization/media.ts';
import { createJsonWriter } from '../serialization/json-text.ts';
import { renderXml } from '../serialization/serialize.ts';
import { toPlainRequest } from './plain-request.ts';
import type { RequestLogEntry } from './request-log.ts';
import { adminRouter } from './admin.ts';

export type Mount = { readonly kind: 'all' } | { readonly kind: 'root'; readonly api: string };

export interface AppDeps {
  /** Serves the APIs. */
  readonly engine: Engine;
  /** Serves the control API under /__admin. */
  readonly admin: EngineAdmin;
  /** Every API under `/{id}`, or one API at the root so a client's base URL needs no prefix. */
  readonly mount?: Mount;
  /** Told of every request once its response is sent. */
  readonly logRequest?: (entry: RequestLogEntry) => void;
  /** Largest accepted request body. */
  readonly bodyLimitBytes?: number;
  /** Opens the control API beyond loopback to callers presenting this token. */
  readonly adminToken?: string;
  /** Whether the backend's dependencies answer (Redis); /__admin/health answers 503 naming the cause when not. */
  readonly health?: () => { readonly ok: boolean; readonly cause?: string };
  /** The clock the control API may move (POST /__admin/clock). */
  readonly clock?: ControlledClock;
  /** Serves each API's OpenAPI document at `/{api}/openapi.json` (`/openapi.json` when one API is at the root). */
  readonly openApi?: (pack: ApiPack) => Json;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Builds the express app around an engine; listening is main's job. */
export function createApp(deps: AppDeps): express.Express {
  const mount = deps.mount ?? { kind: 'all' };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', false);

  if (deps.logRequest) app.use(requestLog(deps.logRequest));
  app.use('/__admin', adminRouter({ admin: deps.admin, clock: deps.clock, adminToken: deps.adminToken, health: deps.health }));
  // The server's own documents, looked up by exact path: one layer, not one express route each.
  const documents = new Map<string, () => Json>();
  if (mount.kind === 'all') documents.set('/', () => ({ apis: mountList(deps.engine, mount) }));
  if (deps.openApi) {
    const describe = deps.openApi;
    for (const pack of deps.engine.packs.filter((p) => mount.kind === 'all' || p.id === mount.api)) {
      documents.set(mount.kind === 'all' ? `/${pack.id}/openapi.json` : '/openapi.json', () => describe(pack));
    }
  }
  app.use((req, res, next) => {
    const document = req.method === 'GET' || req.method === 'HEAD' ? documents.get(req.path) : undefined;
    if (document) res.json(document());
    else next();
  });
  const readBody = express.raw({ type: () => true, limit: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT });
  // A request that declares an empty body (some load tools send `content-length: 0` on GET) skips the body stream.
  app.use((req, res, next) => (declaresEmptyBody(req) ? next() : readBody(req, res, next)));

  app.use(async (req: Request, res: Response) => {
    const target = resolveMount(deps.engine, mount, req.path);
    if (!target) {
      res.status(404).json({ message: `No API is mounted at ${req.path}.`, apis: mountList(deps.engine, mount) });
      return;
    }
    const response = await deps.engine.handle(target.api, toPlainRequest(req, target.base, target.path));
    writeResponse(res, response);
  });

  // Errors raised before the engine ran (body too large, bad encoding) still get the vendor's envelope.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const target = resolveMount(deps.engine, mount, req.path);
    const kind = bodyProblem(error);
    if (!target) {
      res.status(kind === 'payloadTooLarge' ? 413 : 400).json({ message: `Request rejected: ${kind}.` });
      return;
    }
    writeResponse(res, deps.engine.errorResponse(target.api, toPlainRequest(req, target.base, target.path), kind));
  });
  return app;
}

function declaresEmptyBody(req: Request): boolean {
  return req.headers['transfer-encoding'] === undefined && (req.headers['content-length'] ?? '0') === '0';
}

function resolveMount(engine: Engine, mount: Mount, path: string): { api: string; base: string; path: string } | undefined {
  if (mount.kind === 'root') return { api: mount.api, base: '', path };
  if (path === '/') return undefined;
  const [, first = '', ...rest] = path.split('/');
  if (!engine.packs.some((pack) => pack.id === first)) return undefined;
  return { api: first, base: `/${first}`, path: `/${rest.join('/')}` };
}

function mountList(engine: Engine, mount: Mount) {
  return engine.packs
    .filter((pack) => mount.kind === 'all' || pack.id === mount.api)
    .map((pack) => ({ id: pack.id, title: pack.title, base: mount.kind === 'all' ? `/${pack.id}` : '/', vendor: pack.vendorBaseUrl }));
}

const writeJson = createJsonWriter();

function writeResponse(res: Response, response: PlainResponse): void {
  if (response.drop) {
    res.socket?.destroy();
    return;
  }
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (response.raw) {
    res.setHeader('content-type', response.raw.contentType);
    res.end(Buffer.from(response.raw.bytes.buffer, response.raw.bytes.byteOffset, response.raw.bytes.byteLength));
    return;
  }
  if (response.payload === undefined) {
    res.end();
    return;
  }
  res.setHeader('content-type', CONTENT_TYPE[response.media]);
  res.end(response.media === 'json' ? writeJson(response.payload) : renderXml(response.payload));
}

/** body-parser's error types (https://github.com/expressjs/body-parser#errors) as engine error kinds. */
function bodyProblem(error: unknown): ErrorKind {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  if (type === 'entity.too.large') return 'payloadTooLarge';
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return 'unsupportedMediaType';
  return 'malformedBody';
}

function requestLog(log: (entry: RequestLogEntry) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const url = req.originalUrl;
      const query = url.indexOf('?');
      log({ method: req.method, path: query === -1 ? url : url.slice(0, query), status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    });
    next();
  };
}
