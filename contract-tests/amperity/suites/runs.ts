import type { Json, JsonObject } from '../../../src/core/json.ts';
import type { ContractSuite } from '../../../src/contract/types.ts';
import { isLike, keysOf, like, ok, same } from '../../support/suite-kit.ts';
import { get, headersFor, isAmperityError, listPage, otherTenant, runIds, start, stop, tenant, traverse, type Run, type Task } from '../calls.ts';

// Amperity runs: the overview and verbose views, starting and stopping, and the headers every call needs.

const OVERVIEW = ['created_at', 'ended_at', 'id', 'name', 'state', 'tenant', 'type'];

export const runReads: ContractSuite[] = [
  {
    api: 'amperity',
    name: 'get a run, overview and verbose',
    writes: false,
    async run(ctx) {
      const everything = (await traverse(ctx, { limit: 1000 })).runs;
      const ended = everything.find((run) => run.ended_at !== undefined);
      const active = everything.find((run) => run.state === 'running');
      if (ended) {
        const overview = await get(ctx, ended.id);
        same(ctx, keysOf(overview), OVERVIEW, 'the default view has only the seven overview fields');
        same(ctx, await get(ctx, ended.id, 'overview'), overview, 'view=overview is the default');
        same(
          ctx,
          overview,
          Object.fromEntries(Object.entries(ended).filter(([key]) => OVERVIEW.includes(key))),
          "the overview is the list's run, cut to those fields",
        );
        const verbose = await get(ctx, ended.id, 'verbose');
        ok(
          ctx,
          isLike(verbose, ended) && (verbose?.task_instances.length ?? 0) > 0,
          'view=verbose adds versions, principal fields and task instances',
          verbose,
        );
        ok(
          ctx,
          (verbose?.task_instances ?? []).every((task) => task.workflow_id === ended.id && task.tenant === ended.tenant),
          'its task instances name the run and its tenant',
        );
      }
      if (active)
        same(
          ctx,
          keysOf(await get(ctx, active.id)),
          OVERVIEW.filter((key) => key !== 'ended_at'),
          'a run that has not ended has no ended_at',
        );
      const failed = (await traverse(ctx, { state: 'failed', limit: 1000 })).runs;
      ok(ctx, failed.length > 0, 'some runs failed');
      const errorShape = { attribution: /^(customer|platform)$/, type: /./, message: /./ };
      ok(
        ctx,
        failed.every((run) => isLike(run.error, errorShape)),
        'every failed run has an error object',
        failed.map((run) => run.error),
      );
      const id = everything[0]?.id ?? 'none';
      isAmperityError(
        ctx,
        await ctx.call('getWorkflowRun', { params: { id }, query: { view: 'full' }, headers: headersFor(ctx) }, { status: 400 }),
        /view/,
        'an unknown view',
      );
      isAmperityError(
        ctx,
        await ctx.call('getWorkflowRun', { params: { id: 'wf-nope' }, headers: headersFor(ctx) }, { status: 404 }),
        'Workflow run wf-nope not found.',
        'an unknown id',
      );
      isAmperityError(
        ctx,
        await ctx.call('getWorkflowRun', { params: { id: `wf-${'x'.repeat(500)}` }, headers: headersFor(ctx) }, { status: 404 }),
        undefined,
        'an id of any length is a 404, not a 400',
      );
    },
  },
  {
    api: 'amperity',
    name: 'the headers every call needs',
    writes: false,
    async run(ctx) {
      const { authorization: _a, ...withoutToken } = headersFor(ctx);
      isAmperityError(ctx, await ctx.call('listWorkflowRuns', { headers: withoutToken }, { status: 401 }), undefined, 'a call without a bearer token');
      const { 'amperity-tenant': _t, ...withoutTenant } = headersFor(ctx);
      isAmperityError(
        ctx,
        await ctx.call('listWorkflowRuns', { headers: withoutTenant }, { status: 400 }),
        'The amperity-tenant header is required.',
        'a call without amperity-tenant',
      );
      const { 'api-version': _v, ...withoutVersion } = headersFor(ctx);
      isAmperityError(
        ctx,
        await ctx.call('listWorkflowRuns', { headers: withoutVersion }, { status: 400 }),
        /API version is required/,
        'a call without an API version',
      );
      await ctx.call('listWorkflowRuns', { query: { api_version: '2024-04-01', limit: 1 }, headers: withoutVersion }, { status: 200 });
      const old = await ctx.call('listWorkflowRuns', { headers: { ...withoutVersion, 'api-version': '2023-01-01' } }, { status: 400 });
      isAmperityError(ctx, old, /Unsupported API version/, 'an unsupported version in the header');
      const later = await ctx.call('listWorkflowRuns', { query: { api_version: '2025-01-01' }, headers: withoutVersion }, { status: 400 });
      isAmperityError(ctx, later, /Unsupported API version/, 'an unsupported version in the parameter');
      isAmperityError(ctx, await ctx.callPath('GET', '/api/workflow/configs', { headers: headersFor(ctx) }, { status: 404 }), undefined, 'an unknown route');
      const id = (await listPage(ctx, { limit: 1 })).data[0]?.id ?? 'none';
      const wrong = await ctx.callPath('DELETE', `/api/workflow/runs/${id}`, { headers: headersFor(ctx) }, { status: 405 });
      isAmperityError(ctx, wrong, undefined, 'a method the path does not allow');
      same(ctx, wrong.headers['allow'], 'GET', 'a 405 names the allowed methods in Allow');
    },
  },
];

