import type { ContractSuite } from '../../../src/contract/types.ts';
import { like, ok, same } from '../../support/suite-kit.ts';
import { change, changeXml, elementOrder, example, isPlatformError, login, names, offered, owners, record, tree } from '../calls.ts';

// LongJump as the mock's model holds it (fixtures/longjump/model.json): the seed document's record answering as the
// document does, every branch of the criteria and the same-name rules, and records walked through their workflow.

/** Next states named in seed 004 for the three action1 actions of state 38c8725a...: amount <= 100, > 500, and 100 < amount <= 500. */
const AT_MOST_100 = '0a324a8eea444adc861f8a0d42f384bd';
const OVER_500 = '90e2323956e24c0a8e475fce4ae19ca8';
const FROM_101_TO_500 = '517071981f5d4708ab1739d320804210';
const PO = 'purchase_orders';
const EXPENSES = 'expense_reports';

export const seededReads: ContractSuite[] = [
  {
    api: 'longjump',
    name: "the seed: the document's record answers as the document does",
    writes: false,
    seeded: true,
    async run(ctx) {
      const john = await login(ctx, 'jsmith');
      const actions = await ctx.call('listAvailableActions', { params: record(PO, '1381445705'), headers: { cookie: john } }, { status: 200 });
      same(ctx, actions.body, tree(example('workflow-action-response.xml')), "the seed record's actions are the seed's response");
      same(ctx, elementOrder(actions.text), elementOrder(example('workflow-action-response.xml')), 'element by element, in order');
      const jane = await login(ctx, 'jdoe');
      const asJane = await ctx.call('listAvailableActions', { params: record(PO, '1381445705'), headers: { cookie: jane } }, { status: 200 });
      ok(ctx, /^application\/xml/.test(asJane.headers['content-type'] ?? ''), 'answers are XML by default', asJane.headers['content-type']);
      ok(ctx, asJane.text.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'), "with the seed's XML declaration");
      ok(ctx, asJane.text.includes('<customCriteria></customCriteria>'), 'and empty elements as tag pairs');
      const mary = await login(ctx, 'msmith');
      const listed = await ctx.call('workflowOwners', { params: record(PO, '1381445705'), headers: { cookie: mary } }, { status: 200 });
      same(ctx, listed.body, tree(example('workflow-owners-response.xml')), "the seed record's owners are the seed's response");
      same(ctx, elementOrder(listed.text), elementOrder(example('workflow-owners-response.xml')), 'element by element, in order');
      const accept = await ctx.call(
        'listAvailableActions',
        { params: record(PO, '1381445705'), headers: { cookie: john, accept: 'application/json' } },
        { status: 200 },
      );
      ok(ctx, /^application\/json/.test(accept.headers['content-type'] ?? ''), 'Accept: application/json answers JSON');
      same(ctx, accept.body, actions.body, 'the same tree as JSON');
      const alt = await ctx.call(
        'listAvailableActions',
        { params: record(PO, '1381445705'), query: { alt: 'json' }, headers: { cookie: john, accept: '*/*' } },
        { status: 200 },
      );
      same(ctx, alt.body, actions.body, '?alt=json answers the same tree as JSON');
      const xmlAgain = await ctx.call(
        'listAvailableActions',
        { params: record(PO, '1381445705'), query: { alt: 'xml' }, headers: { cookie: john, accept: 'application/json' } },
        { status: 200 },
      );
      same(ctx, tree(xmlAgain.text), actions.body, '?alt=xml wins over Accept');
      const json = await ctx.call(
        'login',
        { body: { platform: { login: { userName: 'msmith', password: 'demo' } } }, headers: { accept: 'application/json' } },
        { status: 200 },
      );
      const session = (json.body as { platform?: { login?: { sessionId?: string } } } | undefined)?.platform?.login;
      like(ctx, session, { userId: 'b2912a93cb0e', userName: 'msmith' }, 'a JSON login answers in JSON');
      ok(
        ctx,
        new RegExp(`^JSESSIONID=${session?.sessionId};`).test(json.headers['set-cookie'] ?? ''),
        'its sessionId is the cookie it sets',
        json.headers['set-cookie'],
      );
      await ctx.call('workflowOwners', { params: record(PO, '1381445705'), headers: { cookie: `sessionId=${session?.sessionId}` } }, { status: 200 });
    },
  },
  {
    api: 'longjump',
    name: 'the seed: available actions and the same-name rules',
    writes: false,
    seeded: true,
    async run(ctx) {
      const [john, jane, mary] = [await login(ctx, 'jsmith'), await login(ctx, 'jdoe'), await login(ctx, 'msmith')];
      const allThree = (available: string) => [
        ['action1', AT_MOST_100, available],
        ['action1', OVER_500, available],
        ['action1', FROM_101_TO_500, available],
      ];
      same(ctx, await offered(ctx, john, PO, '1381445705'), allThree('0'), "an empty amount lists all three action1, none available (the seed's response)");
      const amounts: [string, string, string][] = [
        ['1381445706', '99', AT_MOST_100],
        ['1381445707', '100', AT_MOST_100],
        ['1381445708', '101', FROM_101_TO_500],
        ['1381445709', '499', FROM_101_TO_500],
        ['1381445710', '500', FROM_101_TO_500],
        ['1381445711', '501', OVER_500],
      ];
      for (const [id, amount, next] of amounts)
        same(ctx, await offered(ctx, jane, PO, id), [['action1', next, '1']], `amount ${amount} is offered only its one eligible action1, available`);
      same(ctx, await offered(ctx, mary, PO, '1381445706'), allThree('0'), 'a user who is not an owner is offered every same-name action, none available');
      same(
        ctx,
        names(await offered(ctx, jane, EXPENSES, '2002')),
        [
          ['submit', '1'],
          ['submit', '1'],
          ['withdraw', '1'],
        ],
        'every eligible action of a shared name is listed, available, beside other names',
      );
      same(
        ctx,
        names(await offered(ctx, jane, EXPENSES, '2003')),
        [
          ['submit', '0'],
          ['submit', '0'],
          ['withdraw', '1'],
        ],
        'both submits are unavailable when neither fits',
      );
      same(
        ctx,
        names(await offered(ctx, jane, EXPENSES, '2006')),
        [
          ['submit', '0'],
          ['submit', '0'],
          ['withdraw', '0'],
        ],
        'a unique unavailable action is listed alone',
      );
      same(
        ctx,
        names(await offered(ctx, jane, EXPENSES, '2001')),
        [
          ['submit', '1'],
          ['withdraw', '1'],
        ],
        'bracketed or/and rows: hardware, or software under 2000',
      );
      same(
        ctx,
        names(await offered(ctx, john, EXPENSES, '2004')),
        [
          ['pay', '0'],
          ['return', '1'],
        ],
        'customCriteria wins over the rows (amount < 50 || category != hardware)',
      );
      same(
        ctx,
        names(await offered(ctx, john, EXPENSES, '2005')),
        [
          ['pay', '1'],
          ['return', '0'],
        ],
        'customCriteria the other way',
      );
      same(
        ctx,
        names(await offered(ctx, john, PO, '1381445713')),
        [
          ['approve', '1'],
          ['reject', '1'],
        ],
        'only the eligible one of two same-name approvals is offered',
      );
      const big = await offered(ctx, john, PO, '1381445714');
      same(
        ctx,
        names(big),
        [
          ['approve', '1'],
          ['reject', '1'],
        ],
        'rows or customCriteria, whichever fits',
      );
      same(ctx, big[0]?.[1], '7d3b2e4a1f0c4d9bae8f6a5b4c3d2eaa', 'the approval offered is the one whose criteria fit');
      const counted = await ctx.call(
        'listAvailableActions',
        { params: record(PO, '1381445715'), headers: { cookie: jane, accept: 'application/json' } },
        { status: 200 },
      );
      same(ctx, (counted.body as { platform?: { recordCount?: string } } | undefined)?.platform?.recordCount, '1', 'recordCount counts the actions listed');
    },
  },
];

export const seededWrites: ContractSuite[] = [
  {
    api: 'longjump',
    name: 'the seed: records walked through their workflow by their owners',
    writes: true,
    seeded: true,
    async run(ctx) {
      const [john, jane, mary] = [await login(ctx, 'jsmith'), await login(ctx, 'jdoe'), await login(ctx, 'msmith')];
      same(ctx, await owners(ctx, john, PO, '1381445711'), ['John Smith', 'Jane Doe'], 'a purchase order starts with two owners');
      await change(ctx, john, PO, '1381445711', changeXml('action1', { comment: 'over 500' }));
      same(ctx, await owners(ctx, john, PO, '1381445711'), ['John Smith'], 'action1 over 500 hands it to John Smith');
      same(
        ctx,
        names(await offered(ctx, john, PO, '1381445711')),
        [
          ['approve', '1'],
          ['reject', '1'],
        ],
        'who may approve or reject it',
      );
      await change(ctx, john, PO, '1381445711', changeXml('approve'));
      same(ctx, await owners(ctx, jane, PO, '1381445711'), ['Jane Doe'], 'approved, it goes to Jane Doe');
      same(ctx, names(await offered(ctx, jane, PO, '1381445711')), [['close', '1']], 'who may close it');
      same(ctx, names(await offered(ctx, john, PO, '1381445711')), [['close', '0']], 'John Smith may not any more');
      await change(ctx, jane, PO, '1381445711', changeXml('close'));
      same(ctx, await owners(ctx, jane, PO, '1381445711'), [], 'a closed record has no owners');
      const final = await ctx.call(
        'listAvailableActions',
        { params: record(PO, '1381445711'), headers: { cookie: jane, accept: 'application/json' } },
        { status: 200 },
      );
      same(ctx, final.body, { platform: { message: { code: '0', description: 'Success' }, recordCount: '0' } }, 'and no actions');
      isPlatformError(
        ctx,
        await change(ctx, john, PO, '1381445714', changeXml('approve', { owner: 'Jane Doe' }), 404),
        '-200',
        /userChoiceOwner/,
        'a chosen owner who is not a decision-maker of the next state',
      );
      same(ctx, await owners(ctx, john, PO, '1381445714'), ['John Smith'], 'and the record stays where it was');
      await change(ctx, john, PO, '1381445714', changeXml('approve', { owner: 'Mary Smith' }));
      same(ctx, await owners(ctx, john, PO, '1381445714'), ['Mary Smith'], 'the acting owner chooses the next owner where the state allows it');
      same(
        ctx,
        names(await offered(ctx, mary, PO, '1381445714')),
        [
          ['approve', '1'],
          ['reject', '1'],
        ],
        'who may then act',
      );
      await change(ctx, mary, PO, '1381445714', changeXml('approve'));
      isPlatformError(
        ctx,
        await change(ctx, mary, PO, '1381445706', changeXml('action1'), 400),
        '-850',
        /Insufficient permission/,
        'a user who is not an owner',
      );
      same(ctx, await owners(ctx, mary, PO, '1381445706'), ['John Smith', 'Jane Doe'], 'and nothing changes');
      for (const [what, id, action] of [
        ['an action of another state', '1381445706', 'approve'],
        ['an action whose criteria the record does not meet', '1381445705', 'action1'],
        ['an unknown action', '1381445706', 'teleport'],
      ] as const) {
        const before = await offered(ctx, john, PO, id);
        isPlatformError(ctx, await change(ctx, john, PO, id, changeXml(action), 400), '-300', new RegExp(action), what);
        same(ctx, await offered(ctx, john, PO, id), before, `${what} changes nothing`);
      }
      isPlatformError(
        ctx,
        await change(ctx, john, PO, '1381445706', changeXml('action1', { workflow: 'expense_flow' }), 404),
        '-200',
        /workflow/,
        "a workflow that is not the object's",
      );
      const byId = await ctx.call(
        'changeWorkflowState',
        {
          params: record(PO, '1381445707'),
          body: { platform: { workflowChangeState: { workflowIdOrName: '4f6e2a9c1b7d4e3fa5c8d9e0b1a2c3d4', actionName: 'action1' } } },
          headers: { cookie: john },
        },
        { status: 200 },
      );
      same(ctx, tree(byId.text), { platform: { message: { code: '0', description: 'Success' } } }, 'a JSON body naming the workflow by id works');
      const verbatim = await change(ctx, jane, PO, '1381445712', example('change-state-request.xml'));
      same(ctx, verbatim.body, tree(example('change-state-response.xml')), "the seed's changeWorkflowState request answers the seed's response");
      same(ctx, await owners(ctx, jane, PO, '1381445712'), ['Jane Doe'], 'and hands the record to Jane Doe');
    },
  },
];
