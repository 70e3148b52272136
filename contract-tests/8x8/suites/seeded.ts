import type { ContractSuite } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import { auth, definitions, everyWorkflow, examples, get, ids, versions, workflowIds } from '../calls.ts';

/** What the mock's seed holds (the documents' example workflows, enough runs in every state), read as a client would. */
export const seededSuites: ContractSuite[] = [
  {
    api: '8x8',
    name: "the seed: the documents' examples and runs in every state",
    writes: false,
    seeded: true,
    async run(ctx) {
      const everything = await everyWorkflow(ctx);
      same(ctx, everything.slice(-2), examples.workflowList, "the list ends with the seed document's two example workflows, verbatim and in order");
      ok(ctx, everything.length >= 252, 'the documented definition holds at least 250 generated workflows besides them', everything.length);
      for (const status of ['Runnable', 'Suspended', 'Complete', 'Terminated'])
        ok(
          ctx,
          everything.some((w) => w.status === status),
          `some seeded workflows are ${status}`,
        );
      same(ctx, await everyWorkflow(ctx, { startTimeTo: '2021-07-01' }), examples.workflowList, 'only the examples started before 2021-07-01 (midnight UTC)');
      const [example] = examples.workflowList;
      same(ctx, await get(ctx, example?.workflowId ?? ''), example, 'the documented example reads exactly as listed');
      let faulted = 0;
      for (const workflow of everything.filter((w) => w.status === 'Terminated')) {
        const res = await ctx.call('listWorkflowErrors', { params: { ...ids(ctx), workflowId: workflow.workflowId }, headers: auth(ctx) }, { status: 200 });
        if (Array.isArray(res.body) && res.body.length > 0) faulted++;
      }
      ok(ctx, faulted > 0, 'some terminated workflows faulted, with their errors listed');
      const multi = (await definitions(ctx)).find((d) => d.version > 1);
      if (!ok(ctx, multi !== undefined, 'a seeded definition has several versions') || !multi) return;
      same(
        ctx,
        (await versions(ctx, multi.id)).map((d) => d.version),
        Array.from({ length: multi.version }, (_, i) => multi.version - i),
        'its history lists every version, newest first',
      );
      const latest = await everyWorkflow(ctx, {}, 500, multi.id);
      const first = await everyWorkflow(ctx, { version: 1 }, 500, multi.id);
      ok(ctx, latest.length > 0 && latest.every((w) => w.version === multi.version), "its list shows the latest version's workflows", workflowIds(latest));
      ok(ctx, first.length > 0 && first.every((w) => w.version === 1), "?version=1 shows the first version's", workflowIds(first));
    },
  },
];
