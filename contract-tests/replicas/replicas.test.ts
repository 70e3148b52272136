import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUnavailable, startRedis, type TestRedis } from '../support/redis.ts';
import { startServer, type ServerProcess } from '../../src/harness/server-process.ts';

const skip = redisUnavailable();
if (skip) console.log(skip);

const DEFINITION = '/8x8/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows';
const AUTH = { authorization: 'Bearer t' };
const AMPERITY = { ...AUTH, 'amperity-tenant': 'replicas', 'api-version': '2024-04-01', 'content-type': 'application/json' };

describe.skipIf(skip)('two replicas sharing one Redis', () => {
  let redis: TestRedis;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    redis = await startRedis();
    // Same seed: the replicas agree on the generated data and on the secret that signs cursors.
    [a, b] = await Promise.all([
      startServer(['--redis', redis.url, '--clock', 'manual', '--seed', '3']),
      startServer(['--redis', redis.url, '--clock', 'manual', '--seed', '3']),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await redis?.stop();
  });

  const replica = (i: number) => (i % 2 === 0 ? a : b);

  it('lists on one replica a run created on the other', async () => {
    const created = await fetch(`${a.origin}${DEFINITION}`, { method: 'POST', headers: AUTH });
    const id = (created.headers.get('location') ?? '').split('/').at(-1);
    const listed = (await (await fetch(`${b.origin}${DEFINITION}?limit=5`, { headers: AUTH })).json()) as { workflowId: string }[];
    expect(listed[0]?.workflowId).toBe(id);
  });

  it('gives exactly one winner to 200 concurrent transitions on the same runs, split across replicas', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${replica(i).origin}${DEFINITION}`, { method: 'POST', headers: AUTH });
      ids.push((res.headers.get('location') ?? '').split('/').at(-1) ?? '');
    }
    const attempts = Array.from({ length: 200 }, (_, i) =>
      fetch(`${replica(i).origin}${DEFINITION}/${ids[i % 20]}`, {
        method: 'PATCH',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'terminate' }),
      }).then(async (res) => ({ id: ids[i % 20], status: res.status, body: res.status === 200 ? undefined : ((await res.json()) as { code: number }) })),
    );
    const results = await Promise.all(attempts);
    for (const id of ids) {
      const mine = results.filter((r) => r.id === id);
      expect(mine.filter((r) => r.status === 200)).toHaveLength(1);
      expect(mine.filter((r) => r.status === 400).every((r) => r.body?.code === 1000)).toBe(true);
    }
    for (const id of ids) {
      const workflow = (await (await fetch(`${replica(1).origin}${DEFINITION}/${id}`, { headers: AUTH })).json()) as { status: string };
      expect(workflow.status).toBe('Terminated');
    }
  });

  it('loses no update when concurrent writes on both replicas change one record', async () => {
    const base = '/nerm/api/workflow_sessions';
    const created = (await (
      await fetch(`${a.origin}${base}`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({
          workflow_session: {
            workflow_id: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e',
            requester_id: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e',
            requester_type: 'User',
          },
        }),
      })
    ).json()) as { workflow_session: { id: string } };
    const id = created.workflow_session.id;
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(`${replica(i).origin}${base}/${id}`, {
          method: 'PATCH',
          headers: { ...AUTH, 'content-type': 'application/json' },
          body: JSON.stringify({ workflow_session: { attributes: { [`field_${i}`]: String(i) } } }),
        }).then((res) => res.status),
      ),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    const final = (await (await fetch(`${b.origin}${base}/${id}`, { headers: AUTH })).json()) as { workflow_session: { attributes: Record<string, string> } };
    // Every write was acknowledged (200), and every acknowledged write is in the record.
    expect(Object.keys(final.workflow_session.attributes).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `field_${i}`).sort());
  });

  it('follows a next_token cursor alternating replicas, completely and without duplicates', async () => {
    const base = '/amperity/api/workflow/runs';
    // This test is about cursors, not budgets: lift the rate on both replicas for it.
    const rate = (perSecond: number) =>
      Promise.all(
        [a, b].map((server) =>
          fetch(`${server.origin}/__admin/rate-limits`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ api: 'amperity', enabled: true, perSecond }),
          }),
        ),
      );
    await rate(10_000);
    for (let i = 0; i < 30; i++)
      await fetch(`${replica(i).origin}${base}`, { method: 'POST', headers: AMPERITY, body: JSON.stringify({ config_id: 'cfg-stitch-refresh' }) });
    const total = ((await (await fetch(`${a.origin}${base}?limit=1&with_total=true`, { headers: AMPERITY })).json()) as { total: number }).total;
    const seen: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await fetch(`${replica(page).origin}${base}?limit=4${token ? `&next_token=${encodeURIComponent(token)}` : ''}`, { headers: AMPERITY });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { id: string }[]; next_token?: string };
      seen.push(...body.data.map((run) => run.id));
      token = body.next_token;
      if (!token) break;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    await rate(10);
  });

  it('follows NERM _metadata links issued by one replica on the other', async () => {
    const first = (await (await fetch(`${a.origin}/nerm/api/workflow_sessions?limit=5&metadata=true`, { headers: AUTH })).json()) as {
      _metadata: { next: string };
    };
    const next = await fetch(`${b.origin}${first._metadata.next}`, { headers: AUTH });
    expect(next.status).toBe(200);
    expect(((await next.json()) as { _metadata: { offset: number } })._metadata.offset).toBe(5);
  });

  it("shares the rate limit: one tenant's budget across both replicas", async () => {
    const headers = { ...AMPERITY, 'amperity-tenant': 'shared-budget' };
    const statuses = await Promise.all(
      Array.from({ length: 16 }, (_, i) => fetch(`${replica(i).origin}/amperity/api/workflow/runs?limit=1`, { headers }).then((res) => res.status)),
    );
    // Separate buckets would allow 10 on each replica (all 16); one shared bucket allows about 10.
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(12);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
  });

  it('shares sessions and their reset', async () => {
    const session = { ...AUTH, 'x-mock-session': 'qa-shared' };
    const created = await fetch(`${a.origin}${DEFINITION}`, { method: 'POST', headers: session });
    const id = (created.headers.get('location') ?? '').split('/').at(-1);
    expect((await fetch(`${b.origin}${DEFINITION}/${id}`, { headers: session })).status).toBe(200);
    expect((await fetch(`${b.origin}${DEFINITION}/${id}`, { headers: AUTH })).status).toBe(404);
    await fetch(`${a.origin}/__admin/reset?api=8x8&session=qa-shared`, { method: 'POST' });
    expect((await fetch(`${b.origin}${DEFINITION}/${id}`, { headers: session })).status).toBe(404);
  });

  it('shares the lifecycle clock: moving it on one replica moves runs seen on the other', async () => {
    const created = await fetch(`${b.origin}${DEFINITION}`, { method: 'POST', headers: AUTH });
    const id = (created.headers.get('location') ?? '').split('/').at(-1);
    const before = (await (await fetch(`${b.origin}/__admin/clock`)).json()) as { now: string };
    const moved = (await (
      await fetch(`${a.origin}/__admin/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceMs: 600_000 }),
      })
    ).json()) as { now: string };
    expect(Date.parse(moved.now) - Date.parse(before.now)).toBe(600_000);
    const onB = (await (await fetch(`${b.origin}/__admin/clock`)).json()) as { now: string };
    expect(onB.now).toBe(moved.now);
    const workflow = (await (await fetch(`${b.origin}${DEFINITION}/${id}`, { headers: AUTH })).json()) as { status: string };
    expect(['Complete', 'Terminated']).toContain(workflow.status);
  });

  it('adds up moves made on both replicas at once instead of losing one', async () => {
    const clockAt = async (origin: string) => Date.parse(((await (await fetch(`${origin}/__admin/clock`)).json()) as { now: string }).now);
    const before = await clockAt(a.origin);
    const advance = (origin: string) =>
      fetch(`${origin}/__admin/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 1000 }) });
    await Promise.all([advance(a.origin), advance(b.origin), advance(a.origin), advance(b.origin)]);
    expect(await clockAt(a.origin)).toBe(before + 4000);
    expect(await clockAt(b.origin)).toBe(before + 4000);
  });
});
