import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../src/harness/server-process.ts';
import { redisUnavailable, startChaosRedis, type ChaosRedis } from '../support/redis.ts';

// Redis stopped with kill -9 and started again while two replicas serve a bounded mixed load (issue 18): no replica
// exits, requests fail only with 503 in the vendor's envelope with Retry-After while Redis is away, both serve again
// within 2 s of its return, and every transition a client saw acknowledged is still there (append-only file, fsync
// on every write, as docker-compose.yml runs it). Then Redis comes back empty: one replica seeds again, both follow.

const skip = redisUnavailable();
if (skip) console.log(skip);

const DEFINITION = '/8x8/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows';
const AUTH = { authorization: 'Bearer chaos' };
const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  readonly at: number;
  readonly status: number;
  readonly retryAfter: string | null;
  readonly keys: string;
}

async function call(origin: string, path: string, init: RequestInit = {}): Promise<Answer & { body: unknown; location: string | null }> {
  const res = await fetch(`${origin}${path}`, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string> | undefined) } });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    body = text;
  }
  const keys = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body).sort().join(',') : typeof body;
  return { at: Date.now(), status: res.status, retryAfter: res.headers.get('retry-after'), keys, body, location: res.headers.get('location') };
}

describe.skipIf(skip)('two replicas while Redis is killed and restarted', () => {
  let dir: string;
  let redis: ChaosRedis;
  let a: ServerProcess;
  let b: ServerProcess;
  const cleanup: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wm-chaos-'));
    redis = await startChaosRedis(dir);
    [a, b] = await Promise.all([
      startServer(['--redis', redis.url, '--clock', 'manual', '--seed', '5', '--rate-limit', 'off']),
      startServer(['--redis', redis.url, '--clock', 'manual', '--seed', '5', '--rate-limit', 'off']),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await redis?.kill();
    for (const path of [dir, ...cleanup]) if (path) rmSync(path, { recursive: true, force: true });
  });

  it('answers only 503s in the vendor envelope during the outage, serves again within 2 s, and loses no acknowledged transition', async () => {
    const replicas = [a, b];
    // The vendor's error envelope, as a 404 shows it: a 503 must have the same fields.
    const notFound = await call(a.origin, `${DEFINITION}/00000000-0000-4000-8000-000000000000`);
    expect(notFound.status).toBe(404);

    // Per run, the states it may be in: a move answered 503 may still have happened (Redis died before its reply), an
    // acknowledged one must have.
    const acknowledged = new Map<string, string[]>();
    const answers: Answer[] = [];
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const origin = replicas[(w + i) % 2]?.origin ?? '';
        const created = await call(origin, DEFINITION, { method: 'POST' });
        answers.push(created);
        const id = created.status === 201 ? created.location?.split('/').at(-1) : undefined;
        if (id) acknowledged.set(id, ['Runnable', 'Running', 'Suspended']);
        const listed = await call(replicas[(w + i + 1) % 2]?.origin ?? '', `${DEFINITION}?limit=20`);
        answers.push(listed);
        if (!id) {
          await sleep(20);
          continue;
        }
        const moved = await call(replicas[(w + i + 1) % 2]?.origin ?? '', `${DEFINITION}/${id}`, {
          method: 'PATCH',
          headers: JSON_AUTH,
          body: JSON.stringify({ status: 'suspend' }),
        });
        answers.push(moved);
        if (moved.status === 200) acknowledged.set(id, ['Suspended']);
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(worker));

    await sleep(1_000);
    const killedAt = Date.now();
    await redis.kill();
    await sleep(700);
    const health = await call(a.origin, '/__admin/health');
    await sleep(800);
    await redis.start();
    const backAt = Date.now();
    await sleep(3_000);
    stop = true;
    await load;

    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
    expect(health.status).toBe(503);
    expect(JSON.stringify(health.body)).toMatch(/redis/);

    const failures = answers.filter((answer) => answer.status >= 300);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.status).toBe(503);
      expect(failure.retryAfter).toBe('1');
      expect(failure.keys).toBe(notFound.keys);
      // Only while Redis was away (a request sent just before the kill may fail just after it).
      expect(failure.at).toBeGreaterThanOrEqual(killedAt);
      expect(failure.at).toBeLessThan(backAt + 2_000);
    }
    expect(answers.filter((answer) => answer.at < killedAt).every((answer) => answer.status < 300)).toBe(true);
    expect(answers.filter((answer) => answer.at > backAt + 2_000).length).toBeGreaterThan(10);

    expect(acknowledged.size).toBeGreaterThan(10);
    expect([...acknowledged.values()].filter((states) => states.length === 1).length).toBeGreaterThan(10);
    for (const [id, states] of acknowledged) {
      for (const replica of replicas) {
        const run = await call(replica.origin, `${DEFINITION}/${id}`);
        expect({ id, status: run.status }).toEqual({ id, status: 200 });
        expect(states).toContain((run.body as { status?: string }).status);
      }
    }
  }, 60_000);

  it('seeds again on one replica when Redis comes back empty, and the other follows', async () => {
    const before = await call(a.origin, `${DEFINITION}?limit=50`);
    await redis.kill();
    // Same port, an empty data directory: the server starts from nothing.
    const empty = mkdtempSync(join(tmpdir(), 'wm-chaos-empty-'));
    await redis.start(empty);
    cleanup.push(empty);
    const deadline = Date.now() + 2_000;
    let fromA = await call(a.origin, `${DEFINITION}?limit=50`);
    while (fromA.status !== 200 && Date.now() < deadline) {
      await sleep(100);
      fromA = await call(a.origin, `${DEFINITION}?limit=50`);
    }
    const fromB = await call(b.origin, `${DEFINITION}?limit=50`);
    expect(fromA.status).toBe(200);
    expect(fromB.body).toEqual(fromA.body);
    // Seeded runs only: what the first test created is gone with the data.
    expect((fromA.body as unknown[]).length).toBeGreaterThan(0);
    expect(fromA.body).not.toEqual(before.body);
  }, 30_000);
});

describe.skipIf(skip)('a replica started while Redis is down', () => {
  let dir: string;
  let redis: ChaosRedis;
  let replica: ServerProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wm-chaos-late-'));
    redis = await startChaosRedis(dir);
    await redis.kill();
    replica = await startServer(['--redis', redis.url, '--clock', 'manual', '--seed', '5', '--rate-limit', 'off']);
  }, 60_000);
  afterAll(async () => {
    await replica?.kill();
    await redis?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts anyway, answers 503 in the vendor envelope, and serves within 2 s of Redis starting', async () => {
    const waiting = await call(replica.origin, `${DEFINITION}?limit=5`);
    expect(waiting.status).toBe(503);
    expect(waiting.retryAfter).toBe('1');
    const health = await call(replica.origin, '/__admin/health');
    expect(health.status).toBe(503);
    expect(JSON.stringify(health.body)).toMatch(/redis store connection/);
    await redis.start();
    const started = Date.now();
    let answer = await call(replica.origin, `${DEFINITION}?limit=5`);
    while (answer.status !== 200 && Date.now() - started < 2_000) {
      await sleep(100);
      answer = await call(replica.origin, `${DEFINITION}?limit=5`);
    }
    expect(answer.status).toBe(200);
    expect((answer.body as unknown[]).length).toBe(5);
    expect((await call(replica.origin, '/__admin/health')).status).toBe(200);
    expect(replica.child.exitCode).toBeNull();
  }, 30_000);
});
