import type { ContractSuite } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import { ENDED, headersFor, isAmperityError, listPage, otherTenant, runIds, start, stop, tenant, traverse, type Run } from '../calls.ts';

// Listing Amperity workflow runs: keyset cursors (next_token) that hold while runs are started or move, filters,
// created/ended windows, tenants kept apart, and the cursors it refuses.

const createdMs = (run: Run) => Date.parse(run.created_at);

export const listReads: ContractSuite[] = [
  {
    api: 'amperity',
    name: 'read and follow next_token',
    writes: false,
    async run(ctx) {
      const everything = (await traverse(ctx, { limit: 1000 })).runs;
      same(
        ctx,
        everything.map(createdMs),
        [...everything].map(createdMs).sort((a, b) => b - a),
        'runs are listed newest first',
      );
      ok(ctx, (await listPage(ctx, { limit: 5 })).total === undefined, 'a page has no total unless asked');
      same(ctx, (await listPage(ctx, { limit: 5, with_total: 'true' })).total, everything.length, 'with_total=true gives the total');
      for (const limit of [1, 7, 20, 25, 100]) {
        const { runs, pages } = await traverse(ctx, { limit });
        same(ctx, runIds(runs), runIds(everything), `following next_token with limit ${limit} visits every run once`);
        ok(ctx, pages.at(-1)?.next_token === undefined, `with limit ${limit} the last page has no next_token`);
        ok(
          ctx,
          pages.slice(0, -1).every((page) => typeof page.next_token === 'string' && page.next_token.length > 0),
          `with limit ${limit} every other page has one`,
        );
      }
      const filters: [string, string][] = [
        ['state', 'succeeded'],
        ['state', 'running with failures'],
        ['type', 'courier.group/run'],
      ];
      for (const [name, value] of filters) {
        const { runs } = await traverse(ctx, { [name]: value, limit: 10 });
        ok(ctx, runs.length > 0, `${name}=${value} finds runs`);
        same(ctx, runIds(runs), runIds(everything.filter((run) => (run as Record<string, unknown>)[name] === value)), `${name}=${value} filters across pages`);
      }
      const pivot = everything[Math.min(30, everything.length - 1)];
      if (pivot) {
        const from = (await traverse(ctx, { created_from: pivot.created_at, limit: 1000 })).runs;
        const to = (await traverse(ctx, { created_to: pivot.created_at, limit: 1000 })).runs;
        ok(ctx, runIds(from).includes(pivot.id) && !runIds(to).includes(pivot.id), 'created_from is inclusive and created_to exclusive');
        same(ctx, from.length + to.length, everything.length, 'and together they cover every run');
      }
      const month = pivot?.created_at.slice(0, 7) ?? '2024-02';
      const next = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 10);
      const inMonth = (await traverse(ctx, { created_from: month, created_to: next, limit: 1000 })).runs;
      same(
        ctx,
        runIds(inMonth),
        runIds(everything.filter((run) => run.created_at >= `${month}-01` && run.created_at < next)),
        `a partial timestamp (${month}) is a UTC period`,
      );
      const day = pivot?.created_at.slice(0, 10) ?? '2024-02-10';
      const dayAfter = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
      ok(
        ctx,
        (await traverse(ctx, { created_from: day, created_to: dayAfter, limit: 1000 })).runs.every((run) => run.created_at.startsWith(day)),
        'a partial day is that day',
      );
      const ended = (await traverse(ctx, { ended_from: '2000-01-01', limit: 1000 })).runs;
      same(ctx, ended.length, everything.filter((run) => run.ended_at !== undefined).length, 'an ended_at window leaves out runs that have not ended');
      ok(ctx, ended.length < everything.length, 'and some runs have not ended');
      const other = (await traverse(ctx, { limit: 1000 }, headersFor(ctx, otherTenant(ctx)))).runs;
      ok(
        ctx,
        other.every((run) => run.tenant === otherTenant(ctx)) && everything.every((run) => run.tenant === tenant(ctx)),
        'each tenant lists only its own runs',
      );
      same(
        ctx,
        runIds(other).filter((id) => runIds(everything).includes(id)),
        [],
        'no run is listed under two tenants',
      );
      if (everything[0]) await ctx.call('getWorkflowRun', { params: { id: everything[0].id }, headers: headersFor(ctx, otherTenant(ctx)) }, { status: 404 });
      same(ctx, (await traverse(ctx, { limit: 1000 }, headersFor(ctx, 'new-tenant'))).runs, [], 'a tenant with no runs lists none');
      const page = await listPage(ctx, { limit: 3 });
      const foreign = await ctx.call(
        'listWorkflowRuns',
        { query: { limit: 3, next_token: page.next_token ?? '' }, headers: headersFor(ctx, otherTenant(ctx)) },
        { status: 400 },
      );
      isAmperityError(ctx, foreign, /next_token/, "another tenant's cursor");
      const refiltered = await ctx.call(
        'listWorkflowRuns',
        { query: { limit: 3, state: 'failed', next_token: page.next_token ?? '' }, headers: headersFor(ctx) },
        { status: 400 },
      );
      isAmperityError(ctx, refiltered, /next_token/, 'a cursor reused with other filters');
      const [body = '', signature = ''] = (page.next_token ?? '').split('.');
      for (const [what, token] of [
        ['a made-up token', encodeURIComponent('ABCd1fghIJk2l3M')],
        ['an edited signature', encodeURIComponent(`${body}.${signature.slice(0, -2)}xx`)],
        ['a token with an edited body', encodeURIComponent(`${body.slice(0, -2)}AA.${signature}`)],
        ['binary noise', '%00%ff.%fe'],
        ['a forged token', 'forged.token'],
      ] as const) {
        // Sent as written, percent-escapes and all, so binary noise reaches the server undecoded by the client.
        const res = await ctx.callPath('GET', `/api/workflow/runs?limit=3&next_token=${token}`, { headers: headersFor(ctx) }, { status: 400 });
        isAmperityError(ctx, res, /next_token/, what);
      }
      same(ctx, (await listPage(ctx, { limit: 1 })).data.length, 1, 'the provider keeps serving after refusing cursors');
      const refused: [string, string][] = [
        ['limit', 'ten'],
        ['limit', '2.5'],
        ['created_from', 'last week'],
        ['ended_to', '2024-13'],
        ['with_total', 'yes'],
      ];
      for (const [name, value] of refused)
        isAmperityError(
          ctx,
          await ctx.call('listWorkflowRuns', { query: { [name]: value }, headers: headersFor(ctx) }, { status: 400 }),
          new RegExp(name),
          `${name}=${value}`,
        );
      ok(
        ctx,
        everything.every((run) => ENDED.includes(run.state) === 'ended_at' in run),
        'ended_at is left out exactly while a run has not ended',
      );
    },
  },
];

export const listWrites: ContractSuite[] = [
  {
    api: 'amperity',
    name: 'cursors while runs are started and stopped',
    writes: true,
    async run(ctx) {
      const before = (await traverse(ctx, { limit: 1000 })).runs;
      const { runs } = await traverse(ctx, { limit: 9 }, headersFor(ctx), async () => {
        await start(ctx);
      });
      same(ctx, runIds(runs), runIds(before), 'a traversal while runs are started visits every run that matched at its start, once, newest first');
      const running = (await traverse(ctx, { state: 'running', limit: 1000 })).runs;
      if (!ok(ctx, running.length > 3, 'several runs are running', running.length)) return;
      let stopped = false;
      const filtered = await traverse(ctx, { state: 'running', limit: 2 }, headersFor(ctx), async () => {
        if (stopped) return;
        stopped = true;
        // Stop a run the traversal has not reached: it no longer matches and must simply drop out.
        await stop(ctx, running.at(-1)?.id ?? '', [200, 409]);
      });
      same(ctx, runIds(filtered.runs), runIds(running.slice(0, -1)), 'a filtered traversal stays complete when a run it has not reached stops matching');
    },
  },
];
