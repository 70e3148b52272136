import { beforeAll, describe, expect, it } from 'vitest';
import { targetFor, type Target } from '../support/target.ts';
import { expectSchema } from '../support/schemas.ts';
import { EXAMPLE, expectAmperityError, listPage, nullsIn, RUNS, schemaId, SOCKTOWN, start, traverse, unlimited, type Run, type VerboseRun } from './support.ts';

/**
 * What Amperity's own OpenAPI document (control-plane-2024-04-01) and reference pages say the API accepts and answers
 * (issue 15): no property is nullable, task instances carry their tenant, any integer limit and any state string are
 * valid requests, and the pages' example requests work.
 */
describe('Amperity responses the vendor document allows', () => {
  let target: Target;
  let runs: Run[];

  beforeAll(async () => {
    target = unlimited();
    runs = (await traverse(target, { limit: 1000, with_total: true })).runs;
  });

  it('answers no null anywhere in any list page', async () => {
    const { pages } = await traverse(target, { limit: 50 });
    expect(pages.flatMap((page) => nullsIn(page))).toEqual([]);
  });

  it('answers no null in the overview or the verbose view of any run, and tenant on every task instance', async () => {
    for (const run of runs) {
      const overview = await target.get(`${RUNS}/${run.id}`).set(SOCKTOWN);
      const verbose = await target.get(`${RUNS}/${run.id}`).query({ view: 'verbose' }).set(SOCKTOWN);
      expect(nullsIn(overview.body), run.id).toEqual([]);
      expect(nullsIn(verbose.body), run.id).toEqual([]);
      expect(
        (verbose.body as VerboseRun).task_instances.every((task) => task.tenant === 'socktown'),
        run.id,
      ).toBe(true);
    }
  });

  it('leaves ended_at out exactly while a run has not ended', () => {
    const ended = ['stopped', 'succeeded', 'failed', 'canceled'];
    expect(runs.filter((run) => ended.includes(run.state) !== 'ended_at' in run).map((run) => run.id)).toEqual([]);
  });

  it('answers no null when a run is started and stopped', async () => {
    const own = unlimited();
    const run = await start(own);
    const stopped = await own.post(`${RUNS}/${run.id}/stop`).set(SOCKTOWN);
    expect(stopped.status).toBe(200);
    expect([...nullsIn(run), ...nullsIn(stopped.body)]).toEqual([]);
  });

  it('shows only the seven overview fields by default', async () => {
    const res = await target.get(`${RUNS}/${EXAMPLE.id}`).query({ view: 'overview' }).set(SOCKTOWN);
    expect(Object.keys(res.body).sort()).toEqual(['created_at', 'ended_at', 'id', 'name', 'state', 'tenant', 'type']);
    const active = runs.find((run) => run.state === 'running') as Run;
    expect(Object.keys((await target.get(`${RUNS}/${active.id}`).set(SOCKTOWN)).body).sort()).toEqual(['created_at', 'id', 'name', 'state', 'tenant', 'type']);
  });
});

