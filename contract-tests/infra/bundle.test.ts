import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START, startServer, startScript, SERVER_NODE_FLAGS, type ServerProcess } from '../../src/harness/server-process.ts';
import { redisUnavailable, startRedis } from '../support/redis.ts';
import { ROOT } from './files.ts';

// `npm start` runs the server bundle in dist/ (scripts/start.mjs, built by scripts/build-server.ts) while every other
// test runs the sources through tsx: these tests hold the two together. The launcher builds when an input changed
// and not otherwise, and the bundle answers as the sources do, down to the packages it loads only when first used
// (XML for LongJump, multipart for NERM uploads, esbuild for the console).

const MANIFEST = `${ROOT}dist/server.json`;
const launch = (...args: string[]) => spawnSync(process.execPath, [START, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
const auth = { authorization: 'Bearer bundle' };
const WORKFLOWS = '/8x8/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows?limit=50';

describe('the npm start launcher', () => {
  it('builds the bundle when an input changed since the last build, and reuses it otherwise', () => {
    expect(launch('--help').status).toBe(0);
    // An input whose recorded time no longer matches, as after an edit (the file itself is left alone).
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { inputs: Record<string, [number, number]> };
    const [first] = Object.keys(manifest.inputs);
    manifest.inputs[first ?? ''] = [1, 1];
    writeFileSync(`${MANIFEST}.test.tmp`, JSON.stringify(manifest));
    renameSync(`${MANIFEST}.test.tmp`, MANIFEST);
    const rebuilt = launch('--help');
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stderr).toMatch(/server bundle built in \d+ ms/);
    expect(rebuilt.stdout).toContain('Usage: npm start -- [options]');
    // Without a change, the next start builds nothing (a few tries: other work in this checkout may edit sources).
    let reused = launch('--help');
    for (let tries = 1; tries < 3 && reused.stderr !== ''; tries++) reused = launch('--help');
    expect(reused.stderr).toBe('');
    expect(reused.stdout).toContain('Usage: npm start -- [options]');
  });
});

describe('the server bundle', () => {
  let bundle: ServerProcess;
  let sources: ServerProcess;

  beforeAll(async () => {
    bundle = await startScript(START, ['--port', '0', '--clock', 'manual'], { nodeOptions: SERVER_NODE_FLAGS, timeoutMs: 60_000 });
    sources = await startServer(['--clock', 'manual']);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([bundle?.stop(), sources?.stop()]);
  });

  it('answers byte for byte as the sources do', async () => {
    const [fromBundle, fromSources] = await Promise.all(
      [bundle, sources].map(async (server) => (await fetch(`${server.origin}${WORKFLOWS}`, { headers: auth })).text()),
    );
    expect(fromBundle?.length).toBeGreaterThan(1000);
    expect(fromBundle).toBe(fromSources);
  });

  it('reads and writes XML, takes a multipart upload and serves the console modules', async () => {
    const login = await fetch(`${bundle.origin}/longjump/networking/rest/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<platform><login><userName>jsmith</userName><password>demo</password></login></platform>',
    });
    expect(login.status).toBe(200);
    expect(await login.text()).toMatch(/^<\?xml[\s\S]*<sessionId>/);

    const listed = (await (await fetch(`${bundle.origin}/nerm/api/workflow_sessions?limit=1`, { headers: auth })).json()) as {
      workflow_sessions: { id: string }[];
    };
    const form = new FormData();
    form.append('file', new Blob(['a,b\r\n'], { type: 'text/csv' }), 'people.csv');
    const upload = await fetch(`${bundle.origin}/nerm/api/workflow_sessions/${listed.workflow_sessions[0]?.id}/upload/1246d8b3-ac29-4015-8154-dea4434a73fa`, {
      method: 'POST',
      headers: auth,
      body: form,
    });
    expect(upload.status, await upload.clone().text()).toBe(200);
    expect(((await upload.json()) as { url: string }).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

    const module = await fetch(`${bundle.origin}/__admin/ui/model.ts`);
    expect(module.status).toBe(200);
    expect(module.headers.get('content-type')).toContain('text/javascript');
    expect(await module.text()).toBe(await (await fetch(`${sources.origin}/__admin/ui/model.ts`)).text());
  });
});

const noRedis = redisUnavailable();
const USER = '33f072dd-13b4-41e1-8ea0-16f2a59b57c8';
describe.skipIf(noRedis !== undefined)('the server bundle with --redis', () => {
  if (noRedis) console.log(noRedis);

  it('loads the Redis backend (a chunk of its own, with ioredis left in node_modules) and keeps a new session in Redis', async () => {
    const redis = await startRedis();
    const server = await startScript(START, ['--port', '0', '--clock', 'manual', '--redis', redis.url], { nodeOptions: SERVER_NODE_FLAGS, timeoutMs: 60_000 });
    try {
      const created = await fetch(`${server.origin}/nerm/api/workflow_sessions`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ workflow_session: { workflow_id: USER, requester_id: USER, requester_type: 'User' } }),
      });
      expect(created.status).toBe(200);
      const { workflow_session } = (await created.json()) as { workflow_session: { id: string } };
      expect((await fetch(`${server.origin}/nerm/api/workflow_sessions/${workflow_session.id}`, { headers: auth })).status).toBe(200);
    } finally {
      await server.stop();
      await redis.stop();
    }
  }, 60_000);
});
