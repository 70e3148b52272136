import { describe, expect, it } from 'vitest';
import { targetFor } from '../support/target.ts';
import { AUTH, definitionsPath, DOCUMENTED_DEFINITION, expectError, getWorkflow, listPage, startWorkflow, workflowsPath } from './support.ts';

describe('8x8 start a workflow instance', () => {
  it('answers 201 with a Location header and no body', async () => {
    const target = targetFor('8x8');
    const res = await target.post(workflowsPath()).set(AUTH).send({ hello: 'world' });
    expect(res.status).toBe(201);
    expect(res.headers['location']).toMatch(/\/workflows\/[0-9a-f]{24}$/);
    expect(res.text).toBe('');
  });

  it('creates a Runnable workflow whose context carries the posted payload', async () => {
    const target = targetFor('8x8');
    const payload = { umid: 'u-1', content: { text: 'start me' }, nested: { deep: [1, 2, 3] } };
    const id = await startWorkflow(target, payload);
    const workflow = await getWorkflow(target, id);
    expect(workflow).toMatchObject({ workflowId: id, status: 'Runnable', completedAt: null, version: 1, data: { payload, accountId: 'test_account_id' } });
    expect(Date.parse(workflow.startedAt)).toBeGreaterThanOrEqual(Date.parse(String(workflow.data['triggeredAt'])));
  });

  it("encodes the start time in the first 8 hex digits of the id, as the seed's ObjectIds do", async () => {
    const target = targetFor('8x8');
    const id = await startWorkflow(target);
    const workflow = await getWorkflow(target, id);
    expect(parseInt(id.slice(0, 8), 16)).toBe(Math.floor(Date.parse(workflow.startedAt) / 1000));
  });

  it('puts the new workflow first in the list and in the Runnable filter', async () => {
    const target = targetFor('8x8');
    const id = await startWorkflow(target);
    expect((await listPage(target, { limit: 1 }))[0]?.workflowId).toBe(id);
    expect((await listPage(target, { limit: 1, status: 'Runnable' }))[0]?.workflowId).toBe(id);
  });

  it('shifts the following pages by one, as offset paging does after a write', async () => {
    const target = targetFor('8x8');
    const before = await listPage(target, { limit: 10, offset: 0 });
    await startWorkflow(target);
    const after = await listPage(target, { limit: 10, offset: 1 });
    expect(after.map((w) => w.workflowId)).toEqual(before.map((w) => w.workflowId));
  });

  it('shows no step log until a step has run: the running first step has no completion time yet', async () => {
    const target = targetFor('8x8');
    const id = await startWorkflow(target);
    const res = await target.get(`${workflowsPath()}/${id}`).query({ includeLogs: true }).set(AUTH);
    expect(res.status).toBe(200);
    expect(res.body.logs).toEqual([]);
  });

  it('starts a chosen older version with ?version and refuses an unknown one with 404 code 1300', async () => {
    const target = targetFor('8x8');
    await target
      .put(`${definitionsPath()}/${DOCUMENTED_DEFINITION}`)
      .set(AUTH)
      .send({ trigger: 'inbound_sms', status: 'enabled', definition: { name: 'Auto reply v2', steps: [] } });
    const res = await target.post(workflowsPath()).query({ version: 1 }).set(AUTH).send({});
    expect(res.status).toBe(201);
    expect((await getWorkflow(target, String(res.headers['location']).split('/').at(-1) ?? '')).version).toBe(1);
    expectError(
      await target.post(workflowsPath()).query({ version: 7 }).set(AUTH).send({}),
      404,
      1300,
      `Definition ${DOCUMENTED_DEFINITION} version 7 not found.`,
    );
  });

  it('accepts a start with no body and records an empty payload', async () => {
    const target = targetFor('8x8');
    const res = await target.post(workflowsPath()).set(AUTH);
    expect(res.status).toBe(201);
    const workflow = await getWorkflow(target, String(res.headers['location']).split('/').at(-1) ?? '');
    expect(workflow.data['payload']).toEqual({});
  });

  it('refuses to start from a disabled definition with 400 code 1000', async () => {
    const target = targetFor('8x8');
    const created = await target
      .post(definitionsPath())
      .set(AUTH)
      .send({
        trigger: 'http_request',
        status: 'disabled',
        definition: { name: 'Off', steps: [{ id: 's1', stepType: 'Wait', inputs: { duration: '00:01:00' } }] },
      });
    expect(created.status).toBe(201);
    expectError(await target.post(workflowsPath(created.body.id)).set(AUTH).send({}), 400, 1000, `Definition ${created.body.id} is disabled.`);
  });

  it('refuses malformed JSON with 400 code 1000', async () => {
    const target = targetFor('8x8');
    const res = await target.post(workflowsPath()).set(AUTH).set('Content-Type', 'application/json').send('{"payload": ');
    expectError(res, 400, 1000, /not valid JSON/);
  });

  it('refuses a body that is not JSON with 415 code 1000', async () => {
    const target = targetFor('8x8');
    const res = await target.post(workflowsPath()).set(AUTH).set('Content-Type', 'text/plain').send('hello');
    expectError(res, 415, 1000, /Content-Type/);
  });

  it('refuses a body over 1 MiB with 413 code 1000 and keeps serving', async () => {
    const target = targetFor('8x8');
    const big = JSON.stringify({ blob: 'x'.repeat(1024 * 1024) });
    const res = await target.post(workflowsPath()).set(AUTH).set('Content-Type', 'application/json').send(big);
    expectError(res, 413, 1000);
    expect((await listPage(target, { limit: 1 })).length).toBe(1);
  });

  it('accepts a body just under 1 MiB', async () => {
    const target = targetFor('8x8');
    const body = JSON.stringify({ blob: 'x'.repeat(1024 * 1024 - 20) });
    const res = await target.post(workflowsPath()).set(AUTH).set('Content-Type', 'application/json').send(body);
    expect(res.status).toBe(201);
  });

  it('keeps "__proto__" keys in a payload as plain data', async () => {
    const target = targetFor('8x8');
    const res = await target
      .post(workflowsPath())
      .set(AUTH)
      .set('Content-Type', 'application/json')
      .send('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}');
    expect(res.status).toBe(201);
    const workflow = await getWorkflow(target, String(res.headers['location']).split('/').at(-1) ?? '');
    expect(JSON.stringify(workflow.data['payload'])).toBe('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
