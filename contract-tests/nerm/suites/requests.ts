import type { ContractSuite } from '../../../src/contract/types.ts';
import { same } from '../../support/suite-kit.ts';
import { auth, isNermError, list } from '../calls.ts';

// NERM authentication (a bearer token, or the older `Token token=`), unknown paths and methods.

export const requestSuites: ContractSuite[] = [
  {
    api: 'nerm',
    name: 'authentication and unknown routes',
    writes: false,
    async run(ctx) {
      for (const header of ['Bearer abc', 'Token token=abc', 'Token token="abc"'])
        await ctx.call('listWorkflowSessions', { query: { limit: 1 }, headers: { authorization: header } }, { status: 200 });
      isNermError(ctx, await ctx.call('listWorkflowSessions', {}, { status: 401 }), /Not authorized/, 'a call without Authorization');
      for (const header of ['Basic dXNlcg==', 'Token abc', 'Bearer']) {
        isNermError(
          ctx,
          await ctx.call('listWorkflowSessions', { headers: { authorization: header } }, { status: 401 }),
          /Not authorized/,
          `Authorization ${header}`,
        );
      }
      isNermError(ctx, await ctx.callPath('GET', '/api/workflows', { headers: auth(ctx) }, { status: 404 }), 'Not found', 'an unknown path');
      const id = (await list(ctx, { limit: 1 })).workflow_sessions[0]?.id ?? 'none';
      const wrong = await ctx.callPath('DELETE', `/api/workflow_sessions/${id}`, { headers: auth(ctx) }, { status: 405 });
      isNermError(ctx, wrong, 'Method DELETE is not allowed on this resource', 'a known path with another method');
      same(ctx, wrong.headers['allow'], 'GET, PATCH', 'a 405 names the allowed methods in Allow');
    },
  },
];
