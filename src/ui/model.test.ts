import { describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { testMock } from '../assemble.ts';
import { describeConsole } from '../console/describe.ts';
import { ago, allowedCommands, fillBody, listUrl, readPage, storeIdOf, toneOf, urlOf, type ApiDescription, type ListState } from './model.ts';
import { actionsOf, commandCall, statusesOf, toneOfRun, unwrapRun } from './model.ts';

const { admin } = testMock({ seed: 1 });
const apis = (describeConsole(allPacks, admin.registry, (pack) => admin.seedData(pack.id)) as unknown as { apis: ApiDescription[] }).apis;
const api = (id: string) => apis.find((candidate) => candidate.id === id) as ApiDescription;
const state = (over: Partial<ListState> = {}): ListState => ({ filters: {}, sort: '', limit: 25, offset: 0, cursors: [], ...over });

describe('console calls', () => {
  it('build list URLs with fixed values, set filters, sort and the page', () => {
    expect(listUrl(api('nerm'), state({ filters: { status: 'pending approval', workflow_id: '' }, sort: '-created_at', offset: 50 }))).toBe(
      '/nerm/api/workflow_sessions?metadata=true&limit=25&status=pending+approval&order=-created_at&offset=50',
    );
    expect(listUrl(api('amperity'), state({ cursors: ['t1', 't2'] }))).toBe('/amperity/api/workflow/runs?with_total=true&limit=25&next_token=t2');
    expect(listUrl(api('8x8'), state())).toBe('/8x8/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows?limit=25');
  });

  it('fill path parameters from the run and encode them', () => {
    expect(urlOf(api('longjump'), api('longjump').detail, { objectName: 'purchase_orders', id: '1381445705' })).toBe(
      '/longjump/networking/rest/workflowAction/record/purchase_orders/1381445705',
    );
    expect(urlOf(api('nerm'), api('nerm').detail, { id: 'a/b c' })).toBe('/nerm/api/workflow_sessions/a%2Fb%20c');
  });

  it('fill body templates with the command and the run fields', () => {
    const commands = api('longjump').commands;
    if (commands?.kind !== 'actions') throw new Error('LongJump takes actions');
    expect(fillBody(commands.take.body, { command: 'approve' }, { workflowName: 'workflow1' })).toEqual({
      platform: { workflowChangeState: { workflowIdOrName: 'workflow1', actionName: 'approve', comment: 'from the QA console' } },
    });
    expect(storeIdOf(api('longjump'), { objectName: 'purchase_orders', id: '7' })).toBe('purchase_orders/7');
    expect(storeIdOf(api('nerm'), { id: 'x' })).toBe('x');
  });
});

describe('reading pages', () => {
  it('reads offset pages with and without a total', () => {
    const nerm = readPage(api('nerm'), { workflow_sessions: [{ id: 'a' }, { id: 'b' }], _metadata: { total: 30 } }, {}, state({ limit: 2, offset: 10 }));
    expect(nerm).toEqual({ runs: [{ id: 'a' }, { id: 'b' }], next: { offset: 12 }, total: 30 });
    expect(readPage(api('nerm'), { workflow_sessions: [{ id: 'z' }], _metadata: { total: 30 } }, {}, state({ limit: 2, offset: 29 })).next).toBeNull();
    expect(readPage(api('8x8'), [{ workflowId: 'a' }, { workflowId: 'b' }], {}, state({ limit: 2 })).next).toEqual({ offset: 2 });
    expect(readPage(api('8x8'), [{ workflowId: 'a' }], {}, state({ limit: 2 })).next).toBeNull();
  });

  it('reads cursor pages', () => {
    expect(readPage(api('amperity'), { data: [{ id: 'r' }], next_token: 'tok', total: 9 }, {}, state()).next).toEqual({ cursor: 'tok' });
    expect(readPage(api('amperity'), { data: [] }, {}, state()).next).toBeNull();
  });
});

describe('commands and states', () => {
  it('offers exactly the commands the machine allows from a state', () => {
    const commands = api('8x8').commands;
    const machine = commands?.kind === 'machine' ? commands.machine : null;
    expect(allowedCommands(machine, 'Runnable').sort()).toEqual(['suspend', 'terminate']);
    expect(allowedCommands(machine, 'Suspended').sort()).toEqual(['resume', 'terminate']);
    expect(allowedCommands(machine, 'Terminated')).toEqual([]);
  });

  it('colours states by how they stand', () => {
    expect(toneOf(null, 'COMPLETED')).toBe('done');
    expect(toneOf(null, 'Terminated')).toBe('failed');
    expect(toneOf(null, 'pending_approval')).toBe('waiting');
    expect(toneOf(null, 'RUNNING')).toBe('active');
    expect(toneOf(null, 'canceled')).toBe('failed');
  });

  it('says how long ago something happened', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(ago('2026-11-23T09:59:30Z', now)).toBe('30 s ago');
    expect(ago('2026-11-23T07:00:00Z', now)).toBe('3 h ago');
    expect(ago('2026-11-25T10:00:00Z', now)).toBe('in 2 d');
    expect(ago('2010-11-12T13:14:15Z', now)).toBe('2010-11-12');
    expect(ago('not a time', now)).toBe('');
  });
});

