import { describe, expect, it } from 'vitest';
import { targetFor, type Target } from '../support/target.ts';
import { AUTH, DEFS, everyRun, EXAMPLE, examples, expectTwinitError, getRun, NS, SECOND_NS, setStatus, startRun, WORKFLOWS, type Run } from './support.ts';

/** The documented commands and the run states Twinit (like Conductor) applies them to. */
const DOCUMENTED: Record<string, Record<string, string | null>> = {
  QUEUED: { PAUSED: 'PAUSED', RESUMED: null, RETRIED: null, TERMINATED: 'TERMINATED' },
  RUNNING: { PAUSED: 'PAUSED', RESUMED: null, RETRIED: null, TERMINATED: 'TERMINATED' },
  PAUSED: { PAUSED: null, RESUMED: 'RUNNING', RETRIED: null, TERMINATED: 'TERMINATED' },
  COMPLETED: { PAUSED: null, RESUMED: null, RETRIED: null, TERMINATED: null },
  FAILED: { PAUSED: null, RESUMED: null, RETRIED: 'RUNNING', TERMINATED: null },
  TIMED_OUT: { PAUSED: null, RESUMED: null, RETRIED: 'RUNNING', TERMINATED: null },
  TERMINATED: { PAUSED: null, RESUMED: null, RETRIED: 'RUNNING', TERMINATED: null },
};

async function runIn(target: Target, state: string): Promise<Run> {
  if (state === 'QUEUED') return startRun(target);
  const seeded = (await everyRun(target, { _status: state }))[0];
  if (!seeded) throw new Error(`no seeded run in ${state}`);
  return seeded;
}

const cases = Object.entries(DOCUMENTED).flatMap(([state, commands]) => Object.entries(commands).map(([command, to]) => ({ state, command, to })));

