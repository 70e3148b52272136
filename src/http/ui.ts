import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { PROJECT_ROOT } from '../files/root.ts';

// Serves the QA console (`/__admin/ui`, behind the admin guard) from `src/ui/`: the page, its stylesheet and its
// TypeScript modules with the types stripped by esbuild on first request (then kept until the file changes), so
// there is no build step to run and nothing is fetched from the network. The console's modules import each other
// as `./name.ts`; the browser asks for exactly those paths.

const UI_DIR = `${join(PROJECT_ROOT, 'src', 'ui')}/`;
const MODULE = /^[a-z][a-z-]*\.ts$/;
const POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function consoleRouter(): Router {
  const router = express.Router();
  const compiled = new Map<string, { mtimeMs: number; code: string }>();

  const send = (res: express.Response, type: string, body: string) => {
    res.set({ 'content-type': type, 'content-security-policy': POLICY, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' }).send(body);
  };

  router.get('/', (_req, res) => send(res, 'text/html; charset=utf-8', readFileSync(`${UI_DIR}index.html`, 'utf8')));
  router.get('/styles.css', (_req, res) => send(res, 'text/css; charset=utf-8', readFileSync(`${UI_DIR}styles.css`, 'utf8')));
  router.get('/:module', async (req, res) => {
    const name = req.params['module'] ?? '';
    if (!MODULE.test(name) || name.endsWith('.test.ts')) return void res.status(404).json({ error: 'No such console file.' });
    const file = `${UI_DIR}${name}`;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return void res.status(404).json({ error: 'No such console file.' });
    }
    let entry = compiled.get(name);
    if (!entry || entry.mtimeMs !== mtimeMs) {
      // Loaded here, not at start: only the console needs esbuild, and loading it costs the server's start-up 50 ms.
      const { transformSync } = await import('esbuild');
      const { code } = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: name });
      entry = { mtimeMs, code };
      compiled.set(name, entry);
    }
    send(res, 'text/javascript; charset=utf-8', entry.code);
  });
  return router;
}
