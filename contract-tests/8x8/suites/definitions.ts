import type { Json, JsonObject } from '../../../src/core/json.ts';
import type { ContractSuite } from '../../../src/contract/types.ts';
import { keysOf, like, ok, same } from '../../support/suite-kit.ts';
import {
  account,
  auth,
  command,
  definitionId,
  definitions,
  definitionsPath,
  everyWorkflow,
  get,
  ids,
  isError,
  start,
  versions,
  workflowIds,
  type Definition,
} from '../calls.ts';

// 8x8 workflow definitions: the list, versions (PUT), deletes, and the definitionInput bodies create and update take.

const newDefinition: JsonObject = {
  trigger: 'http_request',
  status: 'enabled',
  definition: {
    name: 'Order shipped',
    steps: [
      {
        id: 'notify',
        stepType: 'SMS',
        inputs: { subAccountId: 'test_subaccount_id', destination: '{{data.user.contact}}', text: 'Your order has shipped.' },
        nextStepId: 'wait',
      },
      { id: 'wait', stepType: 'Wait', inputs: { duration: '00:05:00' } },
    ],
  },
};
const steps: Json[] = [
  { id: 'reply', stepType: 'SMS', inputs: { subAccountId: 'test_subaccount_id', destination: '{{data.payload.user.msisdn}}', text: 'Hi!' } },
];
const UNKNOWN = '2aa9465e-dec7-4c3e-8fa6-bd168af9eaca';

export const definitionReads: ContractSuite[] = [
  {
    api: '8x8',
    name: 'list definitions and their versions',
    writes: false,
    async run(ctx) {
      const listed = await definitions(ctx);
      ok(
        ctx,
        listed.some((d) => d.id === definitionId(ctx)),
        "the documented definition is among the account's definitions",
      );
      const created = listed.map((d) => Date.parse(d.createdAt));
      same(
        ctx,
        created,
        [...created].sort((a, b) => b - a),
        'definitions are listed newest first',
      );
      ok(
        ctx,
        listed.every((d) => d.accountId === account(ctx)),
        'every definition listed belongs to the account',
      );
      const paged = await ctx.call(
        'listDefinitions',
        { params: { accountId: account(ctx) }, query: { limit: 2, offset: 1 }, headers: auth(ctx) },
        { status: 200 },
      );
      same(
        ctx,
        ((paged.body ?? []) as Definition[]).map((d) => d.id),
        listed.slice(1, 3).map((d) => d.id),
        'limit and offset page the definitions',
      );
      same(ctx, await versions(ctx, UNKNOWN), [], "an unknown definition's history is an empty list, as get-specific-definition documents");
    },
  },
];