describe('Twinit get, create and status', () => {
  it('gets the documented run verbatim', async () => {
    const target = targetFor('twinit');
    expect(await getRun(target, EXAMPLE._id)).toEqual(EXAMPLE);
  });

  it('hides a run from an nsfilter without its namespace (404)', async () => {
    const target = targetFor('twinit');
    expectTwinitError(
      await target.get(`${WORKFLOWS}/${EXAMPLE._id}`).query({ nsfilter: SECOND_NS }).set(AUTH),
      404,
      'NOT_FOUND',
      `Workflow ${EXAMPLE._id} not found`,
    );
  });

  it('answers an unknown id with 404', async () => {
    const target = targetFor('twinit');
    expectTwinitError(await target.get(`${WORKFLOWS}/nope`).query({ nsfilter: NS }).set(AUTH), 404, 'NOT_FOUND');
  });

  it('adds loop-over tasks only with _includeLoopOverTasks=true', async () => {
    const target = targetFor('twinit');
    const looping = (await everyRun(target, { _name: 'sensor_batch_loop', _status: 'COMPLETED' }))[0] as Run;
    const plain = await getRun(target, looping._id);
    const res = await target.get(`${WORKFLOWS}/${looping._id}`).query({ nsfilter: NS, _includeLoopOverTasks: true }).set(AUTH);
    expect(res.status).toBe(200);
    expect(res.body._tasks.length).toBeGreaterThan(plain._tasks.length);
    expect(res.body._tasks.slice(0, plain._tasks.length)).toEqual(plain._tasks);
    expect(plain).toEqual(looping);
  });

  it('refuses an _includeLoopOverTasks that is not a boolean', async () => {
    const target = targetFor('twinit');
    expectTwinitError(
      await target.get(`${WORKFLOWS}/${EXAMPLE._id}`).query({ nsfilter: NS, _includeLoopOverTasks: 'maybe' }).set(AUTH),
      400,
      'INVALID_INPUT',
      /_includeLoopOverTasks/,
    );
  });

  it("creates a run from the seed's request: 201, QUEUED, tasks from the definition, caller as creator", async () => {
    const target = targetFor('twinit');
    const res = await target.post(WORKFLOWS).query({ nsfilter: NS }).set(AUTH).send(examples.createRequest);
    expect(res.status).toBe(201);
    const run = res.body as Run;
    expect(run).toMatchObject({
      _workflowDefId: EXAMPLE._workflowDefId,
      _name: EXAMPLE._name,
      _namespaces: EXAMPLE._namespaces,
      _status: 'QUEUED',
      _inputParams: examples.createRequest._inputParams,
      _output: null,
    });
    expect(run._tasks.map((t) => [t._name, t._type, t._sequenceno, t._status])).toEqual([['REST_CONNECTOR', 'REST_CONNECTOR', 1, 'QUEUED']]);
    expect(run._createdBy).toBe(run._updatedBy);
    expect(run._createdAt).toBe(run._updatedAt);
    expect(run._id).not.toBe(EXAMPLE._id);
    expect(await getRun(target, run._id)).toEqual(run);
    expect((await everyRun(target))[0]?._id).toBe(run._id);
  });

  it('records the caller: different tokens, different creators; the same token, the same one', async () => {
    const target = targetFor('twinit');
    const a = await target.post(WORKFLOWS).query({ nsfilter: NS }).set('Authorization', 'Bearer alice').send({ _workflowDefId: EXAMPLE._workflowDefId });
    const b = await target.post(WORKFLOWS).query({ nsfilter: NS }).set('Authorization', 'Bearer bob').send({ _workflowDefId: EXAMPLE._workflowDefId });
    const a2 = await target.post(WORKFLOWS).query({ nsfilter: NS }).set('Authorization', 'Bearer alice').send({ _workflowDefId: EXAMPLE._workflowDefId });
    expect(a.body._createdBy).not.toBe(b.body._createdBy);
    expect(a.body._createdBy).toBe(a2.body._createdBy);
  });

  it('refuses a create without _workflowDefId (400) or naming no visible definition (404)', async () => {
    const target = targetFor('twinit');
    expectTwinitError(await target.post(WORKFLOWS).query({ nsfilter: NS }).set(AUTH).send({ _inputParams: {} }), 400, 'INVALID_INPUT', /_workflowDefId/);
    expectTwinitError(
      await target.post(WORKFLOWS).query({ nsfilter: NS }).set(AUTH).send({ _workflowDefId: 'missing' }),
      404,
      'NOT_FOUND',
      'Workflow definition missing not found',
    );
    expectTwinitError(await target.post(WORKFLOWS).query({ nsfilter: SECOND_NS }).set(AUTH).send({ _workflowDefId: EXAMPLE._workflowDefId }), 404, 'NOT_FOUND');
  });

  it('refuses a misspelt create field, naming it', async () => {
    const target = targetFor('twinit');
    const res = await target.post(WORKFLOWS).query({ nsfilter: NS }).set(AUTH).send({ _workflowDefId: EXAMPLE._workflowDefId, inputParams: {} });
    expectTwinitError(res, 400, 'INVALID_INPUT', /inputParams/);
    expect(res.body.validationErrors).toEqual([{ path: 'inputParams', message: "body field 'inputParams' is not allowed" }]);
  });

  it("applies the seed's status request to its run and answers with the run PAUSED", async () => {
    const target = targetFor('twinit');
    const res = await setStatus(target, EXAMPLE._id, examples.statusRequest._status);
    expect(res.status).toBe(200);
    const { _updatedAt, _updatedBy, ...rest } = res.body as Run;
    const { _updatedAt: _a, _updatedBy: _b, ...documented } = examples.statusResponse;
    expect(rest).toEqual(documented);
    expect(Date.parse(_updatedAt)).toBeGreaterThan(Date.parse(EXAMPLE._updatedAt));
  });

  it("accepts the seed's unslashed path spelling", async () => {
    const target = targetFor('twinit');
    const res = await target.put(`${WORKFLOWS}${EXAMPLE._id}/status`).query({ nsfilter: NS }).set(AUTH).send({ _status: 'PAUSED' });
    expect(res.status).toBe(200);
    expect(res.body._status).toBe('PAUSED');
  });

  it.each(cases.filter((c) => c.to !== null))('$command moves a $state run to $to, tasks following', async ({ state, command, to }) => {
    const target = targetFor('twinit');
    const run = await runIn(target, state);
    const res = await setStatus(target, run._id, command);
    expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(200);
    const moved = res.body as Run;
    expect(moved._status).toBe(to);
    const unfinished = moved._tasks.filter((t) => t._status !== 'COMPLETED');
    expect(unfinished[0]?._status).toBe(to);
    expect(unfinished.slice(1).every((t) => t._status === 'QUEUED')).toBe(true);
    expect(moved._tasks.filter((t) => t._status === 'COMPLETED').map((t) => t._id)).toEqual(
      run._tasks.filter((t) => t._status === 'COMPLETED').map((t) => t._id),
    );
    expect(Date.parse(moved._updatedAt)).toBeGreaterThan(Date.parse(run._updatedAt));
    expect(await getRun(target, run._id)).toEqual(moved);
  });

  it.each(cases.filter((c) => c.to === null))('$command on a $state run is refused with 409 and changes nothing', async ({ state, command }) => {
    const target = targetFor('twinit');
    const run = await runIn(target, state);
    expectTwinitError(await setStatus(target, run._id, command), 409, 'CONFLICT', `Cannot apply ${command} to workflow ${run._id}: it is ${state}`);
    expect(await getRun(target, run._id)).toEqual(run);
  });

  it('records who changed the status', async () => {
    const target = targetFor('twinit');
    const run = await startRun(target);
    const res = await target
      .put(`${WORKFLOWS}/${run._id}/status`)
      .query({ nsfilter: NS })
      .set('Authorization', 'Bearer someone-else')
      .send({ _status: 'PAUSED' });
    expect(res.body._updatedBy).not.toBe(run._createdBy);
    expect(res.body._createdBy).toBe(run._createdBy);
  });

  it('shows the new status in the _status filter', async () => {
    const target = targetFor('twinit');
    const run = await startRun(target);
    await setStatus(target, run._id, 'TERMINATED');
    expect((await everyRun(target, { _status: 'TERMINATED' })).map((r) => r._id)).toContain(run._id);
    expect((await everyRun(target, { _status: 'QUEUED' })).map((r) => r._id)).not.toContain(run._id);
  });

  it('refuses an unknown command with 400', async () => {
    const target = targetFor('twinit');
    expectTwinitError(await setStatus(target, EXAMPLE._id, 'COMPLETED'), 400, 'INVALID_INPUT', /_status/);
  });

  it('requires a bearer token (401) and answers unknown routes with 404', async () => {
    const target = targetFor('twinit');
    expectTwinitError(await target.get(WORKFLOWS).query({ nsfilter: NS }), 401, 'UNAUTHORIZED');
    expectTwinitError(await target.get('/workflowsvc/api/v2/workflows').query({ nsfilter: NS }).set(AUTH), 404, 'NOT_FOUND');
    expectTwinitError(await target.delete(`${DEFS}/x`).query({ nsfilter: NS }).set(AUTH), 405, 'INVALID_INPUT');
  });

  it('answers malformed JSON with 400', async () => {
    const target = targetFor('twinit');
    expectTwinitError(
      await target.post(WORKFLOWS).query({ nsfilter: NS }).set(AUTH).set('Content-Type', 'application/json').send('{"_workflowDefId"'),
      400,
      'INVALID_INPUT',
      'Request body is not valid JSON',
    );
  });
});
