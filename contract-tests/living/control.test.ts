import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { httpCall, pageTexts } from '../support/driver-http.ts';
import { declaredPacks, withPart } from '../support/pack-testing.ts';

const WORKFLOWS = '/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows';
const AUTH = { authorization: 'Bearer t' };
const servers: MockServer[] = [];
const listed = withPart(await declaredPacks(), 'model', 'state export and import (list responses)');
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});
async function server(options: Parameters<typeof startMockServer>[0] = {}): Promise<MockServer> {
  const mock = await startMockServer({ clock: 'manual', rateLimits: false, ...options });
  servers.push(mock);
  return mock;
}
const admin = (mock: MockServer, path: string, init: RequestInit = {}) =>
  fetch(`${mock.origin}/__admin${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });

describe('sessions', () => {
  it('give each X-Mock-Session its own copy of the state, under interleaved requests', async () => {
    const mock = await server();
    const list = async (session?: string) =>
      (await (await fetch(`${mock.url('8x8')}${WORKFLOWS}?limit=500`, { headers: { ...AUTH, ...(session ? { 'x-mock-session': session } : {}) } })).json()) as {
        workflowId: string;
      }[];
    const start = (session: string) => fetch(`${mock.url('8x8')}${WORKFLOWS}`, { method: 'POST', headers: { ...AUTH, 'x-mock-session': session } });
    const baseline = await list();
    const created = await Promise.all(Array.from({ length: 10 }, (_, i) => start(i % 2 === 0 ? 'job-a' : 'job-b')));
    expect(created.every((res) => res.status === 201)).toBe(true);
    const [a, b, shared] = await Promise.all([list('job-a'), list('job-b'), list()]);
    expect(a.length).toBe(baseline.length + 5);
    expect(b.length).toBe(baseline.length + 5);
    expect(shared).toEqual(baseline);
    const onlyA = a.slice(0, 5).map((w) => w.workflowId);
    expect(b.map((w) => w.workflowId).filter((id) => onlyA.includes(id))).toEqual([]);
  });

  it('reset one session without touching another', async () => {
    const mock = await server();
    const count = async (session: string) =>
      (
        (await (
          await fetch(`${mock.url('nerm')}/api/workflow_sessions?limit=1&metadata=true`, { headers: { ...AUTH, 'x-mock-session': session } })
        ).json()) as { _metadata: { total: number } }
      )._metadata.total;
    const create = (session: string) =>
      fetch(`${mock.url('nerm')}/api/workflow_sessions`, {
        method: 'POST',
        headers: { ...AUTH, 'x-mock-session': session, 'content-type': 'application/json' },
        body: JSON.stringify({
          workflow_session: {
            workflow_id: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e',
            requester_id: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e',
            requester_type: 'User',
          },
        }),
      });
    const seeded = await count('qa-1');
    await create('qa-1');
    await create('qa-2');
    expect((await admin(mock, '/reset?api=nerm&session=qa-1', { method: 'POST' })).status).toBe(200);
    expect(await count('qa-1')).toBe(seeded);
    expect(await count('qa-2')).toBe(seeded + 1);
  });

  it("refuses a session name that is not a plain word, in the vendor's envelope", async () => {
    const mock = await server();
    const res = await fetch(`${mock.url('8x8')}${WORKFLOWS}`, { headers: { ...AUTH, 'x-mock-session': '../../etc' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 1000, message: expect.stringMatching(/X-Mock-Session/) });
  });
});

describe('state export and import', () => {
  it('restores byte-identical list responses after a reset', async () => {
    const mock = await server();
    // Every page of each pack's list, read the way its model driver pages (mocks/<id>/testing.ts).
    const drivers = await Promise.all(listed.map(async ({ pack, testing }) => ({ api: pack.id, driver: await testing.model(httpCall(mock.url(pack.id))) })));
    const snapshot = () => Promise.all(drivers.map(({ api, driver }) => pageTexts(mock.url(api), driver)));
    await fetch(`${mock.url('8x8')}${WORKFLOWS}`, { method: 'POST', headers: AUTH });
    await mock.advance(3 * 60_000);
    const before = await snapshot();
    const exported = await (await admin(mock, '/state')).text();
    expect((await admin(mock, '/reset', { method: 'POST' })).status).toBe(200);
    expect(await snapshot()).not.toEqual(before);
    const imported = await admin(mock, '/state', { method: 'PUT', body: exported });
    expect(imported.status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it('lists the LongJump records with their states', async () => {
    const mock = await server();
    const state = (await (await admin(mock, '/state')).json()) as { spaces: Record<string, Record<string, { id: string; data: JsonObject }[]>> };
    const records = state.spaces['default:longjump']?.['records'] ?? [];
    expect(records.find((r) => r.id === 'purchase_orders/1381445705')?.data['currentStateId']).toBe('38c8725a13e04ec08796f1b0791da071');
  });

  it('refuses an import that is not an export', async () => {
    const mock = await server();
    expect((await admin(mock, '/state', { method: 'PUT', body: JSON.stringify({ spaces: {} }) })).status).toBe(400);
    expect((await admin(mock, '/state', { method: 'PUT', body: '{"format":' })).status).toBe(400);
  });

  it('loads extra fixtures, checked against the collection schema', async () => {
    const mock = await server();
    const workflow = {
      workflowId: 'abcdefabcdefabcdefabcdef',
      data: { accountId: 'test_account_id', triggeredAt: '2026-11-01T00:00:00Z' },
      definitionId: '5870442f-3ddd-4657-b74c-6e17308f5230',
      version: 1,
      status: 'Complete',
      startedAt: '2026-11-01T00:00:01Z',
      completedAt: '2026-11-01T00:01:00Z',
    };
    const ok = await admin(mock, '/fixtures', {
      method: 'POST',
      body: JSON.stringify({ api: '8x8', collections: { workflows: [{ id: workflow.workflowId, data: workflow }] } }),
    });
    expect(await ok.json()).toEqual({ loaded: 1 });
    expect((await fetch(`${mock.url('8x8')}${WORKFLOWS}/${workflow.workflowId}`, { headers: AUTH })).status).toBe(200);
    const bad = await admin(mock, '/fixtures', {
      method: 'POST',
      body: JSON.stringify({ api: '8x8', collections: { workflows: [{ id: 'x', data: { ...workflow, status: 'Done' } }], nothing: [] } }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: string[] }).errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/workflows\[0\] \(x\): \/status must be equal to one of the allowed values/),
        expect.stringMatching(/8x8 has no collection nothing/),
      ]),
    );
    const twice = await admin(mock, '/fixtures', {
      method: 'POST',
      body: JSON.stringify({ api: '8x8', collections: { workflows: [{ id: workflow.workflowId, data: workflow }] } }),
    });
    expect(((await twice.json()) as { errors: string[] }).errors).toEqual([`workflows/${workflow.workflowId} already exists`]);
  });
});

describe('the clock over the control API', () => {
  it('moves forward by advanceMs or to a set instant, never back, and runs due moves', async () => {
    const mock = await server();
    const started = await fetch(`${mock.url('8x8')}${WORKFLOWS}`, { method: 'POST', headers: AUTH });
    expect(started.status).toBe(201);
    expect(await (await admin(mock, '/clock')).json()).toEqual({ now: '2026-11-01T00:00:00.000Z', mode: 'manual', paused: true, pausable: true });
    const advanced = (await (await admin(mock, '/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 300_000 }) })).json()) as {
      now: string;
      moves: number;
    };
    expect(advanced.now).toBe('2026-11-01T00:05:00.000Z');
    expect(advanced.moves).toBeGreaterThan(0);
    expect((await admin(mock, '/clock', { method: 'POST', body: JSON.stringify({ set: '2026-12-01T00:00:00Z' }) })).status).toBe(200);
    expect((await admin(mock, '/clock', { method: 'POST', body: JSON.stringify({ set: '2026-01-01T00:00:00Z' }) })).status).toBe(409);
    expect((await admin(mock, '/clock', { method: 'POST', body: JSON.stringify({ advanceMs: -5 }) })).status).toBe(400);
  });
});

describe('faults', () => {
  const list = (mock: MockServer, headers: Record<string, string> = {}) =>
    fetch(`${mock.url('8x8')}${WORKFLOWS}?limit=1`, { headers: { ...AUTH, ...headers } });

  it('adds latency a client can measure', async () => {
    const mock = await server({ faults: [{ api: '8x8', latency: { fixedMs: 250 } }] });
    const started = performance.now();
    expect((await list(mock)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    const other = performance.now();
    await fetch(`${mock.url('nerm')}/api/workflow_sessions?limit=1`, { headers: AUTH });
    expect(performance.now() - other).toBeLessThan(200);
  });

  it("fails a share of requests within a statistical bound, in the vendor's envelope", async () => {
    const mock = await server();
    await admin(mock, '/faults', {
      method: 'PUT',
      body: JSON.stringify([{ api: '8x8', operation: 'listWorkflowInstances', errorRate: 30, errorStatus: 500 }]),
    });
    const statuses = await Promise.all(Array.from({ length: 400 }, () => list(mock).then(async (res) => ({ status: res.status, body: await res.json() }))));
    const failed = statuses.filter((s) => s.status === 500);
    const sd = Math.sqrt(400 * 0.3 * 0.7);
    expect(failed.length).toBeGreaterThan(120 - 4 * sd);
    expect(failed.length).toBeLessThan(120 + 4 * sd);
    expect(failed[0]?.body).toMatchObject({ code: 2000 });
  });

  it('forces a status for the next N requests only', async () => {
    const mock = await server();
    await admin(mock, '/faults', { method: 'POST', body: JSON.stringify({ api: '8x8', forceStatus: { status: 404, count: 2 } }) });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await list(mock)).status);
    expect(statuses).toEqual([404, 404, 200]);
    const shown = (await (await admin(mock, '/faults')).json()) as { faults: { remaining: { forced: number } }[] };
    expect(shown.faults[0]?.remaining.forced).toBe(0);
  });

  it('drops connections, seen by the client as a socket error', async () => {
    const mock = await server();
    await admin(mock, '/faults', { method: 'POST', body: JSON.stringify({ api: '8x8', drop: { count: 1 } }) });
    await expect(list(mock)).rejects.toThrow();
    expect((await list(mock)).status).toBe(200);
  });

  it('switches the rate limiter on and off and changes its rate at runtime', async () => {
    const mock = await server({ rateLimits: true });
    const headers = { 'amperity-tenant': 'rl', 'api-version': '2024-04-01' };
    const burst = async () =>
      (
        await Promise.all(Array.from({ length: 15 }, () => fetch(`${mock.url('amperity')}/api/workflow/runs?limit=1`, { headers: { ...AUTH, ...headers } })))
      ).map((r) => r.status);
    expect((await burst()).filter((s) => s === 429).length).toBeGreaterThan(0);
    await admin(mock, '/rate-limits', { method: 'PUT', body: JSON.stringify({ api: 'amperity', enabled: false }) });
    expect((await burst()).filter((s) => s === 429)).toEqual([]);
    await admin(mock, '/rate-limits', { method: 'PUT', body: JSON.stringify({ api: 'amperity', enabled: true, perSecond: 100 }) });
    expect((await burst()).filter((s) => s === 429)).toEqual([]);
    expect(((await (await admin(mock, '/faults')).json()) as { rateLimits: JsonObject }).rateLimits['amperity']).toEqual({ enabled: true, perSecond: 100 });
    expect((await admin(mock, '/rate-limits', { method: 'PUT', body: JSON.stringify({ api: '8x8', enabled: true }) })).status).toBe(400);
  });

  it('refuses malformed fault rules and clears them all', async () => {
    const mock = await server();
    const bad = await admin(mock, '/faults', { method: 'POST', body: JSON.stringify({ errorRate: 150 }) });
    expect(bad.status).toBe(400);
    await admin(mock, '/faults', { method: 'POST', body: JSON.stringify({ errorRate: 100 }) });
    expect((await list(mock)).status).toBe(500);
    await admin(mock, '/faults', { method: 'DELETE' });
    expect((await list(mock)).status).toBe(200);
  });
});