describe('commands with their own calls', () => {
  it('send a command through its own call, or through the call every command shares', () => {
    expect(commandCall(api('amperity'), 'stop')).toMatchObject({ method: 'POST', path: '/api/workflow/runs/{id}/stop', body: null });
    expect(urlOf(api('amperity'), commandCall(api('amperity'), 'stop') ?? api('amperity').detail, { id: 'wf-1' })).toBe(
      '/amperity/api/workflow/runs/wf-1/stop',
    );
    const shared = commandCall(api('8x8'), 'suspend');
    expect(shared?.method).toBe('PATCH');
    expect(fillBody(shared?.body ?? null, { command: 'suspend' })).toEqual({ status: 'suspend' });
    expect(commandCall(api('longjump'), 'approve')).toBeNull();
  });

  it('prefer a command own call over the shared one', () => {
    const eight = api('8x8');
    if (eight.commands?.kind !== 'machine') throw new Error('8x8 has machine commands');
    const own = { method: 'POST', path: '/runs/{workflowId}/terminate', params: { workflowId: { field: 'workflowId' } }, query: {}, body: null };
    const mixed: typeof eight = { ...eight, commands: { ...eight.commands, calls: { terminate: own } } };
    expect(commandCall(mixed, 'terminate')).toBe(own);
    expect(commandCall(mixed, 'suspend')?.method).toBe('PATCH');
  });
});

describe('several status fields', () => {
  const base = api('amperity');
  const withConclusion: ApiDescription = {
    ...base,
    fields: { ...base.fields, extraStatus: ['conclusion'] },
    tones: [
      { when: { state: ['succeeded'], conclusion: ['failure', 'timed_out'] }, tone: 'failed' },
      { when: { conclusion: [''] }, tone: 'active' },
    ],
  };

  it('show the moving status first, then every other one that is set', () => {
    expect(statusesOf(withConclusion, { state: 'succeeded', conclusion: 'failure' })).toEqual([
      ['state', 'succeeded'],
      ['conclusion', 'failure'],
    ]);
    expect(statusesOf(withConclusion, { state: 'running' })).toEqual([['state', 'running']]);
  });

  it('colour a run by the first declared rule it matches, else by its status name', () => {
    expect(toneOfRun(withConclusion, { state: 'succeeded', conclusion: 'failure' })).toBe('failed');
    expect(toneOfRun(withConclusion, { state: 'succeeded', conclusion: 'success' })).toBe('done');
    expect(toneOfRun(withConclusion, { state: 'succeeded' })).toBe('active');
    expect(toneOfRun(base, { state: 'succeeded', conclusion: 'failure' })).toBe('done');
  });
});

describe('vendor actions', () => {
  it('are read from where the API declares them, a single one as a list of one', () => {
    const longjump = api('longjump');
    const one = { name: 'approve', title: 'Approve', available: '1', nextStateId: 's2' };
    expect(actionsOf(longjump, { platform: { workflowAction: [one, { ...one, name: 'reject', title: '', available: 'false' }] } })).toEqual([
      { name: 'approve', title: 'Approve', available: true, to: 's2' },
      { name: 'reject', title: 'reject', available: false, to: 's2' },
    ]);
    expect(actionsOf(longjump, { platform: { workflowAction: one } })).toHaveLength(1);
    expect(actionsOf(longjump, { platform: { message: 'none' } })).toEqual([]);
    expect(actionsOf(api('8x8'), { platform: { workflowAction: [one] } })).toEqual([]);
  });
});

describe('a run in a reply', () => {
  it('is the body itself, or the one object a wrapper holds', () => {
    expect(unwrapRun(api('nerm'), { id: 'a', status: 'new' })).toEqual({ id: 'a', status: 'new' });
    expect(unwrapRun(api('nerm'), { workflow_session: { id: 'b' } })).toEqual({ id: 'b' });
    expect(unwrapRun(api('nerm'), { a: { id: 'x' }, b: { id: 'y' } })).toBeUndefined();
    expect(unwrapRun(api('nerm'), [{ id: 'x' }])).toBeUndefined();
    expect(unwrapRun(api('nerm'), undefined)).toBeUndefined();
  });
});