export const definitionWrites: ContractSuite[] = [
  {
    api: '8x8',
    name: 'create, version and delete definitions',
    writes: true,
    async run(ctx) {
      const res = await ctx.call('createDefinition', { params: { accountId: account(ctx) }, body: newDefinition, headers: auth(ctx) }, { status: 201 });
      const created = res.body as Definition | undefined;
      if (!created) return;
      like(ctx, created, { ...newDefinition, version: 1, accountId: account(ctx) }, 'a create stores version 1 of what was sent');
      ok(
        ctx,
        (res.headers['location'] ?? '').endsWith(`${definitionsPath(ctx)}/${created.id}`),
        'a create names the definition in Location',
        res.headers['location'],
      );
      same(ctx, (await definitions(ctx))[0]?.id, created.id, 'a new definition is listed first');
      const quiet = await ctx.call(
        'createDefinition',
        { params: { accountId: account(ctx) }, body: { trigger: 'inbound_sms', definition: { name: 'Quiet', steps: [] } }, headers: auth(ctx) },
        { status: 201 },
      );
      same(ctx, (quiet.body as Definition | undefined)?.status, 'disabled', 'a definition created without a status is disabled');
      const nameless: Json[] = [
        { trigger: 'http_request', definition: { steps: [] } },
        { trigger: 'http_request', definition: { name: '', steps: [] } },
        { trigger: 'http_request' },
      ];
      for (const body of nameless) {
        const refused = await ctx.call('createDefinition', { params: { accountId: account(ctx) }, body, headers: auth(ctx) }, { status: 400 });
        isError(ctx, refused, 5001, 'Workflow name is required.', `a definition without a name (${JSON.stringify(body)})`);
      }
      const email = await ctx.call(
        'createDefinition',
        { params: { accountId: account(ctx) }, body: { ...newDefinition, trigger: 'email' }, headers: auth(ctx) },
        { status: 400 },
      );
      isError(ctx, email, 1000, /trigger/, 'an unknown trigger');

      // A new version: new workflows use it, running ones stay on theirs.
      const running = await start(ctx, {}, created.id);
      const finished = await start(ctx, {}, created.id);
      await command(ctx, finished, 'terminate', 200, created.id);
      const finishedBefore = await get(ctx, finished, created.id);
      const v2 = await ctx.call(
        'updateDefinition',
        {
          params: ids(ctx, created.id),
          body: { ...newDefinition, definition: { name: 'Order shipped v2', steps: [{ id: 'only', stepType: 'SMS' }] } },
          headers: auth(ctx),
        },
        { status: 200 },
      );
      like(ctx, v2.body, { id: created.id, version: 2 }, 'PUT registers version 2');
      same(
        ctx,
        (await versions(ctx, created.id)).map((d) => d.version),
        [2, 1],
        'the version history lists versions newest first',
      );
      const onV2 = await start(ctx, {}, created.id);
      same(ctx, (await get(ctx, onV2, created.id))?.version, 2, 'new workflows start on the latest version');
      same(ctx, (await get(ctx, running, created.id))?.version, 1, 'running workflows stay on their version');
      same(ctx, workflowIds(await everyWorkflow(ctx, {}, 500, created.id)), [onV2], "the list shows the latest version's workflows by default");
      ok(ctx, workflowIds(await everyWorkflow(ctx, { version: 1 }, 500, created.id)).includes(running), "?version=1 lists the first version's");
      same(ctx, await everyWorkflow(ctx, { version: 7 }, 500, created.id), [], '?version of a version that does not exist lists nothing');
      await ctx.call('updateDefinition', { params: ids(ctx, created.id), body: newDefinition, headers: auth(ctx) }, { status: 200 });
      const second = await ctx.call(
        'getDefinitionVersions',
        { params: ids(ctx, created.id), query: { limit: 1, offset: 1 }, headers: auth(ctx) },
        { status: 200 },
      );
      same(
        ctx,
        ((second.body ?? []) as Definition[]).map((d) => d.version),
        [2],
        'limit and offset page a version history',
      );

      // Deleting one version ends its active workflows and leaves its finished ones as they were.
      const deleted = await ctx.call('deleteDefinition', { params: ids(ctx, created.id), query: { version: 1 }, headers: auth(ctx) }, { status: 202 });
      ok(ctx, deleted.text === '', 'a delete answers 202 with no body');
      same(ctx, (await get(ctx, running, created.id))?.status, 'Terminated', "a deleted version's active workflows are terminated");
      same(ctx, (await get(ctx, onV2, created.id))?.status, 'Runnable', "another version's workflows run on");
      same(ctx, await get(ctx, finished, created.id), finishedBefore, "a deleted version's finished workflows stay as they were");
      const leftOnV1 = await everyWorkflow(ctx, { version: 1 }, 500, created.id);
      ok(
        ctx,
        leftOnV1.length > 0 && leftOnV1.every((w) => w.status === 'Complete' || w.status === 'Terminated'),
        'no workflow of a deleted version is left active',
        leftOnV1,
      );
      same(
        ctx,
        (await versions(ctx, created.id)).map((d) => d.version),
        [3, 2],
        'the history no longer lists the deleted version',
      );
      const missing = await ctx.call('deleteDefinition', { params: ids(ctx, created.id), query: { version: 9 }, headers: auth(ctx) }, { status: 404 });
      isError(ctx, missing, 1300, `Definition ${created.id} version 9 not found.`, 'a delete of an unknown version');

      // Deleting the whole definition.
      await ctx.call('deleteDefinition', { params: ids(ctx, created.id), headers: auth(ctx) }, { status: 202 });
      same(ctx, await versions(ctx, created.id), [], "a deleted definition's history is empty");
      const gone = await ctx.call('getWorkflowInstance', { params: { ...ids(ctx, created.id), workflowId: onV2 }, headers: auth(ctx) }, { status: 404 });
      isError(ctx, gone, 1300, undefined, "a deleted definition's workflows");
      ok(ctx, !(await definitions(ctx)).some((d) => d.id === created.id), 'a deleted definition is no longer listed');
      const put = await ctx.call('updateDefinition', { params: ids(ctx, UNKNOWN), body: newDefinition, headers: auth(ctx) }, { status: 404 });
      isError(ctx, put, 1300, undefined, 'a PUT of an unknown definition');
      const removed = await ctx.call('deleteDefinition', { params: ids(ctx, UNKNOWN), headers: auth(ctx) }, { status: 404 });
      isError(ctx, removed, 1300, undefined, 'a delete of an unknown definition');
    },
  },
  {
    api: '8x8',
    name: 'definition bodies: definitionInput as the document defines it',
    writes: true,
    async run(ctx) {
      const create = (body: Json, expected = 201) =>
        ctx.call('createDefinition', { params: { accountId: account(ctx) }, body, headers: auth(ctx) }, { status: expected });
      const same1 = (await create({ accountId: account(ctx), trigger: 'inbound_sms', definition: { name: 'Same', steps } })).body as Definition | undefined;
      same(ctx, same1?.accountId, account(ctx), 'the accountId definitionInput requires is accepted');
      const other = (await create({ accountId: 'someone_else', trigger: 'inbound_sms', definition: { name: 'Other', steps } })).body as Definition | undefined;
      same(ctx, other?.accountId, account(ctx), "the definition belongs to the path's account, whatever the body says");
      same(ctx, await versions(ctx, other?.id ?? '', {}, 'someone_else'), [], "and is not the body's account's");
      const extra = (await create({ trigger: 'inbound_sms', definition: { name: 'Extra', steps }, labels: ['a'], id: 'not-mine', version: 9 })).body as
        | Definition
        | undefined;
      same(
        ctx,
        keysOf(extra),
        ['accountId', 'createdAt', 'definition', 'id', 'status', 'trigger', 'version'],
        'unknown top-level fields are accepted and only the documented ones kept',
      );
      ok(ctx, extra?.version === 1 && extra.id !== 'not-mine', "the id and version are the provider's", extra);
      const definition = {
        name: 'Mine',
        description: 'kept',
        steps: [...steps, { id: 'loop', stepType: 'If', do: [[{ id: 'inner', stepType: 'Wait', inputs: { duration: '1' } }]] }],
      };
      same(
        ctx,
        ((await create({ trigger: 'inbound_sms', definition })).body as Definition | undefined)?.definition,
        definition,
        'the definition object is kept exactly as sent',
      );
      const spelled = (await create({ subaccountId: 'sales_subaccount', trigger: 'inbound_sms', definition: { name: 'S', steps } })).body as
        | Record<string, Json>
        | undefined;
      ok(ctx, spelled?.['subAccountId'] === 'sales_subaccount' && !('subaccountId' in spelled), 'subaccountId is read as subAccountId', spelled);
      const both = (await create({ subAccountId: 'a', subaccountId: 'b', trigger: 'inbound_sms', definition: { name: 'S', steps } })).body as
        | Record<string, Json>
        | undefined;
      same(ctx, both?.['subAccountId'], 'a', 'subAccountId wins over subaccountId');
      const none = (await create({ subAccountId: null, trigger: 'inbound_sms', definition: { name: 'S', steps } })).body as Record<string, Json> | undefined;
      ok(ctx, none !== undefined && !('subAccountId' in none), 'a null subaccount is left out', none);
      await create({ trigger: 'inbound_sms', definition: { name: 'Bare', steps: [{ id: 'only' }] } });
      const badSteps: [string, Json][] = [
        ['a Wait step without inputs', { id: 'w', stepType: 'Wait' }],
        ['an SMS step whose inputs lack text', { id: 's', stepType: 'SMS', inputs: { subAccountId: 'x', destination: '1' } }],
        ['a Branch step without selectNextStep', { id: 'b', stepType: 'Branch' }],
        ['a step without id', { stepType: 'If' }],
      ];
      for (const [what, step] of badSteps)
        isError(ctx, await create({ trigger: 'inbound_sms', definition: { name: 'Bad', steps: [step] } }, 400), 1000, undefined, what);
      const named = (await create({ trigger: 'inbound_sms', definition: { name: 'Named', steps } })).body as Definition | undefined;
      const nameless = await ctx.call(
        'updateDefinition',
        { params: ids(ctx, named?.id ?? ''), body: { accountId: account(ctx), trigger: 'inbound_sms', definition: { steps } }, headers: auth(ctx) },
        { status: 400 },
      );
      isError(ctx, nameless, 5001, 'Workflow name is required.', 'an update without a name');
    },
  },
];
