import { describe, expect, it } from 'vitest';
import { packTwinit } from '../../mocks/twinit/index.ts';
import { createTwinitClient } from '../../src/clients/twinit.ts';
import { clientMock } from '../support/client-mock.ts';

// The project's typed Twinit client (types generated from schemas/ through openapi/) against the mock over real HTTP,
// breaking no request schema and answered within the response schemas.

const mock = clientMock(packTwinit);

describe('the typed Twinit client against the mock', () => {
  it('list, get, create and set status, with the client namespace', async () => {
    const api = createTwinitClient({ baseUrl: `${mock.current().origin}/twinit`, token: 'demo', nsfilter: 'first_tchgt1VU' });
    const page = await api.listWorkflows({ _pageSize: 2 });
    const run = page.data?._list[0];
    if (!run) throw new Error(`no run listed: ${JSON.stringify(page.error)}`);
    expect((await api.getWorkflow(run._id)).data?._id).toBe(run._id);
    const created = await api.createWorkflow({ _workflowDefId: run._workflowDefId });
    expect(created.data?._status).toBe('QUEUED');
    expect((await api.setStatus(created.data?._id ?? '', 'TERMINATED')).data?._status).toBe('TERMINATED');
  });
});
