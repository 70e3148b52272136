import { describe, expect, it } from 'vitest';
import { targetFor } from '../support/target.ts';
import { actionsPath, change, changeBody, expectPlatformError, login, offered, owners, tree } from './support.ts';

const PO = 'purchase_orders';

describe('LongJump state changes', () => {
  it('walks a purchase order through its workflow by its owners', async () => {
    const target = targetFor('longjump');
    const john = await login(target, 'jsmith');
    const jane = await login(target, 'jdoe');
    expect(await owners(target, john, PO, '1381445711')).toEqual(['John Smith', 'Jane Doe']);

    expect((await change(target, john, PO, '1381445711', changeBody('action1', { comment: 'over 500' }))).status).toBe(200);
    expect(await owners(target, john, PO, '1381445711')).toEqual(['John Smith']);
    expect((await offered(target, john, PO, '1381445711')).map(([n, , a]) => [n, a])).toEqual([
      ['approve', '1'],
      ['reject', '1'],
    ]);

    expect((await change(target, john, PO, '1381445711', changeBody('approve'))).status).toBe(200);
    expect(await owners(target, jane, PO, '1381445711')).toEqual(['Jane Doe']);
    expect((await offered(target, jane, PO, '1381445711')).map(([n, , a]) => [n, a])).toEqual([['close', '1']]);
    expect((await offered(target, john, PO, '1381445711')).map(([n, , a]) => [n, a])).toEqual([['close', '0']]);

    expect((await change(target, jane, PO, '1381445711', changeBody('close'))).status).toBe(200);
    expect(await owners(target, jane, PO, '1381445711')).toEqual([]);
    const final = await target.get(actionsPath(PO, '1381445711')).set('Cookie', jane).set('Accept', 'application/json');
    expect(final.body).toEqual({ platform: { message: { code: '0', description: 'Success' }, recordCount: '0' } });
  });

  it('records who moved the record and when', async () => {
    const target = targetFor('longjump');
    const john = await login(target, 'jsmith');
    const before = Date.now();
    expect((await change(target, john, PO, '1381445706', changeBody('action1'))).status).toBe(200);
    const stored = await target.inspect?.('longjump', 'records', `${PO}/1381445706`);
    if (!stored) return; // an external target has no store to look into
    expect(stored.data['modified_id']).toEqual({ id: '123qwe456rty', displayValue: 'Smith;;John' });
    expect(Date.parse(String(stored.data['date_modified']))).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(stored.meta['history']).toMatchObject([
      { from: '38c8725a13e04ec08796f1b0791da071', to: '0a324a8eea444adc861f8a0d42f384bd', action: 'action1', by: '123qwe456rty' },
    ]);
  });

  it('lets the acting owner choose the next owner where the state allows it', async () => {
    const target = targetFor('longjump');
    const john = await login(target, 'jsmith');
    expect((await change(target, john, PO, '1381445714', changeBody('approve', { owner: 'Mary Smith' }))).status).toBe(200);
    expect(await owners(target, john, PO, '1381445714')).toEqual(['Mary Smith']);
    const mary = await login(target, 'msmith');
    expect((await offered(target, mary, PO, '1381445714')).map(([n, , a]) => [n, a])).toEqual([
      ['approve', '1'],
      ['reject', '1'],
    ]);
    expect((await change(target, mary, PO, '1381445714', changeBody('approve'))).status).toBe(200);
  });

  it('refuses a choice of owner who is not a decision-maker of the next state', async () => {
    const target = targetFor('longjump');
    const john = await login(target, 'jsmith');
    expectPlatformError(await change(target, john, PO, '1381445714', changeBody('approve', { owner: 'Jane Doe' })), 404, '-200', /userChoiceOwner/);
    expect(await owners(target, john, PO, '1381445714')).toEqual(['John Smith']);
  });

  it('refuses a user who is not an owner with -850 and changes nothing', async () => {
    const target = targetFor('longjump');
    const mary = await login(target, 'msmith');
    expectPlatformError(await change(target, mary, PO, '1381445706', changeBody('action1')), 400, '-850', /Insufficient permission/);
    expect(await owners(target, mary, PO, '1381445706')).toEqual(['John Smith', 'Jane Doe']);
  });

  it.each([
    ['an action of another state', '1381445706', 'approve'],
    ['an action whose criteria the record does not meet', '1381445705', 'action1'],
    ['an unknown action', '1381445706', 'teleport'],
  ])('refuses %s with -300', async (_case, recordId, action) => {
    const target = targetFor('longjump');
    const john = await login(target, 'jsmith');
    const before = await offered(target, john, PO, recordId);
    expectPlatformError(await change(target, john, PO, recordId, changeBody(action)), 400, '-300', new RegExp(action));
    expect(await offered(target, john, PO, recordId)).toEqual(before);
  });

  it("refuses a workflow that is not the object's with -200", async () => {
    const target = targetFor('longjump');
    const john = await login(target, 'jsmith');
    expectPlatformError(await change(target, john, PO, '1381445706', changeBody('action1', { workflow: 'expense_flow' })), 404, '-200', /workflow/);
  });

  it('accepts the workflow by id as well as by name, and JSON bodies', async () => {
    const target = targetFor('longjump');
    const john = await login(target, 'jsmith');
    const res = await target
      .post('/networking/rest/record/purchase_orders/1381445707/operation/changeWorkflowState')
      .set('Cookie', john)
      .send({ platform: { workflowChangeState: { workflowIdOrName: '4f6e2a9c1b7d4e3fa5c8d9e0b1a2c3d4', actionName: 'action1' } } });
    expect(res.status).toBe(200);
    expect(tree(res.text)).toEqual({ platform: { message: { code: '0', description: 'Success' } } });
  });
});
