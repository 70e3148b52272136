import type { Json } from '../../../src/core/json.ts';
import type { ContractSuite } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import { account, auth, definitionId, everyWorkflow, examples, get, ids, isError, page, workflowIds, type Definition, type Instance } from '../calls.ts';

// Reading 8x8 workflow instances: the list (offset paging, filters, time windows, refusals) and one instance.

const STATUSES = ['Runnable', 'Suspended', 'Complete', 'Terminated'];
const started = (workflow: Instance) => Date.parse(workflow.startedAt);

export const workflowSuites: ContractSuite[] = [
  {
    api: '8x8',
    name: 'read and page',
    writes: false,
    async run(ctx) {
      await ctx.call('listDefinitions', { params: { accountId: account(ctx) }, query: { limit: 100 }, headers: auth(ctx) }, { status: 200 });
      const all = await everyWorkflow(ctx, {}, 50);
      ctx.check(new Set(workflowIds(all)).size === all.length, 'offset paging returns no workflow twice');
      const big = await everyWorkflow(ctx, {}, 500);
      ctx.check(
        JSON.stringify(workflowIds(big)) === JSON.stringify(workflowIds(all)),
        'pages of 50 visit exactly the workflows pages of 500 do, in the same order',
        { pagesOf50: all.length, pagesOf500: big.length },
      );
      const starts = all.map(started);
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
        const one = await get(ctx, first.workflowId, definitionId(ctx), { includeLogs: 'true' });
        ctx.check(one?.workflowId === first.workflowId, 'get returns the listed workflow');
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
      await ctx.call('listWorkflowInstances', { params: ids(ctx), query: { limit: 0 }, headers: auth(ctx) }, { status: 400 });
      await ctx.call('listWorkflowInstances', { params: ids(ctx) }, { status: 401 });
    },
  },
  {
    api: '8x8',
    name: 'list workflow instances: paging, filters, windows and refusals',
    writes: false,
    async run(ctx) {
      const everything = await everyWorkflow(ctx);
      const starts = everything.map(started);
      same(
        ctx,
        starts,
        [...starts].sort((a, b) => b - a),
        'orders workflows newest first by start time',
      );
      same(ctx, (await page(ctx, {})).length, Math.min(100, everything.length), 'answers 100 workflows when no limit is given');
      for (const limit of [1, 7, 50, 100, 500]) {
        const paged = await everyWorkflow(ctx, {}, limit);
        same(ctx, workflowIds(paged), workflowIds(everything), `pages of ${limit} concatenate to the whole list`);
        ok(ctx, new Set(workflowIds(paged)).size === paged.length, `pages of ${limit} show no workflow twice`);
      }
      same(ctx, (await page(ctx, { limit: 500 })).length, Math.min(500, everything.length), 'accepts limit 500, the documented maximum');
      same(ctx, await page(ctx, { offset: everything.length + 10 }), [], 'answers an empty list for an offset past the end');
      const refused: [string, string][] = [
        ['limit', '0'],
        ['limit', '501'],
        ['limit', '-1'],
        ['limit', 'ten'],
        ['limit', '1.5'],
        ['offset', '-1'],
        ['offset', 'x'],
        ['version', '0'],
        ['status', 'Running'],
        ['status', 'runnable'],
        ['startTimeFrom', 'yesterday'],
        ['startTimeTo', '2026-13-45'],
      ];
      for (const [name, value] of refused) {
        const res = await ctx.call('listWorkflowInstances', { params: ids(ctx), query: { [name]: value }, headers: auth(ctx) }, { status: 400 });
        isError(ctx, res, 1000, new RegExp(name), `${name}=${value} is refused`);
      }
      const twice = await ctx.call(
        'listWorkflowInstances',
        {
          params: ids(ctx),
          query: [
            ['limit', '1'],
            ['limit', '2'],
          ],
          headers: auth(ctx),
        },
        { status: 400 },
      );
      isError(ctx, twice, 1000, /limit/, 'a repeated scalar parameter is refused');
      for (const status of STATUSES) {
        const filtered = await everyWorkflow(ctx, { status });
        same(ctx, workflowIds(filtered), workflowIds(everything.filter((w) => w.status === status)), `status=${status} lists exactly the ${status} workflows`);
      }
      const pivot = everything[Math.min(40, everything.length - 1)];
      if (pivot) {
        const at = pivot.startedAt;
        const shifted = (ms: number) => new Date(started(pivot) + ms).toISOString();
        ok(ctx, workflowIds(await everyWorkflow(ctx, { startTimeFrom: at })).includes(pivot.workflowId), 'startTimeFrom includes its own instant');
        ok(ctx, workflowIds(await everyWorkflow(ctx, { startTimeTo: at })).includes(pivot.workflowId), 'startTimeTo includes its own instant');
        ok(
          ctx,
          !workflowIds(await everyWorkflow(ctx, { startTimeFrom: shifted(1) })).includes(pivot.workflowId),
          'startTimeFrom a millisecond later leaves it out',
        );
        ok(
          ctx,
          !workflowIds(await everyWorkflow(ctx, { startTimeTo: shifted(-1) })).includes(pivot.workflowId),
          'startTimeTo a millisecond earlier leaves it out',
        );
        const window = await everyWorkflow(ctx, { startTimeFrom: at, startTimeTo: at });
        ok(ctx, window.length > 0 && window.every((w) => started(w) === started(pivot)), 'a window of one instant holds only what started then');
        const day = at.slice(0, 10);
        same(
          ctx,
          workflowIds(await everyWorkflow(ctx, { startTimeTo: day })),
          workflowIds(everything.filter((w) => started(w) <= Date.parse(day))),
          'reads a date-only bound as midnight UTC',
        );
      }
      const [from, to] = [everything[Math.min(120, everything.length - 1)], everything[Math.min(30, everything.length - 1)]];
      if (from && to) {
        const inside = await everyWorkflow(ctx, { startTimeFrom: from.startedAt, startTimeTo: to.startedAt });
        same(
          ctx,
          workflowIds(inside),
          workflowIds(everything.filter((w) => started(w) >= started(from) && started(w) <= started(to))),
          'narrows a window to exactly the workflows started inside it',
        );
      }
      const complete = everything.filter((w) => w.status === 'Complete');
      same(
        ctx,
        workflowIds(await page(ctx, { status: 'Complete', limit: 5, offset: 5 })),
        workflowIds(complete.slice(5, 10)),
        'combines the status filter with paging',
      );
      const unknown = '2aa9465e-dec7-4c3e-8fa6-bd168af9eaca';
      const notFound = await ctx.call('listWorkflowInstances', { params: ids(ctx, unknown), headers: auth(ctx) }, { status: 404 });
      isError(ctx, notFound, 1300, examples.errors.definitionNotFound.message, 'a valid but unknown definition id');
      const invalid = await ctx.call('listWorkflowInstances', { params: ids(ctx, 'not-a-uuid'), headers: auth(ctx) }, { status: 400 });
      isError(ctx, invalid, 1000, examples.errors.invalidDefinitionId.message, 'a definition id that is not a uuid');
      const other = ctx.param('otherAccountId', 'demo_account_id');
      const elsewhere = await ctx.call(
        'listWorkflowInstances',
        { params: { accountId: other, definitionId: definitionId(ctx) }, headers: auth(ctx) },
        { status: 404 },
      );
      isError(ctx, elsewhere, 1300, `Definition ${definitionId(ctx)} not found.`, "one account's definition under another account");
    },
  },
  {
    api: '8x8',
    name: 'get one workflow instance, its logs and its errors',
    writes: false,
    async run(ctx) {
      const everything = await everyWorkflow(ctx);
      for (const status of STATUSES) {
        const listed = everything.find((w) => w.status === status);
        if (listed) same(ctx, await get(ctx, listed.workflowId), listed, `a ${status} workflow reads as it is listed`);
      }
      const complete = everything.find((w) => w.status === 'Complete');
      if (complete) {
        const plain = await get(ctx, complete.workflowId, definitionId(ctx), { includeLogs: 'false' });
        ok(ctx, plain !== undefined && !('logs' in plain), 'includeLogs=false shows no logs');
        const withLogs = await get(ctx, complete.workflowId, definitionId(ctx), { includeLogs: 'true' });
        ok(ctx, (withLogs?.logs ?? []).length > 0, 'includeLogs=true adds the step logs');
        same(ctx, { ...withLogs, logs: undefined }, { ...complete, logs: undefined }, 'includeLogs=true changes nothing else');
        const inSpan = (withLogs?.logs ?? []).every(
          (log) =>
            log.status === 'Complete' &&
            Date.parse(log.startedAt) >= started(complete) &&
            Date.parse(log.completedAt) <= Date.parse(complete.completedAt ?? ''),
        );
        ok(ctx, inSpan, "every step of a completed workflow is Complete within the run's time span", withLogs?.logs);
        const errors = await ctx.call('listWorkflowErrors', { params: { ...ids(ctx), workflowId: complete.workflowId }, headers: auth(ctx) }, { status: 200 });
        same(ctx, errors.body, [], 'a completed workflow has no errors');
      }
      const first = everything[0];
      if (first) {
        const maybe = await ctx.call(
          'getWorkflowInstance',
          { params: { ...ids(ctx), workflowId: first.workflowId }, query: { includeLogs: 'maybe' }, headers: auth(ctx) },
          { status: 400 },
        );
        isError(ctx, maybe, 1000, /includeLogs/, 'includeLogs that is not a boolean');
        const other = (
          (await ctx.call('listDefinitions', { params: { accountId: account(ctx) }, headers: auth(ctx) }, { status: 200 })).body as Definition[] | undefined
        )?.find((d) => d.id !== first.definitionId);
        if (other) {
          const elsewhere = await ctx.call(
            'getWorkflowInstance',
            { params: { ...ids(ctx, other.id), workflowId: first.workflowId }, headers: auth(ctx) },
            { status: 404 },
          );
          isError(ctx, elsewhere, 1300, undefined, 'a workflow under a definition it does not belong to');
        }
      }
      const unknown = await ctx.call(
        'getWorkflowInstance',
        { params: { ...ids(ctx), workflowId: '000000000000000000000000' }, headers: auth(ctx) },
        { status: 404 },
      );
      isError(ctx, unknown, 1300, 'Workflow 000000000000000000000000 not found.', 'an unknown workflow id');
      const faulted: { workflow: Instance; error: { workflowId?: Json; errorTime?: Json } | undefined }[] = [];
      for (const workflow of everything.filter((w) => w.status === 'Terminated')) {
        const res = await ctx.call('listWorkflowErrors', { params: { ...ids(ctx), workflowId: workflow.workflowId }, headers: auth(ctx) }, { status: 200 });
        const errors = (Array.isArray(res.body) ? res.body : []) as { workflowId?: Json; errorTime?: Json }[];
        if (errors.length > 0) faulted.push({ workflow, error: errors[0] });
      }
      ok(
        ctx,
        faulted.every(({ workflow, error }) => error?.workflowId === workflow.workflowId && error.errorTime === workflow.completedAt),
        "a faulted workflow's errors name it, at its completion time",
        faulted.map(({ error }) => error),
      );
    },
  },
];
