import type { Json } from '../../src/core/json.ts';
import type { ContractContext, ContractSuite } from '../../src/contract/types.ts';

/** 8x8 contracts, written once for any target. Pass --param accountId=... --param definitionId=... for a real account. */
type Instance = { workflowId: string; status: string; startedAt: string; completedAt: string | null };

const ids = (ctx: ContractContext) => ({
  accountId: ctx.param('accountId', 'test_account_id'),
  definitionId: ctx.param('definitionId', '5870442f-3ddd-4657-b74c-6e17308f5230'),
});
const auth = (ctx: ContractContext) => ({ authorization: `Bearer ${ctx.param('token', 'contract-tests')}` });

async function everyWorkflow(ctx: ContractContext, query: Record<string, string | number> = {}, limit = 50): Promise<Instance[]> {
  const all: Instance[] = [];
  for (let offset = 0, page = 0; page < Number(ctx.param('maxPages', '40')); offset += limit, page++) {
    const res = await ctx.call('listWorkflowInstances', { params: ids(ctx), query: { ...query, limit, offset }, headers: auth(ctx) }, { status: 200 });
    const items = Array.isArray(res.body) ? (res.body as Instance[]) : [];
    all.push(...items);
    if (items.length < limit) break;
  }
  return all;
}

export const suites8x8: ContractSuite[] = [
  {
    api: '8x8',
    name: 'read and page',
    writes: false,
    async run(ctx) {
      await ctx.call('listDefinitions', { params: { accountId: ids(ctx).accountId }, query: { limit: 100 }, headers: auth(ctx) }, { status: 200 });
      const all = await everyWorkflow(ctx);
      ctx.check(new Set(all.map((w) => w.workflowId)).size === all.length, 'offset paging returns no workflow twice');
      const big = await everyWorkflow(ctx, {}, 500);
      ctx.check(
        JSON.stringify(big.map((w) => w.workflowId)) === JSON.stringify(all.map((w) => w.workflowId)),
        'pages of 50 visit exactly the workflows pages of 500 do, in the same order',
        { pagesOf50: all.length, pagesOf500: big.length },
      );
      const starts = all.map((w) => Date.parse(w.startedAt));
      ctx.check(
        starts.every((start, i) => i === 0 || start <= (starts[i - 1] ?? start)),
        'workflows are listed newest first',
      );
      const complete = await everyWorkflow(ctx, { status: 'Complete' });
      ctx.check(
        complete.every((w) => w.status === 'Complete'),
        'the status filter returns only that status',
      );
      const first = all[0];
      if (first) {
        const one = await ctx.call(
          'getWorkflowInstance',
          { params: { ...ids(ctx), workflowId: first.workflowId }, query: { includeLogs: 'true' }, headers: auth(ctx) },
          { status: 200 },
        );
        ctx.check((one.body as Instance | undefined)?.workflowId === first.workflowId, 'get returns the listed workflow');
        await ctx.call('listWorkflowErrors', { params: { ...ids(ctx), workflowId: first.workflowId }, headers: auth(ctx) }, { status: 200 });
      }
      const invalid = await ctx.call('listWorkflowInstances', { params: { ...ids(ctx), definitionId: 'not-a-uuid' }, headers: auth(ctx) }, { status: 400 });
      ctx.check((invalid.body as { code?: number } | undefined)?.code === 1000, 'a non-uuid definition id is error 1000');
      const missing = await ctx.call(
        'listWorkflowInstances',
        { params: { ...ids(ctx), definitionId: '00000000-0000-4000-8000-000000000000' }, headers: auth(ctx) },
        { status: 404 },
      );
      ctx.check((missing.body as { code?: number } | undefined)?.code === 1300, 'an unknown definition is error 1300');
      const zones = await ctx.call(
        'listTimezones',
        { params: { accountId: ids(ctx).accountId }, query: { contains: 'europe' }, headers: auth(ctx) },
        { status: 200 },
      );
      ctx.check(
        Array.isArray(zones.body) && zones.body.every((zone) => JSON.stringify(zone).toLowerCase().includes('europe')),
        'contains=europe lists only time zones that say europe',
      );
      await ctx.call('listFunctions', { params: { accountId: ids(ctx).accountId }, headers: auth(ctx) }, { status: 200 });
      await ctx.call('listWorkflowInstances', { params: ids(ctx), query: { limit: 0 }, headers: auth(ctx) }, { status: 400 });
      await ctx.call('listWorkflowInstances', { params: ids(ctx) }, { status: 401 });
    },
  },
  {
    api: '8x8',
    name: 'start, command and list a workflow',
    writes: true,
    async run(ctx) {
      const started = await ctx.call('startWorkflowInstance', { params: ids(ctx), body: { contract: 'lifecycle' }, headers: auth(ctx) }, { status: 201 });
      const workflowId = (started.headers['location'] ?? '').split('/').at(-1) ?? '';
      if (!ctx.check(workflowId.length > 0, 'a started workflow is named by its Location header')) return;
      const at = { params: { ...ids(ctx), workflowId }, headers: auth(ctx) };
      const observed: Json[] = [];
      const snapshot = async () => {
        const body = (await ctx.call('getWorkflowInstance', at, { status: 200 })).body;
        if (body !== undefined) observed.push(body);
        return body as Instance | undefined;
      };
      const status = async () => (await snapshot())?.status;
      const listed = async (filter: string) => (await everyWorkflow(ctx, { status: filter })).some((w) => w.workflowId === workflowId);
      ctx.check((await status()) === 'Runnable', 'a started workflow is Runnable');
      ctx.check(await listed('Runnable'), 'it appears in the Runnable list');
      await ctx.call('updateWorkflowInstanceStatus', { ...at, body: { status: 'suspend' } }, { status: 200 });
      ctx.check((await status()) === 'Suspended', 'suspend makes it Suspended');
      ctx.check(await listed('Suspended'), 'the Suspended filter reflects it');
      await ctx.call('updateWorkflowInstanceStatus', { ...at, body: { status: 'resume' } }, { status: 200 });
      await ctx.call('updateWorkflowInstanceStatus', { ...at, body: { status: 'terminate' } }, { status: 200 });
      const terminated = await snapshot();
      ctx.check(terminated?.status === 'Terminated' && terminated.completedAt !== null, 'terminate ends it with completedAt');
      const refused = await ctx.call('updateWorkflowInstanceStatus', { ...at, body: { status: 'resume' } }, { status: 400 });
      ctx.check((refused.body as { code?: number } | undefined)?.code === 1000, 'a terminated workflow cannot be resumed (error 1000)');
      await snapshot();
      ctx.checkRun(observed, 'the observed run follows the 8x8 lifecycle');
      const raised = await ctx.call(
        'raiseHttpRequestTrigger',
        { params: { accountId: ids(ctx).accountId }, body: { event: 'contract tests' }, headers: auth(ctx) },
        { status: 200 },
      );
      ctx.check(raised.body === undefined || raised.body === '', 'the http_request trigger answers 200 with no body');
    },
  },
];
