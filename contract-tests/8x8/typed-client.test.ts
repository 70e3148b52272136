import { describe, expect, it } from 'vitest';
import { pack8x8 } from '../../mocks/8x8/index.ts';
import { create8x8Client } from '../../src/clients/8x8.ts';
import { clientMock } from '../support/client-mock.ts';

// The project's typed 8x8 client (types generated from schemas/ through openapi/) against the mock over real HTTP,
// breaking no request schema and answered within the response schemas.

const mock = clientMock(pack8x8);

describe('the typed 8x8 client against the mock', () => {
  it('list, start (id from Location), get, suspend, and an illegal move as a typed error', async () => {
    const api = create8x8Client({ baseUrl: `${mock.current().origin}/8x8`, token: 'demo' });
    const definition = { accountId: 'test_account_id', definitionId: '5870442f-3ddd-4657-b74c-6e17308f5230' };
    const listed = await api.listWorkflows(definition, { limit: 2, status: 'Complete' });
    expect(listed.data?.map((w) => w.status)).toEqual(['Complete', 'Complete']);
    const { workflowId } = await api.startWorkflow(definition, { hello: 'world' });
    expect(workflowId).toMatch(/^[0-9a-f]{24}$/);
    const workflow = { ...definition, workflowId: workflowId ?? '' };
    expect((await api.getWorkflow(workflow)).data?.workflowId).toBe(workflowId);
    expect((await api.sendCommand(workflow, 'suspend')).response.status).toBe(200);
    expect((await api.sendCommand(workflow, 'suspend')).error).toMatchObject({ code: 1000 });
    expect((await api.raiseTrigger('test_account_id', { event: 'new sign up' }, 'test_subaccount_id')).response.status).toBe(200);
    expect((await api.listTimezones('test_account_id', 'europe')).data?.map((zone) => zone.id)).toContain('W. Europe Standard Time');
    expect((await api.listFunctions('test_account_id')).data?.map((fn) => fn.name)).toContain('isDayOfWeek');
  });
});
