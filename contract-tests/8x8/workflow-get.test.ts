import { beforeAll, describe, expect, it } from 'vitest';
import { expectSchema } from '../support/schemas.ts';
import { targetFor, type Target } from '../support/target.ts';
import { AUTH, examples, expectError, getWorkflow, listAll, schemaId, workflowsPath, type Instance } from './support.ts';

describe('8x8 get one workflow instance', () => {
  let target: Target;
  let everything: Instance[];

  beforeAll(async () => {
    target = targetFor('8x8');
    everything = await listAll(target);
  });

  it('returns the documented example exactly as listed', async () => {
    const [example] = examples.workflowList;
    expect(await getWorkflow(target, example?.workflowId ?? '')).toEqual(example);
  });

  it('returns the same representation as the list for every status', async () => {
    for (const status of ['Runnable', 'Suspended', 'Complete', 'Terminated']) {
      const listed = everything.find((w) => w.status === status) as Instance;
      expect(await getWorkflow(target, listed.workflowId)).toEqual(listed);
    }
  });

  it('adds step logs only with includeLogs=true', async () => {
    const listed = everything[3] as Instance;
    const plain = await target.get(`${workflowsPath()}/${listed.workflowId}`).query({ includeLogs: 'false' }).set(AUTH);
    expect(plain.body.logs).toBeUndefined();
    const res = await target.get(`${workflowsPath()}/${listed.workflowId}`).query({ includeLogs: 'true' }).set(AUTH);
    expect(res.status).toBe(200);
    expectSchema(schemaId('workflow-instance.json'), res.body);
    expect(res.body.logs.length).toBeGreaterThan(0);
    expect({ ...res.body, logs: undefined }).toEqual({ ...listed, logs: undefined });
  });

  it("shows every step of a completed workflow as Complete within the run's time span", async () => {
    const complete = everything.find((w) => w.status === 'Complete') as Instance;
    const res = await target.get(`${workflowsPath()}/${complete.workflowId}`).query({ includeLogs: true }).set(AUTH);
    for (const log of res.body.logs as { status: string; startedAt: string; completedAt: string }[]) {
      expect(log.status).toBe('Complete');
      expect(Date.parse(log.startedAt)).toBeGreaterThanOrEqual(Date.parse(complete.startedAt));
      expect(Date.parse(log.completedAt)).toBeLessThanOrEqual(Date.parse(complete.completedAt ?? ''));
    }
  });

  it('refuses includeLogs that is not a boolean with 400 code 1000', async () => {
    const listed = everything[0] as Instance;
    expectError(await target.get(`${workflowsPath()}/${listed.workflowId}`).query({ includeLogs: 'maybe' }).set(AUTH), 400, 1000, /includeLogs/);
  });

  it('answers an unknown workflow id with 404 code 1300', async () => {
    expectError(await target.get(`${workflowsPath()}/000000000000000000000000`).set(AUTH), 404, 1300, 'Workflow 000000000000000000000000 not found.');
  });

  it('does not find a workflow under a definition it does not belong to', async () => {
    const defs = await target.get('/api/v1/accounts/test_account_id/definitions').set(AUTH);
    const other = (defs.body as { id: string }[]).find((d) => d.id !== everything[0]?.definitionId) as { id: string };
    const res = await target.get(`${workflowsPath(other.id)}/${everything[0]?.workflowId}`).set(AUTH);
    expectError(res, 404, 1300);
  });

  it('lists the errors of a faulted workflow and none for a completed one', async () => {
    const terminated = everything.filter((w) => w.status === 'Terminated');
    const bodies = await Promise.all(
      terminated.map(async (w) => {
        const res = await target.get(`${workflowsPath()}/${w.workflowId}/errors`).set(AUTH);
        expect(res.status).toBe(200);
        expectSchema(schemaId('workflow-error.json'), res.body);
        return { workflow: w, errors: res.body as { workflowId: string; errorTime: string }[] };
      }),
    );
    const faulted = bodies.filter((b) => b.errors.length > 0);
    expect(faulted.length).toBeGreaterThan(0);
    for (const { workflow, errors } of faulted) {
      expect(errors[0]?.workflowId).toBe(workflow.workflowId);
      expect(errors[0]?.errorTime).toBe(workflow.completedAt);
    }
    const complete = everything.find((w) => w.status === 'Complete') as Instance;
    expect((await target.get(`${workflowsPath()}/${complete.workflowId}/errors`).set(AUTH)).body).toEqual([]);
  });
});
