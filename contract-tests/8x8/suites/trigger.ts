import type { Json } from '../../../src/core/json.ts';
import type { ContractContext, ContractSuite } from '../../../src/contract/types.ts';
import { isLike, like, ok, same } from '../../support/suite-kit.ts';
import { account, auth, createDefinition, definitions, everyWorkflow, isError, type Instance } from '../calls.ts';

// POST /api/v1/accounts/{accountId}/triggers/http_request (http_request_trigger): which definitions it starts, with what.

const steps = [{ id: 'notify', stepType: 'SMS', inputs: { subAccountId: 'test_subaccount_id', destination: '{{data.user.contact}}', text: '{{data.event}}' } }];

async function create(ctx: ContractContext, fields: Record<string, Json>): Promise<string> {
  return (await createDefinition(ctx, { definition: { name: 'Trigger test', steps }, ...fields }))?.id ?? '';
}

async function workflowsByDefinition(ctx: ContractContext): Promise<Map<string, Instance[]>> {
  const all = new Map<string, Instance[]>();
  for (const definition of await definitions(ctx)) all.set(definition.id, await everyWorkflow(ctx, {}, 500, definition.id));
  return all;
}

/** The workflows that appeared between two snapshots, by definition id. */
function startedBetween(before: Map<string, Instance[]>, after: Map<string, Instance[]>): Map<string, Instance[]> {
  const out = new Map<string, Instance[]>();
  for (const [id, list] of after) {
    const known = new Set((before.get(id) ?? []).map((w) => w.workflowId));
    const fresh = list.filter((w) => !known.has(w.workflowId));
    if (fresh.length > 0) out.set(id, fresh);
  }
  return out;
}

/** The enabled http_request definitions listening on a subaccount (or on all of them). */
async function listening(ctx: ContractContext, subAccountId?: string): Promise<string[]> {
  return (await definitions(ctx))
    .filter((d) => {
      const bound = (d as { subAccountId?: string }).subAccountId;
      return d.trigger === 'http_request' && d.status === 'enabled' && (bound === undefined || bound === subAccountId);
    })
    .map((d) => d.id)
    .sort();
}

const raise = (ctx: ContractContext, body: Json | string | undefined, query: Record<string, string> = {}, accountId = account(ctx), contentType?: string) =>
  ctx.call(
    'raiseHttpRequestTrigger',
    { params: { accountId }, query, headers: auth(ctx), ...(body === undefined ? {} : { body }), ...(contentType ? { contentType } : {}) },
    { status: [200, 400] },
  );

export const triggerSuites: ContractSuite[] = [
  {
    api: '8x8',
    name: 'http_request trigger',
    writes: true,
    async run(ctx) {
      const open = await create(ctx, { trigger: 'http_request' });
      const bound = await create(ctx, { trigger: 'http_request', subAccountId: 'sales_subaccount' });
      const support = await create(ctx, { trigger: 'http_request', subAccountId: 'support_subaccount' });
      const disabled = await create(ctx, { trigger: 'http_request', status: 'disabled' });
      const sms = await create(ctx, { trigger: 'inbound_sms' });
      let before = await workflowsByDefinition(ctx);
      const body = { customer_id: 'cus_1', user: { user_id: 'u-1', contact: '6591234567', email: 'a@example.com' }, event: 'new sign up' };
      const res = await raise(ctx, body);
      ok(ctx, res.status === 200 && res.text === '', 'the trigger answers 200 with no body', res.text);
      let fresh = startedBetween(before, await workflowsByDefinition(ctx));
      same(ctx, [...fresh.keys()].sort(), await listening(ctx), 'it starts a workflow of exactly each enabled http_request definition bound to no subaccount');
      ok(
        ctx,
        fresh.has(open) && ![bound, support, disabled, sms].some((id) => fresh.has(id)),
        'and of none bound to a subaccount, disabled or on another trigger',
      );
      const started = [...fresh.values()];
      ok(
        ctx,
        started.every((workflows) => workflows.length === 1),
        'one workflow per definition per call',
        started.map((workflows) => workflows.length),
      );
      const pattern = { status: 'Runnable', completedAt: null, data: { ...body, accountId: account(ctx) } };
      ok(
        ctx,
        started.every(([workflow]) => isLike(workflow, pattern)),
        'each started workflow is Runnable with the body as its context',
        started.map(([workflow]) => workflow),
      );
      ok(
        ctx,
        started.every(
          ([workflow]) =>
            workflow !== undefined && !('subAccountId' in workflow.data) && Date.parse(String(workflow.data['triggeredAt'])) === Date.parse(workflow.startedAt),
        ),
        'each context names no subaccount, and its trigger time is its start',
        started.map(([workflow]) => workflow?.data),
      );
      before = await workflowsByDefinition(ctx);
      same(ctx, (await raise(ctx, { event: 'x' }, { subAccountId: 'sales_subaccount' })).status, 200, 'the trigger answers 200 with ?subAccountId');
      fresh = startedBetween(before, await workflowsByDefinition(ctx));
      same(ctx, [...fresh.keys()].sort(), await listening(ctx, 'sales_subaccount'), '?subAccountId starts the definitions bound to it or to none');
      ok(ctx, fresh.has(open) && fresh.has(bound) && !fresh.has(support), 'and not those bound to another subaccount');
      like(ctx, fresh.get(bound)?.[0]?.data, { event: 'x', accountId: account(ctx), subAccountId: 'sales_subaccount' }, 'the context carries the subaccount');
      same(ctx, (await raise(ctx, undefined)).status, 200, 'a trigger with no body answers 200');
      same(ctx, (await raise(ctx, {}, {}, 'nobody')).status, 200, 'a trigger on an account with no definitions answers 200');
      await raise(ctx, { accountId: 'forged', triggeredAt: 'yesterday', note: 'kept' });
      const [own] = await everyWorkflow(ctx, {}, 500, open);
      like(ctx, own?.data, { accountId: account(ctx), note: 'kept' }, 'accountId in the body does not replace the context own');
      ok(ctx, !Number.isNaN(Date.parse(String(own?.data['triggeredAt']))), 'nor does triggeredAt', own?.data);
      const notObject = await raise(ctx, '[1, 2]', {}, account(ctx), 'application/json');
      same(ctx, notObject.status, 400, 'a body that is not a JSON object is refused');
      isError(ctx, notObject, 1000, undefined, 'a body that is not a JSON object');
    },
  },
];
