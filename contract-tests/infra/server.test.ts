import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS, START, startServer } from '../../src/harness/server-process.ts';
import { ROOT } from './files.ts';

const running: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

describe('the server process', () => {
  it('prints where each API is mounted and logs one line per request', async () => {
    const server = await startServer([]);
    running.push(server.child);
    expect(server.output()).toContain(`${server.origin}/8x8`);
    const res = await fetch(`${server.origin}/8x8/api/v1/accounts/test_account_id/definitions?limit=1`, { headers: { authorization: 'Bearer x' } });
    expect(res.status).toBe(200);
    // Log lines are flushed in batches at least every 100 ms.
    const logged = () =>
      server
        .output()
        .split('\n')
        .find((l) => l.includes('/8x8/api/v1/accounts/test_account_id/definitions') && l.includes('"status":200'));
    for (let waited = 0; !logged() && waited < 2000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    const line = logged();
    expect(line).toBeDefined();
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      method: 'GET',
      path: '/8x8/api/v1/accounts/test_account_id/definitions',
      status: 200,
      ms: expect.any(Number),
    });
  });

  it('serves one API at the root with --api', async () => {
    const server = await startServer(['--api', '8x8']);
    running.push(server.child);
    const res = await fetch(`${server.origin}/api/v1/accounts/test_account_id/definitions?limit=1`, { headers: { authorization: 'Bearer x' } });
    expect(res.status).toBe(200);
    expect((await fetch(`${server.origin}/8x8/api/v1/accounts/test_account_id/definitions`, { headers: { authorization: 'Bearer x' } })).status).toBe(404);
  });

  it('gives byte-identical responses for the same --seed in separate processes', async () => {
    const path = '/8x8/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows?limit=500';
    const bodies: string[] = [];
    for (const seed of ['5', '5', '6']) {
      const server = await startServer(['--seed', seed]);
      running.push(server.child);
      bodies.push(await (await fetch(server.origin + path, { headers: { authorization: 'Bearer x' } })).text());
      server.child.kill('SIGKILL');
    }
    expect(bodies[0]).toBe(bodies[1]);
    expect(bodies[0]).not.toBe(bodies[2]);
  });

  it('exits cleanly on SIGTERM', async () => {
    const server = await startServer([]);
    const code = await new Promise<number | null>((resolve) => {
      server.child.once('exit', (exitCode) => resolve(exitCode));
      server.child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });

  it('refuses bad flags with usage and exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--api', 'nope'], { cwd: ROOT });
    let output = '';
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(output).toMatch(/--api must be one of: 8x8/);
  });
});

describe('the lifecycle checker command', () => {
  it('flags an illegal move in a logged run and exits 1, and passes a clean one', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { spawnSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-'));
    const run = (status: string, completedAt: string | null) => ({
      workflowId: 'w',
      status,
      startedAt: '2026-01-01T00:00:00Z',
      completedAt,
      data: { triggeredAt: '2026-01-01T00:00:00Z' },
    });
    writeFileSync(join(dir, 'bad.json'), JSON.stringify([run('Runnable', null), run('Terminated', '2026-01-01T00:01:00Z'), run('Runnable', null)]));
    writeFileSync(join(dir, 'good.json'), JSON.stringify([run('Runnable', null), run('Suspended', null), run('Terminated', '2026-01-01T00:01:00Z')]));
    const cli = (file: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-lifecycle.ts', '8x8', join(dir, file)], { cwd: ROOT, encoding: 'utf8' });
    const bad = cli('bad.json');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("#2 illegalMove: 'Terminated' cannot become 'Runnable'");
    const good = cli('good.json');
    expect(good.stdout).toContain('lifecycle: 3 observations, 0 findings');
    expect(good.status).toBe(0);
  });
});

describe('the server process with a manual clock, faults and fixtures from files', () => {
  it('starts frozen at the reference date, injects the faults, loads the fixtures and moves only when told', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'server-'));
    writeFileSync(join(dir, 'faults.json'), JSON.stringify([{ api: 'nerm', forceStatus: { status: 500, count: 1 } }]));
    const workflow = {
      workflowId: 'fedcbafedcbafedcbafedcba',
      data: { accountId: 'test_account_id', triggeredAt: '2026-10-31T00:00:00Z' },
      definitionId: '5870442f-3ddd-4657-b74c-6e17308f5230',
      version: 1,
      status: 'Runnable',
      startedAt: '2026-10-31T00:00:00Z',
      completedAt: null,
    };
    writeFileSync(join(dir, 'fixtures.json'), JSON.stringify([{ api: '8x8', collections: { workflows: [{ id: workflow.workflowId, data: workflow }] } }]));
    const server = await startServer([
      '--clock',
      'manual',
      '--faults',
      join(dir, 'faults.json'),
      '--fixtures',
      join(dir, 'fixtures.json'),
      '--admin-token',
      'tok',
    ]);
    running.push(server.child);
    expect(server.output()).toContain('manual clock at 2026-11-01T00:00:00.000Z');
    const auth = { authorization: 'Bearer x' };
    expect((await fetch(`${server.origin}/nerm/api/workflow_sessions?limit=1`, { headers: auth })).status).toBe(500);
    expect((await fetch(`${server.origin}/nerm/api/workflow_sessions?limit=1`, { headers: auth })).status).toBe(200);
    const fixture = `${server.origin}/8x8/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows/${workflow.workflowId}`;
    expect(((await (await fetch(fixture, { headers: auth })).json()) as { status: string }).status).toBe('Runnable');
    const clock = (headers: Record<string, string>) =>
      fetch(`${server.origin}/__admin/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ advanceMs: 3_600_000 }),
      });
    expect((await clock({})).status).toBe(401);
    expect(((await (await fetch(fixture, { headers: auth })).json()) as { status: string }).status).toBe('Runnable');
    const moved = (await (await clock({ 'x-admin-token': 'tok' })).json()) as { now: string; moves: number };
    expect(moved.now).toBe('2026-11-01T01:00:00.000Z');
    expect(moved.moves).toBeGreaterThan(0);
    expect(['Complete', 'Terminated']).toContain(((await (await fetch(fixture, { headers: auth })).json()) as { status: string }).status);
  });
});

describe('the start script', () => {
  it('runs the server bundle through its launcher with the Node flags the harness and the benchmark use', async () => {
    const { readFile } = await import('node:fs/promises');
    const scripts = (JSON.parse(await readFile(`${ROOT}/package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start']).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} ${START}`);
  });
});