describe('Amperity requests the vendor document allows', () => {
  let target: Target;

  beforeAll(() => {
    target = unlimited();
  });

  it.each(['In progress', 'in progress', 'IN PROGRESS'])('filters state=%s like in progress', async (state) => {
    const expected = (await traverse(target, { state: 'in progress', limit: 1000 })).runs;
    expect(expected.length).toBeGreaterThan(0);
    expect((await traverse(target, { state, limit: 1000 })).runs).toEqual(expected);
  });

  it.each(['Succeeded', 'Started', 'Running with failures'])("matches the document's capitalised state %s", async (state) => {
    const runs = (await traverse(target, { state, limit: 1000 })).runs;
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((run) => run.state === state.toLowerCase())).toBe(true);
  });

  it('answers a state that is none with an empty page, not a 400', async () => {
    expect((await listPage(target, { state: 'done', with_total: true })).total).toBe(0);
  });

  it.each([
    [0, 1],
    [-5, 1],
    [1, 1],
    [3, 3],
    [1000, 261],
    [1001, 261],
    [2 ** 40, 261],
  ])('accepts limit=%i and answers a page of %i', async (limit, size) => {
    const page = await listPage(target, { limit });
    expect(page.data).toHaveLength(size);
    expect('next_token' in page).toBe(size < 261);
  });

  it('holds a huge limit to pages of 1000', async () => {
    const big = targetFor('amperity', { rateLimits: false, records: 1200 });
    const page = await listPage(big, { limit: 2 ** 40 });
    expect(page.data).toHaveLength(1000);
    expect((await listPage(big, { limit: 2 ** 40, next_token: page.next_token ?? '' })).data).toHaveLength(201);
  });

  it('reads an empty next_token as the first page', async () => {
    expect(await listPage(target, { limit: 2, next_token: '' })).toEqual(await listPage(target, { limit: 2 }));
  });

  it('answers an id of any length with 404, not 400', async () => {
    expectAmperityError(await target.get(`${RUNS}/wf-${'x'.repeat(500)}`).set(SOCKTOWN), 404);
  });

  it("serves the reference page's list request: limit=12&with_total=true", async () => {
    const page = await listPage(target, { limit: 12, with_total: true });
    expect(page.data).toHaveLength(12);
    expect(page.total).toBe(261);
  });

  it("serves the document's own example values: workflow-id wf-20240603-12345-MNabc, type courier.group/run, created_from 2026-04-01T00:00:00Z", async () => {
    expect((await target.get(`${RUNS}/wf-20240603-12345-MNabc`).query({ view: 'verbose' }).set(SOCKTOWN)).status).toBe(200);
    expect(
      (await listPage(target, { type: 'courier.group/run', state: 'succeeded', created_from: '2026-04-01T00:00:00Z', created_to: '2026-04-30T00:00:00Z' }))
        .data,
    ).toBeInstanceOf(Array);
  });

  it.each([
    [{ config_id: 'cc-123ABc4DE' }],
    [{ config_id: 'og-123ABc4DE' }],
    // The pages print range_from/range_to as YYYY-MM-DD placeholders: a partial date is what they stand for.
    [{ config_id: 'cg-123ABc4DE', range_from: '2026-10-01', range_to: '2026-10-07', run_mode: 'full' }],
    [{ config_id: 'cg-2efo5X8vo', range_from: '2026-10-01', range_to: '2026-10-07', run_mode: 'source' }],
    [{ config_id: 'cg-123ABc4DE', range_from: '2026-10-01T00:00:00Z', range_to: '2026-10-07T00:00:00Z', run_mode: 'full' }],
  ])("starts the reference pages' example body %j", async (body) => {
    const run = await start(unlimited(), SOCKTOWN, body);
    expect(run.state).toBe('scheduled');
    expectSchema(schemaId('run.json#/$defs/Verbose'), run);
  });

  it.each([
    '{"config_id":"cc-123ABc4DE"}',
    '{"config_id":"og-123ABc4DE"}',
    '{"config_id":"cg-123ABc4DE", "range_from":"2026-10-01", "range_to":"2026-10-07", "run_mode":"full"}',
  ])("starts the start page's curl example as curl sends it, labelled a form: %s", async (body) => {
    const res = await unlimited().post(RUNS).set(SOCKTOWN).set('content-type', 'application/x-www-form-urlencoded').send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expectSchema(schemaId('run.json#/$defs/Verbose'), res.body);
  });

  it('refuses a real form body with 400 and another content type with 415', async () => {
    expectAmperityError(
      await unlimited().post(RUNS).set(SOCKTOWN).set('content-type', 'application/x-www-form-urlencoded').send('config_id=cc-1'),
      400,
      'The request body is not valid JSON.',
    );
    expectAmperityError(await unlimited().post(RUNS).set(SOCKTOWN).set('content-type', 'text/plain').send('{"config_id":"cc-1"}'), 415);
  });

  it("stops with the reference page's request: no body, the version as a header", async () => {
    const own = unlimited();
    const run = await start(own);
    const res = await own.post(`${RUNS}/${run.id}/stop`).set(SOCKTOWN);
    expect(res.body).toMatchObject({ id: run.id, state: 'canceled', task_instances: expect.any(Array) });
  });
});
