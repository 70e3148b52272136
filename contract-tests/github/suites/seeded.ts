import type { ContractSuite } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import { headersFor, ids, jobsOf, owner, traverse } from '../calls.ts';

// What the mock's seed holds, read as a client would: octo-org/hello-world with at least 200 runs in every status, and a
// second repository whose runs stay out of the first one's list.

export const seededReads: ContractSuite[] = [
  {
    api: 'github',
    name: 'the seed: octo-org/hello-world and its runs',
    writes: false,
    seeded: true,
    async run(ctx) {
      const everything = (await traverse(ctx, { per_page: 100 })).runs;
      ok(ctx, everything.length >= 200, 'octo-org/hello-world has at least 200 runs', everything.length);
      ok(
        ctx,
        everything.every((run) => run.repository.full_name === 'octo-org/hello-world'),
        'all of that repository',
      );
      const statuses = new Set(everything.map((run) => run.status));
      ok(
        ctx,
        ['completed', 'in_progress', 'queued', 'waiting'].every((status) => statuses.has(status)),
        'runs are in every status',
        [...statuses],
      );
      const conclusions = new Set(everything.map((run) => run.conclusion));
      ok(
        ctx,
        ['success', 'failure', 'cancelled', null].every((conclusion) => conclusions.has(conclusion)),
        'with every common conclusion',
        [...conclusions],
      );
      ok(
        ctx,
        everything.some((run) => (run.run_attempt ?? 1) > 1),
        'some runs were re-run',
      );
      const other = await ctx.call(
        'listWorkflowRunsForRepo',
        { params: { owner: owner(ctx), repo: 'docs-site' }, query: { per_page: 100 }, headers: headersFor(ctx) },
        { status: 200 },
      );
      const docs = (other.body as unknown as { workflow_runs: { id: number; repository: { full_name: string } }[] }).workflow_runs;
      ok(ctx, docs.length > 0 && docs.every((run) => run.repository.full_name === 'octo-org/docs-site'), 'octo-org/docs-site has its own runs');
      same(
        ctx,
        ids(docs).filter((id) => ids(everything).includes(id)),
        [],
        'which the first repository does not list',
      );
      const waiting = everything.find((run) => run.status === 'waiting');
      if (waiting)
        ok(
          ctx,
          (await jobsOf(ctx, waiting.id)).body.jobs.some((job) => job.status === 'waiting'),
          'a waiting run has a job waiting on its environment',
        );
    },
  },
];
