import { beforeAll, describe, expect, it } from 'vitest';
import { expectSchema } from '../support/schemas.ts';
import { targetFor, type Target } from '../support/target.ts';
import { AUTH, definitionsPath, DOCUMENTED_DEFINITION, expectError, getWorkflow, listAll, schemaId, startWorkflow, workflowsPath } from './support.ts';

type Definition = { id: string; version: number; createdAt: string; status: string; trigger: string; accountId: string; definition: { name: string } };

const newDefinition = {
  trigger: 'http_request',
  status: 'enabled',
  definition: {
    name: 'Order shipped',
    steps: [
      {
        id: 'notify',
        stepType: 'SMS',
        inputs: { subAccountId: 'test_subaccount_id', destination: '{{data.user.contact}}', text: 'Your order has shipped.' },
        nextStepId: 'wait',
      },
      { id: 'wait', stepType: 'Wait', inputs: { duration: '00:05:00' } },
    ],
  },
};

async function listDefinitions(target: Target): Promise<Definition[]> {
  const res = await target.get(definitionsPath()).query({ limit: 500 }).set(AUTH);
  expect(res.status).toBe(200);
  expectSchema(schemaId('definition-list.json'), res.body);
  return res.body as Definition[];
}

describe('8x8 workflow definitions', () => {
  let shared: Target;
  let definitions: Definition[];

  beforeAll(async () => {
    shared = targetFor('8x8');
    definitions = await listDefinitions(shared);
  });

  it("lists the documented definition among the account's definitions, newest first", () => {
    expect(definitions.map((d) => d.id)).toContain(DOCUMENTED_DEFINITION);
    const created = definitions.map((d) => Date.parse(d.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(definitions.every((d) => d.accountId === 'test_account_id')).toBe(true);
  });

  it('pages the definition list with limit and offset', async () => {
    const res = await shared.get(definitionsPath()).query({ limit: 2, offset: 1 }).set(AUTH);
    expect((res.body as Definition[]).map((d) => d.id)).toEqual(definitions.slice(1, 3).map((d) => d.id));
  });

  it("returns a definition's version history newest first", async () => {
    const multi = definitions.find((d) => d.version > 1) as Definition;
    const res = await shared.get(`${definitionsPath()}/${multi.id}`).set(AUTH);
    expect(res.status).toBe(200);
    expectSchema(schemaId('definition-list.json'), res.body);
    expect((res.body as Definition[]).map((d) => d.version)).toEqual(Array.from({ length: multi.version }, (_, i) => multi.version - i));
  });

  it("lists the latest version's workflows by default and older ones with ?version", async () => {
    const multi = definitions.find((d) => d.version > 1) as Definition;
    const latest = await listAll(shared, {}, 500, multi.id);
    const first = await listAll(shared, { version: 1 }, 500, multi.id);
    expect(latest.length).toBeGreaterThan(0);
    expect(latest.every((w) => w.version === multi.version)).toBe(true);
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((w) => w.version === 1)).toBe(true);
    expect(await listAll(shared, { version: multi.version + 5 }, 500, multi.id)).toEqual([]);
  });

  it('creates a definition: 201, Location and the stored version 1', async () => {
    const target = targetFor('8x8');
    const res = await target.post(definitionsPath()).set(AUTH).send(newDefinition);
    expect(res.status).toBe(201);
    expectSchema(schemaId('definition.json'), res.body);
    expect(res.body).toMatchObject({ ...newDefinition, version: 1, accountId: 'test_account_id' });
    expect(res.headers['location']).toMatch(new RegExp(`${definitionsPath()}/${res.body.id}$`));
    expect((await listDefinitions(target))[0]?.id).toBe(res.body.id);
  });

  it('creates a definition disabled when no status is given', async () => {
    const target = targetFor('8x8');
    const res = await target
      .post(definitionsPath())
      .set(AUTH)
      .send({ trigger: 'inbound_sms', definition: { name: 'Quiet', steps: [] } });
    expect(res.body.status).toBe('disabled');
  });

  it.each([
    [{ trigger: 'http_request', definition: { steps: [] } }],
    [{ trigger: 'http_request', definition: { name: '', steps: [] } }],
    [{ trigger: 'http_request' }],
  ])('refuses a definition without a name with 400 code 5001 (%j)', async (body) => {
    const target = targetFor('8x8');
    expectError(await target.post(definitionsPath()).set(AUTH).send(body), 400, 5001, 'Workflow name is required.');
  });

  it('refuses an unknown trigger with 400 code 1000', async () => {
    const target = targetFor('8x8');
    expectError(
      await target
        .post(definitionsPath())
        .set(AUTH)
        .send({ ...newDefinition, trigger: 'email' }),
      400,
      1000,
      /trigger/,
    );
  });

  it('registers a new version on PUT; new workflows use it while running ones stay on the old', async () => {
    const target = targetFor('8x8');
    const running = await startWorkflow(target);
    const res = await target
      .put(`${definitionsPath()}/${DOCUMENTED_DEFINITION}`)
      .set(AUTH)
      .send({ ...newDefinition, definition: { name: 'Auto reply v2', steps: [{ id: 'only', stepType: 'SMS' }] } });
    expect(res.status).toBe(200);
    expectSchema(schemaId('definition.json'), res.body);
    expect(res.body).toMatchObject({ id: DOCUMENTED_DEFINITION, version: 2 });
    const history = await target.get(`${definitionsPath()}/${DOCUMENTED_DEFINITION}`).set(AUTH);
    expect((history.body as Definition[]).map((d) => d.version)).toEqual([2, 1]);
    const started = await startWorkflow(target);
    expect((await getWorkflow(target, started)).version).toBe(2);
    expect((await getWorkflow(target, running)).version).toBe(1);
    expect((await listAll(target)).map((w) => w.workflowId)).toEqual([started]);
    expect((await listAll(target, { version: 1 })).map((w) => w.workflowId)).toContain(running);
  });

  it("deletes one version with 202 and terminates only that version's active workflows", async () => {
    const target = targetFor('8x8');
    const onV1 = await startWorkflow(target);
    await target.put(`${definitionsPath()}/${DOCUMENTED_DEFINITION}`).set(AUTH).send(newDefinition);
    const onV2 = await startWorkflow(target);
    const res = await target.delete(`${definitionsPath()}/${DOCUMENTED_DEFINITION}`).query({ version: 1 }).set(AUTH);
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    expect((await getWorkflow(target, onV1)).status).toBe('Terminated');
    expect((await getWorkflow(target, onV2)).status).toBe('Runnable');
    const history = await target.get(`${definitionsPath()}/${DOCUMENTED_DEFINITION}`).set(AUTH);
    expect((history.body as Definition[]).map((d) => d.version)).toEqual([2]);
  });

  it("leaves the deleted version's finished workflows as they were", async () => {
    const target = targetFor('8x8');
    const finishedBefore = (await listAll(target, { version: 1 })).filter((w) => w.status === 'Complete' || w.status === 'Terminated');
    await target.put(`${definitionsPath()}/${DOCUMENTED_DEFINITION}`).set(AUTH).send(newDefinition);
    await target.delete(`${definitionsPath()}/${DOCUMENTED_DEFINITION}`).query({ version: 1 }).set(AUTH);
    const after = await listAll(target, { version: 1 });
    expect(after.filter((w) => w.status === 'Runnable' || w.status === 'Suspended')).toEqual([]);
    const byId = new Map(after.map((w) => [w.workflowId, w]));
    for (const workflow of finishedBefore) expect(byId.get(workflow.workflowId)).toEqual(workflow);
  });

  it('deletes a whole definition: 202, then an empty history, 404 for its workflows, and gone from the list', async () => {
    const target = targetFor('8x8');
    const created = await target.post(definitionsPath()).set(AUTH).send(newDefinition);
    const id = created.body.id as string;
    const running = await startWorkflow(target, {}, id);
    expect((await target.delete(`${definitionsPath()}/${id}`).set(AUTH)).status).toBe(202);
    const history = await target.get(`${definitionsPath()}/${id}`).set(AUTH);
    expect([history.status, history.body]).toEqual([200, []]);
    expectError(await target.get(`${workflowsPath(id)}/${running}`).set(AUTH), 404, 1300);
    expect((await listDefinitions(target)).map((d) => d.id)).not.toContain(id);
  });

  it('answers a delete of an unknown version with 404 code 1300', async () => {
    const target = targetFor('8x8');
    expectError(
      await target.delete(`${definitionsPath()}/${DOCUMENTED_DEFINITION}`).query({ version: 9 }).set(AUTH),
      404,
      1300,
      `Definition ${DOCUMENTED_DEFINITION} version 9 not found.`,
    );
  });

  it("answers an unknown definition's history with an empty list, as get-specific-definition documents", async () => {
    const target = targetFor('8x8');
    const res = await target.get(`${definitionsPath()}/2aa9465e-dec7-4c3e-8fa6-bd168af9eaca`).set(AUTH);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('answers unknown definitions on put and delete with 404 code 1300', async () => {
    const target = targetFor('8x8');
    const unknown = '2aa9465e-dec7-4c3e-8fa6-bd168af9eaca';
    expectError(await target.put(`${definitionsPath()}/${unknown}`).set(AUTH).send(newDefinition), 404, 1300);
    expectError(await target.delete(`${definitionsPath()}/${unknown}`).set(AUTH), 404, 1300);
  });

  it('pages a version history with limit and offset', async () => {
    const multi = definitions.find((d) => d.version > 2) ?? (definitions.find((d) => d.version > 1) as Definition);
    const res = await shared.get(`${definitionsPath()}/${multi.id}`).query({ limit: 1, offset: 1 }).set(AUTH);
    expect((res.body as Definition[]).map((d) => d.version)).toEqual([multi.version - 1]);
  });
});
