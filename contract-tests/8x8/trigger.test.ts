import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';
import { targetFor, type Target } from '../support/target.ts';
import { ACCOUNT, AUTH, definitionsPath, expectError, listAll, type Instance } from './support.ts';

/** POST /api/v1/accounts/{accountId}/triggers/http_request (http_request_trigger). */
const TRIGGER = `/api/v1/accounts/${ACCOUNT}/triggers/http_request`;
const steps = [{ id: 'notify', stepType: 'SMS', inputs: { subAccountId: 'test_subaccount_id', destination: '{{data.user.contact}}', text: '{{data.event}}' } }];

type Definition = { id: string; trigger: string; status: string; subAccountId?: string };

async function create(target: Target, fields: Record<string, unknown>): Promise<string> {
  const res = await target
    .post(definitionsPath())
    .set(AUTH)
    .send({ status: 'enabled', definition: { name: 'Trigger test', steps }, ...fields });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function workflowsByDefinition(target: Target): Promise<Map<string, Instance[]>> {
  const definitions = (await target.get(definitionsPath()).query({ limit: 500 }).set(AUTH)).body as Definition[];
  const all = new Map<string, Instance[]>();
  for (const definition of definitions) all.set(definition.id, await listAll(target, {}, 500, definition.id));
  return all;
}

/** The workflows that appeared between two snapshots, by definition id. */
function started(before: Map<string, Instance[]>, after: Map<string, Instance[]>): Map<string, Instance[]> {
  const out = new Map<string, Instance[]>();
  for (const [id, list] of after) {
    const known = new Set((before.get(id) ?? []).map((w) => w.workflowId));
    const fresh = list.filter((w) => !known.has(w.workflowId));
    if (fresh.length > 0) out.set(id, fresh);
  }
  return out;
}

async function listening(target: Target, subAccountId?: string): Promise<string[]> {
  const definitions = (await target.get(definitionsPath()).query({ limit: 500 }).set(AUTH)).body as Definition[];
  return definitions
    .filter((d) => d.trigger === 'http_request' && d.status === 'enabled' && (d.subAccountId === undefined || d.subAccountId === subAccountId))
    .map((d) => d.id)
    .sort();
}

describe('8x8 http_request trigger', () => {
  const servers: MockServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  it('starts one workflow of exactly each enabled http_request definition bound to no subaccount, with the body as its context', async () => {
    const target = targetFor('8x8');
    const open = await create(target, { trigger: 'http_request' });
    const bound = await create(target, { trigger: 'http_request', subAccountId: 'sales_subaccount' });
    const disabled = await create(target, { trigger: 'http_request', status: 'disabled' });
    const sms = await create(target, { trigger: 'inbound_sms' });
    const before = await workflowsByDefinition(target);
    const body = { customer_id: 'cus_1', user: { user_id: 'u-1', contact: '6591234567', email: 'a@example.com' }, event: 'new sign up' };
    const res = await target.post(TRIGGER).set(AUTH).send(body);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const fresh = started(before, await workflowsByDefinition(target));
    expect([...fresh.keys()].sort()).toEqual(await listening(target));
    expect(fresh.has(open)).toBe(true);
    for (const id of [bound, disabled, sms]) expect(fresh.has(id)).toBe(false);
    for (const [, workflows] of fresh) {
      expect(workflows).toHaveLength(1);
      const [workflow] = workflows as [Instance];
      expect(workflow).toMatchObject({ status: 'Runnable', completedAt: null, data: { ...body, accountId: ACCOUNT } });
      expect(workflow.data).not.toHaveProperty('subAccountId');
      expect(Date.parse(String(workflow.data['triggeredAt']))).toBe(Date.parse(workflow.startedAt));
    }
  });

  it('with ?subAccountId starts the definitions bound to it or to none, and the context carries it', async () => {
    const target = targetFor('8x8');
    const open = await create(target, { trigger: 'http_request' });
    const sales = await create(target, { trigger: 'http_request', subAccountId: 'sales_subaccount' });
    const support = await create(target, { trigger: 'http_request', subAccountId: 'support_subaccount' });
    const before = await workflowsByDefinition(target);
    expect((await target.post(TRIGGER).query({ subAccountId: 'sales_subaccount' }).set(AUTH).send({ event: 'x' })).status).toBe(200);
    const fresh = started(before, await workflowsByDefinition(target));
    expect([...fresh.keys()].sort()).toEqual(await listening(target, 'sales_subaccount'));
    expect(fresh.has(open) && fresh.has(sales) && !fresh.has(support)).toBe(true);
    expect(fresh.get(sales)?.[0]?.data).toMatchObject({ event: 'x', accountId: ACCOUNT, subAccountId: 'sales_subaccount' });
  });

  it('answers 200 with nothing to start: no body, another account', async () => {
    const target = targetFor('8x8');
    expect((await target.post(TRIGGER).set(AUTH)).status).toBe(200);
    expect((await target.post('/api/v1/accounts/nobody/triggers/http_request').set(AUTH).send({})).status).toBe(200);
  });

  it('keeps the context fields its own: accountId and triggeredAt in the body do not replace them', async () => {
    const target = targetFor('8x8');
    const id = await create(target, { trigger: 'http_request' });
    await target.post(TRIGGER).set(AUTH).send({ accountId: 'forged', triggeredAt: 'yesterday', note: 'kept' });
    const [workflow] = await listAll(target, {}, 500, id);
    expect(workflow?.data).toMatchObject({ accountId: ACCOUNT, note: 'kept' });
    expect(Number.isNaN(Date.parse(String(workflow?.data['triggeredAt'])))).toBe(false);
  });

  it('refuses a body that is not a JSON object with 400 code 1000', async () => {
    const target = targetFor('8x8');
    expectError(await target.post(TRIGGER).set(AUTH).set('Content-Type', 'application/json').send('[1, 2]'), 400, 1000);
  });

  it('starts workflows that run their lifecycle like any other', async () => {
    const mock = await startMockServer({ clock: 'manual', rateLimits: false });
    servers.push(mock);
    const headers = { ...AUTH, 'content-type': 'application/json' };
    const created = await fetch(`${mock.url('8x8')}${definitionsPath()}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ trigger: 'http_request', status: 'enabled', definition: { name: 'Lifecycle', steps } }),
    });
    const id = ((await created.json()) as { id: string }).id;
    await fetch(`${mock.url('8x8')}${TRIGGER}`, { method: 'POST', headers, body: JSON.stringify({ event: 'go' }) });
    const list = async () => (await (await fetch(`${mock.url('8x8')}${definitionsPath()}/${id}/workflows`, { headers: AUTH })).json()) as Instance[];
    expect((await list()).map((w) => w.status)).toEqual(['Runnable']);
    await mock.advance(10 * 60_000);
    const [ended] = await list();
    expect(['Complete', 'Terminated']).toContain(ended?.status);
    expect(ended?.completedAt).not.toBeNull();
  });
});
