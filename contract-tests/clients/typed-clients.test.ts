import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { create8x8Client } from '../../src/clients/8x8.ts';
import { createAmperityClient } from '../../src/clients/amperity.ts';
import { createLongjumpClient } from '../../src/clients/longjump.ts';
import { createNermClient } from '../../src/clients/nerm.ts';
import { createTwinitClient } from '../../src/clients/twinit.ts';
import type { ResponseViolation } from '../../src/engine/response-check.ts';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';

/**
 * The project's typed clients (types generated from schemas/ through openapi/), exercised against the mock over real
 * HTTP. After each test the mock's journal must hold no request that broke a request schema, and no response may
 * have broken its own schema.
 */
describe('typed clients against the mock', () => {
  const violations: ResponseViolation[] = [];
  let mock: MockServer;
  let base = '';
  beforeAll(async () => {
    mock = await startMockServer({ rateLimits: false, onViolation: (v) => violations.push(v) });
    base = mock.origin;
  });
  afterAll(() => mock.stop());
  afterEach(() => {
    mock.assertNoViolations();
    expect(violations).toEqual([]);
  });

  it('8x8: list, start (id from Location), get, suspend, and an illegal move as a typed error', async () => {
    const api = create8x8Client({ baseUrl: `${base}/8x8`, token: 'demo' });
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

  it('NERM: the flat and deepObject list forms, create, get, update and an attachment', async () => {
    const api = createNermClient({ baseUrl: `${base}/nerm`, token: 'demo' });
    const flat = await api.listSessions({ limit: 3, offset: 1 });
    const deep = await api.listSessions({ limit: 3, offset: 1 }, 'deepObject');
    expect(deep.response.url).toContain('query[limit]=3');
    expect(deep.data?.workflow_sessions.map((s) => s.id)).toEqual(flat.data?.workflow_sessions.map((s) => s.id));
    const first = flat.data?.workflow_sessions[0];
    if (!first) throw new Error('no session listed');
    const created = await api.createSession({ workflow_id: first.workflow_id, requester_id: first.requester_id, requester_type: 'User' });
    const id = created.data?.workflow_session.id ?? '';
    expect((await api.getSession(id)).data?.workflow_session.status).toBe('new');
    expect((await api.updateSession(id, { attributes: { note: 'x' } })).data?.workflow_session.attributes).toMatchObject({ note: 'x' });
    const attribute = '1246d8b3-ac29-4015-8154-dea4434a73fa';
    const uploaded = await api.uploadAttachment(id, attribute, new Blob(['a,b\r\n'], { type: 'text/csv' }), 'ab.csv');
    expect(uploaded.response.status, JSON.stringify(uploaded.error)).toBe(200);
    const url = (await api.attachmentUrl(id, attribute)).data?.url ?? '';
    expect(await (await fetch(url)).text()).toBe('a,b\r\n');
  });

  it('Twinit: list, get, create and set status, with the client namespace', async () => {
    const api = createTwinitClient({ baseUrl: `${base}/twinit`, token: 'demo', nsfilter: 'first_tchgt1VU' });
    const page = await api.listWorkflows({ _pageSize: 2 });
    const run = page.data?._list[0];
    if (!run) throw new Error(`no run listed: ${JSON.stringify(page.error)}`);
    expect((await api.getWorkflow(run._id)).data?._id).toBe(run._id);
    const created = await api.createWorkflow({ _workflowDefId: run._workflowDefId });
    expect(created.data?._status).toBe('QUEUED');
    expect((await api.setStatus(created.data?._id ?? '', 'TERMINATED')).data?._status).toBe('TERMINATED');
  });

  it('Amperity: every page through next_token, get, start and stop', async () => {
    const api = createAmperityClient({ baseUrl: `${base}/amperity`, token: 'demo', tenant: 'socktown' });
    const total = (await api.listRuns({ limit: 1, with_total: true })).data?.total;
    const ids: string[] = [];
    for await (const run of api.runs({ limit: 100 })) ids.push(run.id);
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await api.getRun('wf-20240603-12345-MNabc', 'verbose')).response.status).toBe(200);
    const started = await api.startRun({ config_id: 'cfg-1' });
    expect(started.data?.state).toBe('scheduled');
    expect((await api.stopRun(started.data?.id ?? '')).data?.state).toBe('canceled');
  });

  it('LongJump: refused before login, then the session cookie carries every call', async () => {
    const api = createLongjumpClient({ baseUrl: `${base}/longjump` });
    const record = { objectName: 'purchase_orders', recordId: '1381445712' };
    expect((await api.workflowOwners(record)).error?.platform.message.code).toBe('-101');
    // Calling before login is the point of this step, not a client bug: drop it from the journal.
    mock.engine.journal.clear('longjump');
    expect((await api.login('jsmith', 'demo')).data?.platform.login.userId).toBe('123qwe456rty');
    const actions = await api.workflowActions(record);
    expect(actions.response.headers.get('content-type')).toContain('application/json');
    const approve = actions.data?.platform.workflowAction?.find((a) => a.name === 'approve');
    expect(approve?.available).toBe('1');
    const changed = await api.changeWorkflowState(record, { workflowIdOrName: 'workflow1', actionName: 'approve', comment: 'ok' });
    expect(changed.data?.platform.message.code).toBe('0');
  });
});
