import type { ContractSuite } from '../../../src/contract/types.ts';
import { isLike, keysOf, ok, same } from '../../support/suite-kit.ts';
import { EXAMPLE, get, headersFor, otherTenant, runIds, traverse } from '../calls.ts';

// What the mock's seed holds (the document's example run, 261 runs per tenant), read as a client would.

export const seededReads: ContractSuite[] = [
  {
    api: 'amperity',
    name: "the seed: the document's run",
    writes: false,
    seeded: true,
    async run(ctx) {
      const everything = (await traverse(ctx, { limit: 1000 })).runs;
      ok(
        ctx,
        everything.some((run) => JSON.stringify(run) === JSON.stringify(EXAMPLE)),
        "the list holds the seed document's run verbatim",
      );
      ok(ctx, everything.length >= 251, 'among at least 250 runs of its tenant', everything.length);
      ok(ctx, (await traverse(ctx, { limit: 1000 }, headersFor(ctx, otherTenant(ctx)))).runs.length >= 250, 'the other tenant has at least 250 runs');
      const overview = await get(ctx, EXAMPLE.id);
      same(
        ctx,
        overview,
        Object.fromEntries(Object.entries(EXAMPLE).filter(([key]) => ['created_at', 'ended_at', 'id', 'name', 'state', 'tenant', 'type'].includes(key))),
        "the example's overview is its seven overview fields",
      );
      same(
        ctx,
        keysOf(await get(ctx, EXAMPLE.id, 'overview')),
        ['created_at', 'ended_at', 'id', 'name', 'state', 'tenant', 'type'],
        'view=overview shows the same',
      );
      const verbose = await get(ctx, EXAMPLE.id, 'verbose');
      ok(
        ctx,
        isLike(verbose, EXAMPLE) && (verbose?.task_instances.length ?? 0) > 0,
        'its verbose view is the document example with its task instances',
        verbose,
      );
      const february = (await traverse(ctx, { created_from: '2024-02', created_to: '2024-03-01', limit: 1000 })).runs;
      same(
        ctx,
        runIds(february),
        runIds(everything.filter((run) => run.created_at >= '2024-02-01' && run.created_at < '2024-03-01')),
        'created_from=2024-02 is February 2024',
      );
      ok(ctx, runIds(february).includes(EXAMPLE.id), 'which holds the example');
      same(
        ctx,
        runIds((await traverse(ctx, { ended_from: EXAMPLE.ended_at, ended_to: '2024-02-11', limit: 1000 })).runs),
        [EXAMPLE.id],
        'an ended_at window around it finds only the example',
      );
      await ctx.call('getWorkflowRun', { params: { id: EXAMPLE.id }, headers: headersFor(ctx, otherTenant(ctx)) }, { status: 404 });
      same(ctx, everything.length, 261, 'the tenant holds 261 runs, as the reference page counts them');
    },
  },
];