export const runWrites: ContractSuite[] = [
  {
    api: 'amperity',
    name: 'start and stop a run',
    writes: true,
    async run(ctx) {
      const run = await start(ctx, { config_id: 'og-2LoyaltyM', run_mode: 'full', range_from: '2024-01-01', range_to: '2024-02-01T00:00:00Z' });
      if (!ctx.check(run?.state === 'scheduled', 'a started run is scheduled') || !run) return;
      like(
        ctx,
        run,
        { tenant: tenant(ctx), name: 'Loyalty Membership', type: 'amperity.orchestration.orchestration/run' },
        'it names its tenant and the workflow its config id names',
      );
      ok(
        ctx,
        !('ended_at' in run) && /^wf-\d{8}-\d{5}-\w{5}$/.test(run.id) && /^etv-\d{8}-\d{5}-\w{6}$/.test(run.launched_version),
        "it has not ended, and its ids look like Amperity's",
        run,
      );
      ok(
        ctx,
        run.task_instances.every((task) => task.state === 'scheduled' && task.tenant === tenant(ctx) && task.workflow_id === run.id),
        'its tasks are scheduled, for its tenant',
      );
      same(ctx, (await listPage(ctx, { limit: 1 })).data[0]?.id, run.id, 'it is listed first');
      ok(ctx, (await listPage(ctx, { limit: 1 }, headersFor(ctx, otherTenant(ctx)))).data[0]?.id !== run.id, 'for its tenant only');
      same(ctx, await get(ctx, run.id, 'verbose'), run, 'its verbose view is what the start answered');
      const kinds: [string, string][] = [
        ['cg-123ABc4DE', 'courier.group/run'],
        ['cc-123ABc4DE', 'campaign.send'],
        ['og-123ABc4DE', 'amperity.orchestration.orchestration/run'],
        ['', 'amperity.orchestration.orchestration/run'],
      ];
      for (const [config, type] of kinds)
        same(ctx, (await start(ctx, { config_id: config }))?.type, type, `any config id starts, ${JSON.stringify(config)} as ${type}`);
      const refused: JsonObject[] = [
        {},
        { config_id: 7 },
        { config_id: 'cfg', run_mode: 'partial' },
        { config_id: 'cfg', extra: 1 },
        { config_id: 'cfg', range_from: 'last week' },
      ];
      for (const body of refused)
        isAmperityError(
          ctx,
          await ctx.call('startWorkflowRun', { body, headers: headersFor(ctx) }, { status: 400 }),
          undefined,
          `the start body ${JSON.stringify(body)}`,
        );
      same(
        ctx,
        (await start(ctx, { config_id: 'cg-123ABc4DE', range_to: '2026-10-07T00:00:00Z' }))?.state,
        'scheduled',
        "range_to without range_from starts, as the document's schema allows",
      );
      const stopped = (await stop(ctx, run.id)).body as unknown as (Run & { task_instances: Task[] }) | undefined;
      ok(ctx, stopped?.state === 'canceled' && Date.parse(stopped.ended_at ?? '') >= Date.parse(run.created_at), 'stop cancels it, and it ends', stopped);
      same(ctx, await get(ctx, run.id, 'verbose'), stopped, 'its verbose view is what the stop answered');
      const [first, ...rest] = stopped?.task_instances ?? [];
      like(ctx, first, { state: 'canceled', created_at: stopped?.ended_at, ended_at: stopped?.ended_at }, 'its running task is canceled when it stops');
      ok(
        ctx,
        rest.every((task) => task.state === 'skipped' && task.created_at === undefined && task.ended_at === undefined),
        'the tasks after it are skipped, never started',
        rest,
      );
      ok(ctx, runIds((await traverse(ctx, { limit: 100, state: 'canceled' })).runs).includes(run.id), 'the state filter reflects it');
      isAmperityError(ctx, await stop(ctx, run.id, 409), undefined, 'a second stop');
      for (const state of ['succeeded', 'failed', 'canceled', 'stopped']) {
        const finished = (await listPage(ctx, { state, limit: 1 })).data[0];
        if (!ok(ctx, finished !== undefined, `a ${state} run to stop`) || !finished) continue;
        isAmperityError(ctx, await stop(ctx, finished.id, 409), `Workflow run ${finished.id} cannot be stopped: it is ${state}.`, `a stop of a ${state} run`);
        same(ctx, (await get(ctx, finished.id))?.state, state, `a refused stop leaves a ${state} run ${state}`);
      }
      const mine = await start(ctx);
      isAmperityError(ctx, await stop(ctx, mine?.id ?? '', 404, headersFor(ctx, otherTenant(ctx))), undefined, "a stop of another tenant's run");
      const reference = await start(ctx);
      const res = await stop(ctx, reference?.id ?? '');
      like(ctx, res.body as Json, { id: reference?.id, state: 'canceled' }, "the reference page's stop: no body, the version as a header");
    },
  },
];
