import type { ContractContext, ContractSuite } from '../../src/contract/types.ts';

/** Amperity contracts for any target; pass --param tenant=... --param configId=... for a real tenant. */
type Run = { id: string; state: string; created_at: string };
type Page = { data?: Run[]; next_token?: string; total?: number };

const headers = (ctx: ContractContext) => ({
  authorization: `Bearer ${ctx.param('token', 'contract-tests')}`,
  'amperity-tenant': ctx.param('tenant', 'socktown'),
  'api-version': '2024-04-01',
});

async function traverse(ctx: ContractContext, query: Record<string, string | number>): Promise<{ runs: Run[]; total: number | undefined }> {
  const runs: Run[] = [];
  let token: string | undefined;
  let total: number | undefined;
  for (let page = 0; page < Number(ctx.param('maxPages', '60')); page++) {
    const res = await ctx.call(
      'listWorkflowRuns',
      { query: { ...query, with_total: 'true', ...(token ? { next_token: token } : {}) }, headers: headers(ctx) },
      { status: 200 },
    );
    const body = res.body as Page | undefined;
    runs.push(...(body?.data ?? []));
    total ??= body?.total;
    token = body?.next_token;
    if (!token) break;
  }
  return { runs, total };
}

export const suitesAmperity: ContractSuite[] = [
  {
    api: 'amperity',
    name: 'read and follow next_token',
    writes: false,
    async run(ctx) {
      const { runs, total } = await traverse(ctx, { limit: 20 });
      ctx.check(new Set(runs.map((r) => r.id)).size === runs.length, 'following next_token visits no run twice');
      ctx.check(total === runs.length, 'total equals the runs traversed', { total, traversed: runs.length });
      const created = runs.map((r) => Date.parse(r.created_at));
      ctx.check(
        created.every((at, i) => i === 0 || at <= (created[i - 1] ?? at)),
        'runs are listed newest first',
      );
      const first = runs[0];
      if (first) {
        await ctx.call('getWorkflowRun', { params: { id: first.id }, headers: headers(ctx) }, { status: 200 });
        await ctx.call('getWorkflowRun', { params: { id: first.id }, query: { view: 'verbose' }, headers: headers(ctx) }, { status: 200 });
      }
      await ctx.call('listWorkflowRuns', { query: { next_token: 'forged.token' }, headers: headers(ctx) }, { status: 400 });
      const { 'api-version': _version, ...withoutVersion } = headers(ctx);
      await ctx.call('listWorkflowRuns', { headers: withoutVersion }, { status: 400 });
      await ctx.call('getWorkflowRun', { params: { id: 'wf-none' }, headers: headers(ctx) }, { status: 404 });
    },
  },
  {
    api: 'amperity',
    name: 'start and stop a run',
    writes: true,
    async run(ctx) {
      const started = await ctx.call(
        'startWorkflowRun',
        { body: { config_id: ctx.param('configId', 'cg-2efo5X8vo'), run_mode: 'refresh' }, headers: headers(ctx) },
        { status: 201 },
      );
      const run = started.body as Run | undefined;
      if (!ctx.check(run?.state === 'scheduled', 'a started run is scheduled') || !run) return;
      const first = await ctx.call('listWorkflowRuns', { query: { limit: 1 }, headers: headers(ctx) }, { status: 200 });
      ctx.check((first.body as Page | undefined)?.data?.[0]?.id === run.id, 'it is listed first');
      const stopped = await ctx.call('stopWorkflowRun', { params: { id: run.id }, headers: headers(ctx) }, { status: 200 });
      ctx.check(['canceled', 'canceling'].includes((stopped.body as Run | undefined)?.state ?? ''), 'stop cancels it');
      const canceled = await traverse(ctx, { limit: 100, state: 'canceled' });
      ctx.check(
        canceled.runs.some((r) => r.id === run.id),
        'the state filter reflects it',
      );
      await ctx.call('stopWorkflowRun', { params: { id: run.id }, headers: headers(ctx) }, { status: 409 });
    },
  },
];
