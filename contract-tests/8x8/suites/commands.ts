import type { Json } from '../../../src/core/json.ts';
import type { ContractContext, ContractSuite } from '../../../src/contract/types.ts';
import { like, ok, same } from '../../support/suite-kit.ts';
import { account, auth, command, createDefinition, definitionId, everyWorkflow, get, ids, isError, page, start, workflowIds, type Instance } from '../calls.ts';

/** Starting 8x8 workflow instances and the status commands (suspend, resume, terminate), on workflows the suites start. */

// Every state x command pair, with the outcome the 8x8 reference documents: suspend a workflow in progress, resume a
// suspended one, terminate either; a terminated (or completed) workflow takes no command.

const DOCUMENTED: Record<string, Record<string, string | null>> = {
  Runnable: { suspend: 'Suspended', resume: null, terminate: 'Terminated' },
  Suspended: { suspend: null, resume: 'Runnable', terminate: 'Terminated' },
  Complete: { suspend: null, resume: null, terminate: null },
  Terminated: { suspend: null, resume: null, terminate: null },
};

async function workflowIn(ctx: ContractContext, state: string): Promise<string | undefined> {
  if (state === 'Complete') return (await page(ctx, { status: 'Complete', limit: 1 }))[0]?.workflowId;
  const id = await start(ctx);
  if (state === 'Suspended') await command(ctx, id, 'suspend', 200);
  if (state === 'Terminated') await command(ctx, id, 'terminate', 200);
  return id;
}

