import type { Json } from '../../../src/core/json.ts';
import type { ContractContext, ContractSuite } from '../../../src/contract/types.ts';
import { like, ok, same } from '../../support/suite-kit.ts';
import { auth, definitionId, everyRun, examples, get, isTwinitError, ns, page, runIds, runOf, secondNs, setStatus, start, type Run } from '../calls.ts';

// Twinit runs: get, create, and the status commands (PAUSED, RESUMED, RETRIED, TERMINATED) from every state.

/** The documented commands and the run states Twinit (like Conductor) applies them to. */
const DOCUMENTED: Record<string, Record<string, string | null>> = {
  QUEUED: { PAUSED: 'PAUSED', RESUMED: null, RETRIED: null, TERMINATED: 'TERMINATED' },
  RUNNING: { PAUSED: 'PAUSED', RESUMED: null, RETRIED: null, TERMINATED: 'TERMINATED' },
  PAUSED: { PAUSED: null, RESUMED: 'RUNNING', RETRIED: null, TERMINATED: 'TERMINATED' },
  COMPLETED: { PAUSED: null, RESUMED: null, RETRIED: null, TERMINATED: null },
  FAILED: { PAUSED: null, RESUMED: null, RETRIED: 'RUNNING', TERMINATED: null },
  TIMED_OUT: { PAUSED: null, RESUMED: null, RETRIED: 'RUNNING', TERMINATED: null },
  TERMINATED: { PAUSED: null, RESUMED: null, RETRIED: 'RUNNING', TERMINATED: null },
};

/** A run in a state: one the suite starts and moves where commands reach, else the first one listed in it. */
async function runIn(ctx: ContractContext, state: string): Promise<Run | undefined> {
  const moves: Record<string, string[]> = { QUEUED: [], PAUSED: ['PAUSED'], RUNNING: ['PAUSED', 'RESUMED'], TERMINATED: ['TERMINATED'] };
  const path = moves[state];
  if (!path) return (await page(ctx, { _status: state, _pageSize: 1 }))._list[0];
  const run = await start(ctx);
  for (const command of path) await setStatus(ctx, run?._id ?? '', command);
  return get(ctx, run?._id ?? '');
}

