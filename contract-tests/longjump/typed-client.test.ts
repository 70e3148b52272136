import { describe, expect, it } from 'vitest';
import { packLongjump } from '../../mocks/longjump/index.ts';
import { createLongjumpClient } from '../../src/clients/longjump.ts';
import { clientMock } from '../support/client-mock.ts';

// The project's typed LongJump client (types generated from schemas/ through openapi/) against the mock over real HTTP,
// breaking no request schema and answered within the response schemas.

const mock = clientMock(packLongjump);

describe('the typed LongJump client against the mock', () => {
  it('refused before login, then the session cookie carries every call', async () => {
    const api = createLongjumpClient({ baseUrl: `${mock.current().origin}/longjump` });
    const record = { objectName: 'purchase_orders', recordId: '1381445712' };
    expect((await api.workflowOwners(record)).error?.platform.message.code).toBe('-101');
    // Calling before login is the point of this step, not a client bug: drop it from the journal.
    mock.current().admin.journal.clear('longjump');
    expect((await api.login('jsmith', 'demo')).data?.platform.login.userId).toBe('123qwe456rty');
    const actions = await api.workflowActions(record);
    expect(actions.response.headers.get('content-type')).toContain('application/json');
    const approve = actions.data?.platform.workflowAction?.find((a) => a.name === 'approve');
    expect(approve?.available).toBe('1');
    const changed = await api.changeWorkflowState(record, { workflowIdOrName: 'workflow1', actionName: 'approve', comment: 'ok' });
    expect(changed.data?.platform.message.code).toBe('0');
  });
});
