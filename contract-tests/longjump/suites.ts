import type { ContractContext, ContractSuite } from '../../src/contract/types.ts';
import { errorSuites } from './suites/errors.ts';
import { seededReads, seededWrites } from './suites/seeded.ts';

// LongJump contracts for any target; pass --param userName=... --param password=... --param objectName=... --param recordId=...
// Reads first; the seeded walk changes the records of the mock's model before the generic change takes any action left.

type ActionsTree = { platform?: { workflowAction?: { name: string; available: string }[]; recordCount?: string } };

const loginXml = (user: string, password: string) => `<platform><login><userName>${user}</userName><password>${password}</password></login></platform>`;
const changeXml = (workflow: string, action: string) =>
  `<platform><workflowChangeState><workflowIdOrName>${workflow}</workflowIdOrName><actionName>${action}</actionName><comment>contract test</comment></workflowChangeState></platform>`;

async function login(ctx: ContractContext, user: string): Promise<void> {
  await ctx.call('login', { body: loginXml(user, ctx.param('password', 'demo')) }, { status: 200 });
}

const reads: ContractSuite[] = [
  {
    api: 'longjump',
    name: 'log in and read a record',
    writes: false,
    async run(ctx) {
      const record = { objectName: ctx.param('objectName', 'purchase_orders'), recordId: ctx.param('recordId', '1381445705') };
      await ctx.call('workflowOwners', { params: record }, { status: 400 });
      await login(ctx, ctx.param('userName', 'jsmith'));
      await ctx.call('workflowOwners', { params: record }, { status: 200 });
      const actions = (await ctx.call('listAvailableActions', { params: record }, { status: 200 })).body as ActionsTree | undefined;
      ctx.check(String(actions?.platform?.workflowAction?.length ?? 0) === actions?.platform?.recordCount, 'recordCount counts the actions listed');
      await ctx.call('listAvailableActions', { params: { ...record, recordId: 'no-such-record' } }, { status: 404 });
      await ctx.call('login', { body: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><platform/>' }, { status: 400 });
    },
  },
];

const writes: ContractSuite[] = [
  {
    api: 'longjump',
    name: "change a record's state as its owner",
    writes: true,
    async run(ctx) {
      const record = { objectName: ctx.param('objectName', 'purchase_orders'), recordId: ctx.param('changeRecordId', '1381445712') };
      const workflow = ctx.param('workflow', 'workflow1');
      await login(ctx, ctx.param('outsider', 'msmith'));
      await ctx.call('changeWorkflowState', { params: record, body: changeXml(workflow, ctx.param('action', 'approve')) }, { status: 400 });
      await login(ctx, ctx.param('userName', 'jdoe'));
      const before = (await ctx.call('listAvailableActions', { params: record }, { status: 200 })).body as ActionsTree | undefined;
      const action = before?.platform?.workflowAction?.find((a) => a.available === '1');
      if (!ctx.check(action !== undefined, 'the owner is offered an available action') || !action) return;
      await ctx.call('changeWorkflowState', { params: record, body: changeXml(workflow, action.name) }, { status: 200 });
      const after = (await ctx.call('listAvailableActions', { params: record }, { status: 200 })).body as ActionsTree | undefined;
      ctx.check(
        JSON.stringify(after?.platform?.workflowAction?.map((a) => a.name)) !== JSON.stringify(before?.platform?.workflowAction?.map((a) => a.name)),
        "the next call shows the new state's actions",
      );
      await ctx.call('workflowOwners', { params: record }, { status: 200 });
    },
  },
];

/** Every LongJump contract suite, reads first (`npm run contract`, and `contracts.test.ts` against the mock). */
export const suitesLongjump: ContractSuite[] = [...reads, ...errorSuites, ...seededReads, ...seededWrites, ...writes];
