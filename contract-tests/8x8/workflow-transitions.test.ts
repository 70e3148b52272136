import { describe, expect, it } from 'vitest';
import { targetFor, type Target } from '../support/target.ts';
import { examples, expectError, getWorkflow, listAll, sendCommand, startWorkflow } from './support.ts';

/**
 * Every state x command pair, with the outcome the 8x8 reference documents: suspend a workflow in progress,
 * resume a suspended one, terminate either; a terminated (or completed) workflow takes no command.
 */
const DOCUMENTED: Record<string, Record<string, string | null>> = {
  Runnable: { suspend: 'Suspended', resume: null, terminate: 'Terminated' },
  Suspended: { suspend: null, resume: 'Runnable', terminate: 'Terminated' },
  Complete: { suspend: null, resume: null, terminate: null },
  Terminated: { suspend: null, resume: null, terminate: null },
};

async function workflowIn(target: Target, state: string): Promise<string> {
  if (state === 'Complete') return examples.workflowList[0]?.workflowId ?? '';
  const id = await startWorkflow(target);
  if (state === 'Suspended') expect((await sendCommand(target, id, 'suspend')).status).toBe(200);
  if (state === 'Terminated') expect((await sendCommand(target, id, 'terminate')).status).toBe(200);
  return id;
}

const cases = Object.entries(DOCUMENTED).flatMap(([state, commands]) => Object.entries(commands).map(([command, to]) => ({ state, command, to })));

describe('8x8 workflow status commands', () => {
  it.each(cases.filter((c) => c.to !== null))('$command moves a $state workflow to $to with 200 and no body', async ({ state, command, to }) => {
    const target = targetFor('8x8');
    const id = await workflowIn(target, state);
    const res = await sendCommand(target, id, command);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect((await getWorkflow(target, id)).status).toBe(to);
  });

  it.each(cases.filter((c) => c.to === null))('$command on a $state workflow is refused with 400 code 1000 and changes nothing', async ({ state, command }) => {
    const target = targetFor('8x8');
    const id = await workflowIn(target, state);
    const before = await getWorkflow(target, id);
    const res = await sendCommand(target, id, command);
    expectError(res, 400, 1000, `Cannot ${command} workflow ${id}: it is ${state}.`);
    expect(await getWorkflow(target, id)).toEqual(before);
  });

  it('stamps completedAt when a workflow is terminated and not before', async () => {
    const target = targetFor('8x8');
    const id = await startWorkflow(target);
    await sendCommand(target, id, 'suspend');
    expect((await getWorkflow(target, id)).completedAt).toBeNull();
    const before = Date.now();
    await sendCommand(target, id, 'terminate');
    const terminated = await getWorkflow(target, id);
    expect(Date.parse(terminated.completedAt ?? '')).toBeGreaterThanOrEqual(before - 5);
    expect(Date.parse(terminated.completedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(terminated.startedAt));
  });

  it('reflects a command in the status filter', async () => {
    const target = targetFor('8x8');
    const id = await startWorkflow(target);
    await sendCommand(target, id, 'suspend');
    expect((await listAll(target, { status: 'Suspended' })).map((w) => w.workflowId)).toContain(id);
    expect((await listAll(target, { status: 'Runnable' })).map((w) => w.workflowId)).not.toContain(id);
  });

  it.each([['pause'], ['Suspend'], [''], ['complete']])('refuses the unknown command %j with 400 code 1000', async (command) => {
    const target = targetFor('8x8');
    const id = await startWorkflow(target);
    expectError(await sendCommand(target, id, command), 400, 1000, /status/);
  });

  it("accepts a body without status, which the vendor's schema allows, and changes nothing", async () => {
    const target = targetFor('8x8');
    const id = await startWorkflow(target);
    const before = await getWorkflow(target, id);
    const res = await target
      .patch(`/api/v1/accounts/test_account_id/definitions/${examples.workflowList[0]?.definitionId}/workflows/${id}`)
      .set({ Authorization: 'Bearer t' })
      .send({ state: 'suspend' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(await getWorkflow(target, id)).toEqual(before);
  });

  it('accepts unknown fields next to the command', async () => {
    const target = targetFor('8x8');
    const id = await startWorkflow(target);
    expect(
      (
        await target
          .patch(`/api/v1/accounts/test_account_id/definitions/${examples.workflowList[0]?.definitionId}/workflows/${id}`)
          .set({ Authorization: 'Bearer t' })
          .send({ status: 'suspend', reason: 'maintenance' })
      ).status,
    ).toBe(200);
    expect((await getWorkflow(target, id)).status).toBe('Suspended');
  });

  it('answers a command for an unknown workflow with 404 code 1300', async () => {
    const target = targetFor('8x8');
    expectError(await sendCommand(target, 'ffffffffffffffffffffffff', 'suspend'), 404, 1300, 'Workflow ffffffffffffffffffffffff not found.');
  });

  it('lets exactly one of two racing terminate commands win', async () => {
    const target = targetFor('8x8');
    const id = await startWorkflow(target);
    const results = await Promise.all([sendCommand(target, id, 'terminate'), sendCommand(target, id, 'terminate')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });
});
