import { describe, expect, it } from 'vitest';
import { expectSchema } from '../support/schemas.ts';
import { targetFor } from '../support/target.ts';
import {
  ACME,
  EXAMPLE,
  expectAmperityError,
  headersFor,
  listPage,
  RUNS,
  schemaId,
  SOCKTOWN,
  start,
  traverse,
  unlimited,
  type Run,
  type Task,
} from './support.ts';

describe('Amperity get, start and stop', () => {
  it('shows only created_at, ended_at, id, name, state, tenant and type by default', async () => {
    const target = unlimited();
    const res = await target.get(`${RUNS}/${EXAMPLE.id}`).set(SOCKTOWN);
    expect(res.status).toBe(200);
    expectSchema(schemaId('run.json#/$defs/Overview'), res.body);
    expect(res.body).toEqual({
      created_at: EXAMPLE.created_at,
      ended_at: EXAMPLE.ended_at,
      id: EXAMPLE.id,
      name: EXAMPLE.name,
      state: EXAMPLE.state,
      tenant: EXAMPLE.tenant,
      type: EXAMPLE.type,
    });
    expect((await target.get(`${RUNS}/${EXAMPLE.id}`).query({ view: 'overview' }).set(SOCKTOWN)).body).toEqual(res.body);
  });

  it('adds versions, principal fields, task instances and the error with view=verbose', async () => {
    const target = unlimited();
    const res = await target.get(`${RUNS}/${EXAMPLE.id}`).query({ view: 'verbose' }).set(SOCKTOWN);
    expect(res.status).toBe(200);
    expectSchema(schemaId('run.json#/$defs/Verbose'), res.body);
    expect(res.body).toMatchObject(EXAMPLE);
    expect(res.body.task_instances.length).toBeGreaterThan(0);
    expect(res.body.task_instances.every((task: Task) => task.workflow_id === EXAMPLE.id && task.tenant === EXAMPLE.tenant)).toBe(true);
  });

  it('refuses an unknown view and answers unknown ids with 404', async () => {
    const target = unlimited();
    expectAmperityError(await target.get(`${RUNS}/${EXAMPLE.id}`).query({ view: 'full' }).set(SOCKTOWN), 400, /view/);
    expectAmperityError(await target.get(`${RUNS}/wf-nope`).set(SOCKTOWN), 404, 'Workflow run wf-nope not found.');
  });

  it('gives every failed run an error object', async () => {
    const target = unlimited();
    const failed = (await traverse(target, { state: 'failed', limit: 1000 })).runs;
    expect(failed.length).toBeGreaterThan(0);
    for (const run of failed)
      expect(run.error).toMatchObject({ attribution: expect.stringMatching(/^(customer|platform)$/), type: expect.any(String), message: expect.any(String) });
  });

  it('starts a run: 201, scheduled, no ended_at, listed first for its tenant only', async () => {
    const target = unlimited();
    const run = await start(target, SOCKTOWN, { config_id: 'og-2LoyaltyM', run_mode: 'full', range_from: '2024-01-01', range_to: '2024-02-01T00:00:00Z' });
    expect(run).toMatchObject({ state: 'scheduled', tenant: 'socktown', name: 'Loyalty Membership', type: 'amperity.orchestration.orchestration/run' });
    expect(run).not.toHaveProperty('ended_at');
    expect(run.id).toMatch(/^wf-\d{8}-\d{5}-\w{5}$/);
    expect(run.launched_version).toMatch(/^etv-\d{8}-\d{5}-\w{6}$/);
    expect(run.task_instances.every((task) => task.state === 'scheduled' && task.tenant === 'socktown' && task.workflow_id === run.id)).toBe(true);
    expect((await listPage(target, { limit: 1 })).data[0]?.id).toBe(run.id);
    expect((await listPage(target, { limit: 1 }, ACME)).data[0]?.id).not.toBe(run.id);
    const verbose = await target.get(`${RUNS}/${run.id}`).query({ view: 'verbose' }).set(SOCKTOWN);
    expect(verbose.body).toEqual(run);
  });

  it.each([
    ['cg-123ABc4DE', 'courier.group/run'],
    ['cc-123ABc4DE', 'campaign.send'],
    ['og-123ABc4DE', 'amperity.orchestration.orchestration/run'],
    ['', 'amperity.orchestration.orchestration/run'],
  ])('starts any config id, %j, as the workflow kind its prefix names', async (configId, type) => {
    expect((await start(unlimited(), SOCKTOWN, { config_id: configId })).type).toBe(type);
  });

  it.each([
    [{}],
    [{ config_id: 7 }],
    [{ config_id: 'cfg', run_mode: 'partial' }],
    [{ config_id: 'cfg', extra: 1 }],
    [{ config_id: 'cfg', range_from: 'last week' }],
  ])('refuses the start body %j with 400', async (body) => {
    const target = unlimited();
    expectAmperityError(await target.post(RUNS).set(SOCKTOWN).send(body), 400);
  });

  it("accepts range_to without range_from, as the document's schema does", async () => {
    expect((await start(unlimited(), SOCKTOWN, { config_id: 'cg-123ABc4DE', range_to: '2026-10-07T00:00:00Z' })).state).toBe('scheduled');
  });

  it('stops an active run: 200, canceled, ended_at set, tasks canceled or skipped', async () => {
    const target = unlimited();
    const run = await start(target);
    const res = await target.post(`${RUNS}/${run.id}/stop`).set(SOCKTOWN);
    expect(res.status).toBe(200);
    expectSchema(schemaId('run.json#/$defs/Verbose'), res.body);
    expect(res.body.state).toBe('canceled');
    expect(Date.parse(res.body.ended_at)).toBeGreaterThanOrEqual(Date.parse(run.created_at));
    const verbose = await target.get(`${RUNS}/${run.id}`).query({ view: 'verbose' }).set(SOCKTOWN);
    expect(verbose.body).toEqual(res.body);
    const [first, ...rest] = verbose.body.task_instances as Task[];
    expect(first).toMatchObject({ state: 'canceled', created_at: res.body.ended_at, ended_at: res.body.ended_at });
    expect(rest.every((task) => task.state === 'skipped' && task.created_at === undefined && task.ended_at === undefined)).toBe(true);
    expect((await traverse(target, { state: 'canceled', limit: 1000 })).runs.map((r: Run) => r.id)).toContain(run.id);
  });

  it.each(['succeeded', 'failed', 'canceled', 'stopped'])('refuses to stop a %s run with 409', async (state) => {
    const target = unlimited();
    const finished = (await listPage(target, { state, limit: 1 })).data[0] as Run;
    expectAmperityError(await target.post(`${RUNS}/${finished.id}/stop`).set(SOCKTOWN), 409, `Workflow run ${finished.id} cannot be stopped: it is ${state}.`);
    expect((await target.get(`${RUNS}/${finished.id}`).set(SOCKTOWN)).body.state).toBe(state);
  });

  it('refuses to stop a run twice', async () => {
    const target = unlimited();
    const run = await start(target);
    expect((await target.post(`${RUNS}/${run.id}/stop`).set(SOCKTOWN)).status).toBe(200);
    expectAmperityError(await target.post(`${RUNS}/${run.id}/stop`).set(SOCKTOWN), 409);
  });

  it("does not let one tenant stop another's run", async () => {
    const target = unlimited();
    const run = await start(target);
    expectAmperityError(await target.post(`${RUNS}/${run.id}/stop`).set(ACME), 404);
  });
});