export const runSuites: ContractSuite[] = [
  {
    api: 'twinit',
    name: 'get a run',
    writes: false,
    async run(ctx) {
      const [first] = (await page(ctx, { _pageSize: 1 }))._list;
      if (first) same(ctx, await get(ctx, first._id), first, 'a run reads as it is listed');
      const hidden = (await everyRun(ctx)).find((run) => !run._namespaces.includes(secondNs(ctx)));
      if (hidden) {
        const res = await ctx.call('getWorkflow', { params: { id: hidden._id }, query: { nsfilter: secondNs(ctx) }, headers: auth(ctx) }, { status: 404 });
        isTwinitError(ctx, res, 'NOT_FOUND', `Workflow ${hidden._id} not found`, 'a run read through an nsfilter without its namespace');
      }
      isTwinitError(
        ctx,
        await ctx.call('getWorkflow', { params: { id: 'no-such-run' }, query: { nsfilter: ns(ctx) }, headers: auth(ctx) }, { status: 404 }),
        'NOT_FOUND',
        undefined,
        'an unknown id',
      );
      const looping = (await everyRun(ctx, { _name: 'sensor_batch_loop', _status: 'COMPLETED' }))[0];
      if (ok(ctx, looping !== undefined, 'a completed loop-over run is listed') && looping) {
        const plain = await get(ctx, looping._id);
        const full = await get(ctx, looping._id, { _includeLoopOverTasks: 'true' });
        const count = plain?._tasks.length ?? 0;
        ok(ctx, (full?._tasks.length ?? 0) > count, '_includeLoopOverTasks=true adds the loop-over tasks');
        same(ctx, full?._tasks.slice(0, count), plain?._tasks, 'after the tasks a plain read shows');
        same(ctx, plain, looping, 'a plain read shows them not');
      }
      const maybe = await ctx.call(
        'getWorkflow',
        { params: { id: first?._id ?? '' }, query: { nsfilter: ns(ctx), _includeLoopOverTasks: 'maybe' }, headers: auth(ctx) },
        { status: 400 },
      );
      isTwinitError(ctx, maybe, 'INVALID_INPUT', /_includeLoopOverTasks/, '_includeLoopOverTasks that is not a boolean');
      isTwinitError(
        ctx,
        await ctx.call('listWorkflows', { query: { nsfilter: ns(ctx) } }, { status: 401 }),
        'UNAUTHORIZED',
        undefined,
        'a call without a bearer token',
      );
      isTwinitError(
        ctx,
        await ctx.callPath('GET', `/workflowsvc/api/v2/workflows?nsfilter=${ns(ctx)}`, { headers: auth(ctx) }, { status: 404 }),
        'NOT_FOUND',
        undefined,
        'an unknown route',
      );
      isTwinitError(
        ctx,
        await ctx.callPath('DELETE', `/workflowsvc/api/v1/workflowdefs/x?nsfilter=${ns(ctx)}`, { headers: auth(ctx) }, { status: 405 }),
        'INVALID_INPUT',
        undefined,
        'a method the path does not allow',
      );
    },
  },
  {
    api: 'twinit',
    name: 'create a run',
    writes: true,
    async run(ctx) {
      const res = await ctx.call('createWorkflow', { query: { nsfilter: ns(ctx) }, body: examples.createRequest, headers: auth(ctx) }, { status: 201 });
      const run = runOf(res);
      if (!run) return;
      like(
        ctx,
        run,
        {
          _workflowDefId: definitionId(ctx),
          _name: examples.getResponse._name,
          _namespaces: [ns(ctx)],
          _status: 'QUEUED',
          _inputParams: examples.createRequest._inputParams,
          _output: null,
        },
        "the seed's create request makes a QUEUED run of its definition",
      );
      same(
        ctx,
        run._tasks.map((t) => [t._name, t._type, t._sequenceno, t._status]),
        [['REST_CONNECTOR', 'REST_CONNECTOR', 1, 'QUEUED']],
        "its tasks are the definition's, queued",
      );
      ok(
        ctx,
        run._createdBy === run._updatedBy && run._createdAt === run._updatedAt && run._id !== examples.getResponse._id,
        'the caller created it, just now, under a new id',
        run,
      );
      same(ctx, await get(ctx, run._id), run, 'it reads as it was created');
      same(ctx, (await page(ctx, { _pageSize: 1 }))._list[0]?._id, run._id, 'it is listed first');
      ok(
        ctx,
        runIds(await everyRun(ctx, { _status: 'QUEUED', _defId: definitionId(ctx) })).includes(run._id),
        'it appears in the QUEUED list of its definition',
      );
      const as = (token: string) =>
        ctx.call(
          'createWorkflow',
          { query: { nsfilter: ns(ctx) }, body: { _workflowDefId: definitionId(ctx) }, headers: { authorization: `Bearer ${token}` } },
          { status: 201 },
        );
      const [alice, bob, again] = [runOf(await as('alice')), runOf(await as('bob')), runOf(await as('alice'))];
      ok(
        ctx,
        alice?._createdBy !== bob?._createdBy && alice?._createdBy === again?._createdBy,
        'the creator is the caller: other tokens, other creators; the same token, the same one',
      );
      const noDef = await ctx.call('createWorkflow', { query: { nsfilter: ns(ctx) }, body: { _inputParams: {} }, headers: auth(ctx) }, { status: 400 });
      isTwinitError(ctx, noDef, 'INVALID_INPUT', /_workflowDefId/, 'a create without _workflowDefId');
      const missing = await ctx.call(
        'createWorkflow',
        { query: { nsfilter: ns(ctx) }, body: { _workflowDefId: 'missing' }, headers: auth(ctx) },
        { status: 404 },
      );
      isTwinitError(ctx, missing, 'NOT_FOUND', 'Workflow definition missing not found', 'a create naming no definition');
      const invisible = await ctx.call(
        'createWorkflow',
        { query: { nsfilter: secondNs(ctx) }, body: { _workflowDefId: definitionId(ctx) }, headers: auth(ctx) },
        { status: 404 },
      );
      isTwinitError(ctx, invisible, 'NOT_FOUND', undefined, 'a create naming a definition the nsfilter does not see');
      const misspelt = await ctx.call(
        'createWorkflow',
        { query: { nsfilter: ns(ctx) }, body: { _workflowDefId: definitionId(ctx), inputParams: {} }, headers: auth(ctx) },
        { status: 400 },
      );
      isTwinitError(ctx, misspelt, 'INVALID_INPUT', /inputParams/, 'a misspelt create field');
      same(
        ctx,
        (misspelt.body as { validationErrors?: unknown } | undefined)?.validationErrors,
        [{ path: 'inputParams', message: "body field 'inputParams' is not allowed" }],
        'the refusal names the field',
      );
      const malformed = await ctx.call(
        'createWorkflow',
        { query: { nsfilter: ns(ctx) }, body: '{"_workflowDefId"', contentType: 'application/json', headers: auth(ctx) },
        { status: 400 },
      );
      isTwinitError(ctx, malformed, 'INVALID_INPUT', 'Request body is not valid JSON', 'malformed JSON');
    },
  },
  {
    api: 'twinit',
    name: 'status commands from every state',
    writes: true,
    async run(ctx) {
      for (const [state, commands] of Object.entries(DOCUMENTED)) {
        for (const [command, to] of Object.entries(commands)) {
          const run = await runIn(ctx, state);
          if (!ok(ctx, run?._status === state, `a ${state} run to ${command}`) || !run) continue;
          if (to === null) {
            isTwinitError(
              ctx,
              await setStatus(ctx, run._id, command, 409),
              'CONFLICT',
              `Cannot apply ${command} to workflow ${run._id}: it is ${state}`,
              `${command} on a ${state} run`,
            );
            same(ctx, await get(ctx, run._id), run, `a refused ${command} changes nothing on a ${state} run`);
            continue;
          }
          const moved = runOf(await setStatus(ctx, run._id, command));
          same(ctx, moved?._status, to, `${command} moves a ${state} run to ${to}`);
          const unfinished = (moved?._tasks ?? []).filter((t) => t._status !== 'COMPLETED');
          ok(
            ctx,
            unfinished[0]?._status === to && unfinished.slice(1).every((t) => t._status === 'QUEUED'),
            `the tasks of a ${state} run follow ${command}`,
            moved?._tasks,
          );
          same(
            ctx,
            moved?._tasks.filter((t) => t._status === 'COMPLETED').map((t) => t._id),
            run._tasks.filter((t) => t._status === 'COMPLETED').map((t) => t._id),
            `completed tasks stay completed when a ${state} run takes ${command}`,
          );
          ok(ctx, Date.parse(moved?._updatedAt ?? '') > Date.parse(run._updatedAt), `${command} moves _updatedAt`);
          same(ctx, await get(ctx, run._id), moved, `a ${state} run reads as ${command} answered it`);
        }
      }
      const mine = await start(ctx);
      const other = runOf(await setStatus(ctx, mine?._id ?? '', 'PAUSED', 200, { authorization: 'Bearer someone-else' }));
      ok(ctx, other?._updatedBy !== mine?._createdBy && other?._createdBy === mine?._createdBy, 'a status change records who made it');
      const ended = await start(ctx);
      await setStatus(ctx, ended?._id ?? '', 'TERMINATED');
      ok(ctx, runIds(await everyRun(ctx, { _status: 'TERMINATED' })).includes(ended?._id ?? ''), 'the _status filter shows the new status');
      ok(ctx, !runIds(await everyRun(ctx, { _status: 'QUEUED' })).includes(ended?._id ?? ''), 'and no longer the old');
      isTwinitError(ctx, await setStatus(ctx, ended?._id ?? '', 'COMPLETED', 400), 'INVALID_INPUT', /_status/, 'an unknown command');
      const unslashed = await start(ctx);
      const res = await ctx.call(
        'updateWorkflowStatusUnslashed',
        { params: { id: unslashed?._id ?? '' }, query: { nsfilter: ns(ctx) }, body: { _status: 'PAUSED' }, headers: auth(ctx) },
        { status: 200 },
      );
      same(ctx, runOf(res)?._status, 'PAUSED', "the seed's unslashed path spelling works");
      const lifecycle = await start(ctx);
      const seen = [lifecycle, runOf(await setStatus(ctx, lifecycle?._id ?? '', 'PAUSED')), runOf(await setStatus(ctx, lifecycle?._id ?? '', 'RESUMED'))];
      seen.push(runOf(await setStatus(ctx, lifecycle?._id ?? '', 'TERMINATED')));
      await setStatus(ctx, lifecycle?._id ?? '', 'RESUMED', 409);
      ctx.checkRun(seen.filter((run) => run !== undefined) as unknown as Json[], 'the observed run follows the Twinit lifecycle');
    },
  },
];
