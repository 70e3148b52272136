import { execFileSync, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEARER, CALLS, type Served, serve } from '../package/outside.ts';

// The image the Dockerfile builds, really built (scripts/build-image.sh: buildah, vfs storage, chroot isolation) and
// really run: its root filesystem starts the image's own command, `npm start`, as its user `node`, on this machine's
// network, bound to loopback (the test's traffic stays on loopback; compose binds 0.0.0.0 inside its bridge network).
// Skipped when no image was built, unless REQUIRE_IMAGE is set (.ci/run sets it after building one).

const IMAGE = process.env['IMAGE'] ?? 'workflow-mocks:local';
const buildah = (...args: string[]) => execFileSync('buildah', ['--storage-driver', 'vfs', ...args], { encoding: 'utf8' }).trim();
const built = spawnSync('buildah', ['--storage-driver', 'vfs', 'inspect', '--type', 'image', IMAGE], { encoding: 'utf8' }).status === 0;
const skipReason = built ? undefined : `no image ${IMAGE} in buildah's vfs storage: run bash scripts/build-image.sh`;
if (skipReason && process.env['REQUIRE_IMAGE']) throw new Error(`REQUIRE_IMAGE is set but ${skipReason}`);
if (skipReason) console.log(`skipping the container image tests: ${skipReason}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe.skipIf(skipReason !== undefined)('the container image', () => {
  let container = '';
  let server: Served | undefined;

  beforeAll(async () => {
    container = buildah('from', '--pull=never', IMAGE);
    expect(buildah('inspect', '--format', '{{.OCIv1.Config.User}} {{.OCIv1.Config.Cmd}}', IMAGE)).toBe('node [npm start]');
    const port = await freePort();
    // ADMIN_TOKEN=random, as docker-compose.yml sets it.
    const env = ['HOST=127.0.0.1', `PORT=${port}`, 'ADMIN_TOKEN=random'].flatMap((pair) => ['--env', pair]);
    server = await serve('buildah', ['--storage-driver', 'vfs', 'run', '--isolation', 'chroot', ...env, container, '--', 'npm', 'start'], process.cwd());
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (container) buildah('rm', container);
  });

  it('answers 200 for every API, from the bundle built into the image', async () => {
    const statuses = await Promise.all(
      Object.entries(CALLS).map(async ([api, call]) => [api, (await fetch(`${server?.origin}/${api}${call.path}`, call.init)).status] as const),
    );
    expect(Object.fromEntries(statuses)).toEqual(Object.fromEntries(Object.keys(CALLS).map((api) => [api, 200])));
    expect(server?.output()).not.toMatch(/sources through tsx|bundle built/);
  });

  it('prints the console URL with a token drawn at start, and opens the control API to that token only', async () => {
    const token = /\/__admin\/ui\?token=([\w-]+)/.exec(server?.output() ?? '')?.[1] ?? '';
    expect(token).toMatch(/^[\w-]{24}$/);
    const faults = `${server?.origin}/__admin/faults`;
    expect((await fetch(faults)).status).toBe(401);
    expect((await fetch(faults, { headers: BEARER })).status).toBe(401);
    expect((await fetch(faults, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const opened = await fetch(`${server?.origin}/__admin/ui?token=${token}`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    const cookie = opened.headers.get('set-cookie')?.split(';')[0] ?? '';
    const page = await fetch(`${server?.origin}/__admin/ui`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });
});