describe('Amperity headers', () => {
  it('refuses a call without a bearer token with 401', async () => {
    const target = unlimited();
    const { Authorization: _a, ...rest } = SOCKTOWN;
    expectAmperityError(await target.get(RUNS).set(rest), 401);
  });

  it('refuses a call without amperity-tenant with 400', async () => {
    const target = unlimited();
    const { 'amperity-tenant': _t, ...rest } = SOCKTOWN;
    expectAmperityError(await target.get(RUNS).set(rest), 400, 'The amperity-tenant header is required.');
  });

  it('needs an API version: the header or the api_version parameter', async () => {
    const target = unlimited();
    const { 'api-version': _v, ...rest } = SOCKTOWN;
    expectAmperityError(await target.get(RUNS).set(rest), 400, /API version is required/);
    expect((await target.get(RUNS).query({ api_version: '2024-04-01', limit: 1 }).set(rest)).status).toBe(200);
  });

  it('refuses an unsupported version given either way', async () => {
    const target = unlimited();
    const { 'api-version': _v, ...rest } = SOCKTOWN;
    expectAmperityError(await target.get(RUNS).set({ ...rest, 'api-version': '2023-01-01' }), 400, /Unsupported API version/);
    expectAmperityError(await target.get(RUNS).query({ api_version: '2025-01-01' }).set(rest), 400, /Unsupported API version/);
  });

  it('answers unknown routes and methods with {status, message}', async () => {
    const target = unlimited();
    expectAmperityError(await target.get('/api/workflow/configs').set(SOCKTOWN), 404);
    const res = await target.delete(`${RUNS}/${EXAMPLE.id}`).set(SOCKTOWN);
    expectAmperityError(res, 405);
    expect(res.headers['allow']).toBe('GET');
  });
});

describe('Amperity rate limit', () => {
  it('answers a burst of 30 requests in a second with 429s and Retry-After, then serves again', async () => {
    const target = targetFor('amperity');
    const headers = headersFor('burst-tenant');
    const statuses: number[] = [];
    let limited: { status: number; headers: Record<string, string>; body: unknown } | undefined;
    const started = Date.now();
    for (let i = 0; i < 30; i++) {
      const res = await target.get(RUNS).query({ limit: 1 }).set(headers);
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(Date.now() - started).toBeLessThan(1000);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    expect(limited?.body).toEqual({ status: 429, message: 'Too many requests: the Amperity API allows 10 requests per second.' });
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await target.get(RUNS).query({ limit: 1 }).set(headers)).status).toBe(200);
  });

  it('counts each tenant separately', async () => {
    const target = targetFor('amperity');
    for (let i = 0; i < 12; i++) await target.get(RUNS).query({ limit: 1 }).set(headersFor('noisy-tenant'));
    expect((await target.get(RUNS).query({ limit: 1 }).set(headersFor('quiet-tenant'))).status).toBe(200);
  });
});
