import type { CallRequest, ContractSuite } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import { account, auth, ids, isError, page, workflowsPath } from '../calls.ts';

/** What holds across every 8x8 operation: authentication, unknown paths and methods, hostile path segments. */
export const requestSuites: ContractSuite[] = [
  {
    api: '8x8',
    name: 'authentication and generic errors',
    writes: false,
    async run(ctx) {
      const any = (await page(ctx, { limit: 1 }))[0]?.workflowId ?? '000000000000000000000000';
      const workflow = { ...ids(ctx), workflowId: any };
      const operations: [string, CallRequest][] = [
        ['listWorkflowInstances', { params: ids(ctx) }],
        ['getWorkflowInstance', { params: workflow }],
        ['startWorkflowInstance', { params: ids(ctx), body: {} }],
        ['updateWorkflowInstanceStatus', { params: workflow, body: { status: 'suspend' } }],
        ['listWorkflowErrors', { params: workflow }],
        ['listDefinitions', { params: { accountId: account(ctx) } }],
        ['createDefinition', { params: { accountId: account(ctx) }, body: { trigger: 'http_request', definition: { name: 'x', steps: [] } } }],
        ['getDefinitionVersions', { params: ids(ctx) }],
        ['updateDefinition', { params: ids(ctx), body: { trigger: 'http_request', definition: { name: 'x', steps: [] } } }],
        ['deleteDefinition', { params: ids(ctx) }],
      ];
      for (const [operation, request] of operations)
        isError(ctx, await ctx.call(operation, request, { status: 401 }), 1200, undefined, `${operation} without Authorization`);
      for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Token token=abc', 'bearer']) {
        const res = await ctx.call('listWorkflowInstances', { params: ids(ctx), headers: { authorization: header } }, { status: 401 });
        isError(ctx, res, 1200, undefined, `Authorization ${JSON.stringify(header)}`);
      }
      await ctx.call('listWorkflowInstances', { params: ids(ctx), headers: { authorization: 'bearer some-api-key' } }, { status: 200 });
      const first = await ctx.call('listWorkflowInstances', { params: ids(ctx, 'not-a-uuid') }, { status: 401 });
      isError(ctx, first, 1200, undefined, 'authentication is checked before parameters');
      const nothing = await ctx.callPath('GET', `/api/v1/accounts/${account(ctx)}/nothing-here`, { headers: auth(ctx) }, { status: 404 });
      isError(ctx, nothing, 1000, 'Resource not found.', 'an unknown path');
      isError(ctx, await ctx.callPath('GET', '/api/v2/accounts', { headers: auth(ctx) }, { status: 404 }), 1000, undefined, 'an unknown API version');
      const wrong = await ctx.callPath('DELETE', workflowsPath(ctx), { headers: auth(ctx) }, { status: 405 });
      isError(ctx, wrong, 1000, 'Method DELETE is not allowed on this resource.', 'a known path with another method');
      same(ctx, wrong.headers['allow'], 'GET, POST', 'a 405 names the allowed methods in Allow');
      const head = await ctx.callPath('HEAD', workflowsPath(ctx), { headers: auth(ctx) }, { status: 200 });
      same(ctx, head.text, '', 'HEAD answers like GET, without a body');
      const [a, b] = [
        await ctx.call('listWorkflowInstances', { params: ids(ctx, 'bad'), headers: auth(ctx) }, { status: 400 }),
        await ctx.call('listWorkflowInstances', { params: ids(ctx, 'bad'), headers: auth(ctx) }, { status: 400 }),
      ];
      ok(
        ctx,
        (a.body as { errorId?: string } | undefined)?.errorId !== (b.body as { errorId?: string } | undefined)?.errorId,
        'every error has a fresh errorId',
      );
      for (const segment of ['..%2F..%2Fetc%2Fpasswd', '%00', 'a'.repeat(5000), '%E0%A4%A']) {
        const res = await ctx.callPath('GET', `${workflowsPath(ctx)}/${segment}`, { headers: auth(ctx) }, { status: [400, 404] });
        const code = (res.body as { code?: number } | undefined)?.code;
        ok(ctx, code === 1000 || code === 1300, `a path segment ${segment.slice(0, 24)} is refused in the envelope, never a server error`, res.body);
      }
      await ctx.call('startWorkflowInstance', { params: ids(ctx), body: '{', contentType: 'application/json', headers: auth(ctx) }, { status: 400 });
      same(ctx, (await page(ctx, { limit: 1 })).length, 1, 'the provider keeps serving after a request it refused');
    },
  },
  {
    api: '8x8',
    name: 'step time zones and functions',
    writes: false,
    async run(ctx) {
      type Zone = { id: string; name: string };
      const zones = async (query: Record<string, string> = {}) =>
        ((await ctx.call('listTimezones', { params: { accountId: account(ctx) }, query, headers: auth(ctx) }, { status: 200 })).body ?? []) as Zone[];
      const all = await zones();
      const zoneIds = all.map((zone) => zone.id);
      ok(
        ctx,
        ['UTC', 'Singapore Standard Time', 'W. Europe Standard Time', 'Eastern Standard Time'].every((id) => zoneIds.includes(id)),
        'the time zones have Windows ids and display names',
        zoneIds,
      );
      same(ctx, new Set(zoneIds).size, zoneIds.length, 'every time zone is listed once');
      for (const contains of ['europe', 'EUROPE', 'EuRoPe']) {
        same(
          ctx,
          (await zones({ contains })).map((zone) => zone.id),
          ['W. Europe Standard Time', 'Central Europe Standard Time', 'Central European Standard Time', 'E. Europe Standard Time'],
          `contains=${contains} filters case-insensitively on the id or the name`,
        );
      }
      same(
        ctx,
        (await zones({ contains: 'singapore' })).map((zone) => zone.id),
        ['Singapore Standard Time'],
        'contains matches the display name too',
      );
      same(ctx, await zones({ contains: 'atlantis' }), [], 'contains that matches nothing lists nothing');
      same(ctx, await zones({ contains: '' }), all, 'an empty contains lists every zone');
      const functions = await ctx.call('listFunctions', { params: { accountId: account(ctx) }, headers: auth(ctx) }, { status: 200 });
      same(
        ctx,
        ((functions.body ?? []) as { name: string }[]).map((fn) => fn.name),
        ['isCountryCode', 'isDayOfWeek', 'IsTimeOfDayBetween', 'uuid'],
        'the custom JavaScript functions the documents use',
      );
      await ctx.call('listTimezones', { params: { accountId: account(ctx) } }, { status: 401 });
    },
  },
];
