import type { ContractContext, ContractSuite } from '../../src/contract/types.ts';

/** Twinit contracts for any target; pass --param nsfilter=... --param workflowDefId=... for a real namespace. */
type Run = { _id: string; _status: string; _createdAt: string };
type Page = { _offset: number; _pageSize: number; _total: number; _list: Run[] };

const auth = (ctx: ContractContext) => ({ authorization: `Bearer ${ctx.param('token', 'contract-tests')}` });
const ns = (ctx: ContractContext) => ctx.param('nsfilter', 'first_tchgt1VU');

async function everyRun(ctx: ContractContext, query: Record<string, string | number> = {}): Promise<{ runs: Run[]; total: number }> {
  const runs: Run[] = [];
  let total = 0;
  for (let offset = 0, page = 0; page < Number(ctx.param('maxPages', '40')); offset += 25, page++) {
    const res = await ctx.call(
      'listWorkflows',
      { query: { nsfilter: ns(ctx), ...query, _pageSize: 25, _offset: offset }, headers: auth(ctx) },
      { status: 200 },
    );
    const body = res.body as Page | undefined;
    runs.push(...(body?._list ?? []));
    total = body?._total ?? 0;
    if (offset + 25 >= total) break;
  }
  return { runs, total };
}

export const suitesTwinit: ContractSuite[] = [
  {
    api: 'twinit',
    name: 'read and page',
    writes: false,
    async run(ctx) {
      const { runs, total } = await everyRun(ctx);
      ctx.check(runs.length === total, '_total equals the runs traversed', { total, traversed: runs.length });
      ctx.check(new Set(runs.map((r) => r._id)).size === runs.length, 'offset paging returns no run twice');
      const sorted = await everyRun(ctx, { sort: JSON.stringify({ _createdAt: 1 }) });
      const created = sorted.runs.map((r) => Date.parse(r._createdAt));
      ctx.check(
        created.every((at, i) => i === 0 || at >= (created[i - 1] ?? at)),
        'sort={"_createdAt":1} orders oldest first',
      );
      const first = runs[0];
      if (first) await ctx.call('getWorkflow', { params: { id: first._id }, query: { nsfilter: ns(ctx) }, headers: auth(ctx) }, { status: 200 });
      await ctx.call('listWorkflowDefs', { query: { nsfilter: ns(ctx) }, headers: auth(ctx) }, { status: 200 });
      await ctx.call('listWorkflows', { headers: auth(ctx) }, { status: 400 });
      await ctx.call('listWorkflows', { query: { nsfilter: ns(ctx), sort: '{"_name":' }, headers: auth(ctx) }, { status: 400 });
      await ctx.call('getWorkflow', { params: { id: 'no-such-run' }, query: { nsfilter: ns(ctx) }, headers: auth(ctx) }, { status: 404 });
    },
  },
  {
    api: 'twinit',
    name: 'run, pause, resume, terminate',
    writes: true,
    async run(ctx) {
      const defId = ctx.param('workflowDefId', '824beec4-4a58-4bf8-b9df-b86172a2d5d5');
      const created = await ctx.call(
        'createWorkflow',
        { query: { nsfilter: ns(ctx) }, body: { _workflowDefId: defId, _inputParams: {} }, headers: auth(ctx) },
        { status: 201 },
      );
      const run = created.body as Run | undefined;
      if (!ctx.check(run?._status === 'QUEUED', 'a created run is QUEUED') || !run) return;
      const listed = async (status: string) => (await everyRun(ctx, { _status: status, _defId: defId })).runs.some((r) => r._id === run._id);
      ctx.check(await listed('QUEUED'), 'it appears in the QUEUED list of its definition');
      const status = (s: string, expected: number) =>
        ctx.call(
          'updateWorkflowStatus',
          { params: { id: run._id }, query: { nsfilter: ns(ctx) }, body: { _status: s }, headers: auth(ctx) },
          { status: expected },
        );
      ctx.check(((await status('PAUSED', 200)).body as Run | undefined)?._status === 'PAUSED', 'PAUSED pauses it');
      ctx.check(await listed('PAUSED'), 'the _status filter reflects it');
      ctx.check(((await status('RESUMED', 200)).body as Run | undefined)?._status === 'RUNNING', 'RESUMED returns it to RUNNING');
      ctx.check(((await status('TERMINATED', 200)).body as Run | undefined)?._status === 'TERMINATED', 'TERMINATED ends it');
      await status('RESUMED', 409);
    },
  },
];