export const commandSuites: ContractSuite[] = [
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
      const listed = async (filter: string) => workflowIds(await everyWorkflow(ctx, { status: filter }, 50)).includes(workflowId);
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
        { params: { accountId: account(ctx) }, body: { event: 'contract tests' }, headers: auth(ctx) },
        { status: 200 },
      );
      ctx.check(raised.body === undefined || raised.body === '', 'the http_request trigger answers 200 with no body');
    },
  },
  {
    api: '8x8',
    name: 'start a workflow instance',
    writes: true,
    async run(ctx) {
      const plain = await ctx.call('startWorkflowInstance', { params: ids(ctx), body: { hello: 'world' }, headers: auth(ctx) }, { status: 201 });
      ok(
        ctx,
        /\/workflows\/[0-9a-f]{24}$/.test(plain.headers['location'] ?? '') && plain.text === '',
        'a start answers 201 with a Location header and no body',
        plain.text,
      );
      const payload = { umid: 'u-1', content: { text: 'start me' }, nested: { deep: [1, 2, 3] } };
      const id = await start(ctx, payload);
      const workflow = await get(ctx, id);
      like(
        ctx,
        workflow,
        { workflowId: id, status: 'Runnable', completedAt: null, version: 1, data: { payload, accountId: account(ctx) } },
        'a started workflow is Runnable with the posted payload in its context',
      );
      ok(ctx, started(workflow) >= Date.parse(String(workflow?.data['triggeredAt'])), 'it starts no earlier than it was triggered', workflow?.data);
      same(ctx, Number.parseInt(id.slice(0, 8), 16), Math.floor(started(workflow) / 1000), 'its id encodes the start time in its first 8 hex digits');
      same(ctx, (await page(ctx, { limit: 1 }))[0]?.workflowId, id, 'the new workflow is listed first');
      same(ctx, (await page(ctx, { limit: 1, status: 'Runnable' }))[0]?.workflowId, id, 'the new workflow is first among the Runnable ones');
      const logs = await get(ctx, id, definitionId(ctx), { includeLogs: 'true' });
      same(ctx, logs?.logs, [], 'no step log shows until a step has run');
      const before = await page(ctx, { limit: 10, offset: 0 });
      await start(ctx);
      same(ctx, workflowIds(await page(ctx, { limit: 10, offset: 1 })), workflowIds(before), 'a start shifts the following pages by one');
      const empty = await ctx.call('startWorkflowInstance', { params: ids(ctx), headers: auth(ctx) }, { status: 201 });
      same(
        ctx,
        (await get(ctx, (empty.headers['location'] ?? '').split('/').at(-1) ?? ''))?.data['payload'],
        {},
        'a start with no body records an empty payload',
      );
      const own = await createDefinition(ctx);
      if (own) {
        await ctx.call(
          'updateDefinition',
          {
            params: ids(ctx, own.id),
            body: { trigger: 'inbound_sms', status: 'enabled', definition: { name: 'Auto reply v2', steps: [] } },
            headers: auth(ctx),
          },
          { status: 200 },
        );
        const older = await start(ctx, {}, own.id, { version: 1 });
        same(ctx, (await get(ctx, older, own.id))?.version, 1, '?version starts a chosen older version');
        const missing = await ctx.call(
          'startWorkflowInstance',
          { params: ids(ctx, own.id), query: { version: 7 }, body: {}, headers: auth(ctx) },
          { status: 404 },
        );
        isError(ctx, missing, 1300, `Definition ${own.id} version 7 not found.`, 'a start of an unknown version');
      }
      const disabled = await createDefinition(ctx, { status: 'disabled' });
      if (disabled) {
        const res = await ctx.call('startWorkflowInstance', { params: ids(ctx, disabled.id), body: {}, headers: auth(ctx) }, { status: 400 });
        isError(ctx, res, 1000, `Definition ${disabled.id} is disabled.`, 'a start from a disabled definition');
      }
      const malformed = await ctx.call(
        'startWorkflowInstance',
        { params: ids(ctx), body: '{"payload": ', contentType: 'application/json', headers: auth(ctx) },
        { status: 400 },
      );
      isError(ctx, malformed, 1000, /not valid JSON/, 'malformed JSON');
      const text = await ctx.call('startWorkflowInstance', { params: ids(ctx), body: 'hello', contentType: 'text/plain', headers: auth(ctx) }, { status: 415 });
      isError(ctx, text, 1000, /Content-Type/, 'a body that is not JSON');
      const big = JSON.stringify({ blob: 'x'.repeat(1024 * 1024) });
      const tooBig = await ctx.call(
        'startWorkflowInstance',
        { params: ids(ctx), body: big, contentType: 'application/json', headers: auth(ctx) },
        { status: 413 },
      );
      isError(ctx, tooBig, 1000, undefined, 'a body over 1 MiB');
      same(ctx, (await page(ctx, { limit: 1 })).length, 1, 'the mock keeps serving after a body over 1 MiB');
      const justUnder = JSON.stringify({ blob: 'x'.repeat(1024 * 1024 - 20) });
      await ctx.call('startWorkflowInstance', { params: ids(ctx), body: justUnder, contentType: 'application/json', headers: auth(ctx) }, { status: 201 });
      const hostile = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}';
      const proto = await ctx.call(
        'startWorkflowInstance',
        { params: ids(ctx), body: hostile, contentType: 'application/json', headers: auth(ctx) },
        { status: 201 },
      );
      const kept = await get(ctx, (proto.headers['location'] ?? '').split('/').at(-1) ?? '');
      same(
        ctx,
        JSON.stringify(kept?.data['payload']),
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
        '"__proto__" keys in a payload are kept as plain data',
      );
      ok(ctx, ({} as Record<string, unknown>)['polluted'] === undefined, 'and pollute no prototype');
    },
  },
  {
    api: '8x8',
    name: 'status commands from every state',
    writes: true,
    async run(ctx) {
      for (const [state, commands] of Object.entries(DOCUMENTED)) {
        for (const [name, to] of Object.entries(commands)) {
          const id = await workflowIn(ctx, state);
          if (!ok(ctx, id !== undefined, `a ${state} workflow to ${name}`)) continue;
          const workflowId = id ?? '';
          if (to !== null) {
            const res = await command(ctx, workflowId, name, 200);
            ok(ctx, res.text === '', `${name} on a ${state} workflow answers 200 with no body`, res.text);
            same(ctx, (await get(ctx, workflowId))?.status, to, `${name} moves a ${state} workflow to ${to}`);
          } else {
            const before = await get(ctx, workflowId);
            isError(
              ctx,
              await command(ctx, workflowId, name, 400),
              1000,
              `Cannot ${name} workflow ${workflowId}: it is ${state}.`,
              `${name} on a ${state} workflow`,
            );
            same(ctx, await get(ctx, workflowId), before, `a refused ${name} changes nothing on a ${state} workflow`);
          }
        }
      }
      const suspended = await start(ctx);
      await command(ctx, suspended, 'suspend', 200);
      same(ctx, (await get(ctx, suspended))?.completedAt, null, 'a suspended workflow has no completedAt');
      const before = Date.now();
      await command(ctx, suspended, 'terminate', 200);
      const terminated = await get(ctx, suspended);
      const completed = Date.parse(terminated?.completedAt ?? '');
      ok(ctx, completed >= before - 5 && completed >= started(terminated), 'terminate stamps completedAt at that moment', terminated);
      const moved = await start(ctx);
      await command(ctx, moved, 'suspend', 200);
      ok(ctx, workflowIds(await everyWorkflow(ctx, { status: 'Suspended' })).includes(moved), 'the Suspended filter shows a suspended workflow');
      ok(ctx, !workflowIds(await everyWorkflow(ctx, { status: 'Runnable' })).includes(moved), 'the Runnable filter no longer does');
      for (const unknown of ['pause', 'Suspend', '', 'complete']) {
        isError(ctx, await command(ctx, await start(ctx), unknown, 400), 1000, /status/, `the unknown command ${JSON.stringify(unknown)}`);
      }
      const quiet = await start(ctx);
      const unchanged = await get(ctx, quiet);
      const noStatus = await ctx.call(
        'updateWorkflowInstanceStatus',
        { params: { ...ids(ctx), workflowId: quiet }, body: { state: 'suspend' }, headers: auth(ctx) },
        { status: 200 },
      );
      ok(ctx, noStatus.text === '', "a body without status, which the vendor's schema allows, answers 200 with no body");
      same(ctx, await get(ctx, quiet), unchanged, 'and changes nothing');
      const extra = await start(ctx);
      await ctx.call(
        'updateWorkflowInstanceStatus',
        { params: { ...ids(ctx), workflowId: extra }, body: { status: 'suspend', reason: 'maintenance' }, headers: auth(ctx) },
        { status: 200 },
      );
      same(ctx, (await get(ctx, extra))?.status, 'Suspended', 'unknown fields next to the command are accepted');
      const unknown = await command(ctx, 'ffffffffffffffffffffffff', 'suspend', 404);
      isError(ctx, unknown, 1300, 'Workflow ffffffffffffffffffffffff not found.', 'a command for an unknown workflow');
      const raced = await start(ctx);
      const statuses = await Promise.all([command(ctx, raced, 'terminate', [200, 400]), command(ctx, raced, 'terminate', [200, 400])]);
      same(ctx, statuses.map((res) => res.status).sort(), [200, 400], 'exactly one of two racing terminate commands wins');
    },
  },
];

function started(workflow: Instance | undefined): number {
  return Date.parse(workflow?.startedAt ?? '');
}
