import type { ContractSuite } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import { getRun, headersFor, isGithubError, jobsOf, listPage, owner, repo, repoPath, runPath, traverse } from '../calls.ts';

// One run, its jobs, and what every call needs: credentials as GitHub takes them, GitHub's errors.

export const runReads: ContractSuite[] = [
  {
    api: 'github',
    name: 'get a run',
    writes: false,
    async run(ctx) {
      const { workflow_runs: runs } = (await listPage(ctx, { per_page: 100 })).body;
      const sample = runs.find((run) => run.pull_requests.length > 0) ?? runs[0];
      if (!ok(ctx, sample !== undefined, 'the repository has runs') || !sample) return;
      same(ctx, await getRun(ctx, sample.id), sample, 'a run reads as the list shows it');
      const plain = await getRun(ctx, sample.id, { exclude_pull_requests: true });
      same(ctx, plain?.pull_requests, [], 'exclude_pull_requests=true empties its pull_requests');
      same(ctx, { ...plain, pull_requests: sample.pull_requests }, sample, 'and changes nothing else');
      const shouted = await ctx.call(
        'getWorkflowRun',
        { params: { owner: owner(ctx).toUpperCase(), repo: repo(ctx).toUpperCase(), run_id: String(sample.id) }, headers: headersFor(ctx) },
        { status: 200 },
      );
      same(ctx, (shouted.body as { id?: number } | undefined)?.id, sample.id, 'owner and repository names are case-insensitive');
      for (const [what, params] of [
        ['an unknown run', runPath(ctx, 1)],
        ['a run under another repository', { owner: owner(ctx), repo: `${repo(ctx)}-nope`, run_id: String(sample.id) }],
      ] as const) {
        isGithubError(ctx, await ctx.call('getWorkflowRun', { params, headers: headersFor(ctx) }, { status: 404 }), 'Not Found', what);
      }
      isGithubError(
        ctx,
        await ctx.call('listWorkflowRunsForRepo', { params: { owner: owner(ctx), repo: `${repo(ctx)}-nope` }, headers: headersFor(ctx) }, { status: 404 }),
        'Not Found',
        'the runs of an unknown repository',
      );
    },
  },
  {
    api: 'github',
    name: "a run's jobs, latest attempt or all",
    writes: false,
    async run(ctx) {
      const everything = (await traverse(ctx, { per_page: 100 })).runs;
      const statuses = new Set<string>();
      for (const run of everything.slice(0, 40)) {
        const { body } = await jobsOf(ctx, run.id);
        same(ctx, body.total_count, body.jobs.length, `run ${run.id}: total_count counts its jobs`);
        ok(
          ctx,
          body.jobs.every((job) => job.run_id === run.id && job.head_sha === run.head_sha && (job.run_attempt ?? 1) === (run.run_attempt ?? 1)),
          `run ${run.id}: its jobs are its latest attempt's, of its commit`,
          body.jobs,
        );
        if (run.status === 'completed')
          ok(
            ctx,
            body.jobs.every((job) => job.status === 'completed'),
            `run ${run.id}: a completed run's jobs are completed`,
          );
        if (run.status === 'in_progress')
          ok(ctx, body.jobs.filter((job) => job.status === 'in_progress').length <= 1, `run ${run.id}: at most one job runs at a time`);
        for (const job of body.jobs) statuses.add(job.status);
      }
      ok(ctx, statuses.has('completed'), 'some jobs are completed', [...statuses]);
      const retried = everything.find((run) => (run.run_attempt ?? 1) > 1);
      if (retried) {
        const latest = (await jobsOf(ctx, retried.id)).body;
        const all = (await jobsOf(ctx, retried.id, { filter: 'all' })).body;
        ok(ctx, all.total_count > latest.total_count, 'filter=all adds the earlier attempts’ jobs', { latest: latest.total_count, all: all.total_count });
        same(
          ctx,
          all.jobs.filter((job) => job.run_attempt === retried.run_attempt).map((job) => job.id),
          latest.jobs.map((job) => job.id),
          'and keeps the latest attempt’s',
        );
        same(ctx, (await jobsOf(ctx, retried.id, { filter: 'latest' })).body, latest, 'filter=latest is the default');
      }
      const many = everything.find((run) => run.status === 'completed' && run.conclusion === 'success');
      if (many) {
        const whole = (await jobsOf(ctx, many.id)).body;
        if (whole.jobs.length > 1) {
          const first = await jobsOf(ctx, many.id, { per_page: 1 });
          same(ctx, [first.body.total_count, first.body.jobs.map((job) => job.id)], [whole.total_count, [whole.jobs[0]?.id]], 'jobs page like the runs');
          same(ctx, first.links.get('last')?.searchParams.get('page'), String(whole.jobs.length), 'with a Link to the last page');
        }
      }
      isGithubError(
        ctx,
        await ctx.call('listJobsForWorkflowRun', { params: runPath(ctx, 1), headers: headersFor(ctx) }, { status: 404 }),
        'Not Found',
        "an unknown run's jobs",
      );
      isGithubError(
        ctx,
        await ctx.call(
          'listJobsForWorkflowRun',
          { params: runPath(ctx, everything[0]?.id ?? 1), query: { filter: 'first' }, headers: headersFor(ctx) },
          { status: 422 },
        ),
        undefined,
        'filter=first',
      );
    },
  },
  {
    api: 'github',
    name: 'credentials, unknown paths and methods',
    writes: false,
    async run(ctx) {
      const { authorization, ...anonymous } = headersFor(ctx);
      const credential = authorization.replace(/^Bearer\s+/, '');
      isGithubError(
        ctx,
        await ctx.call('listWorkflowRunsForRepo', { params: repoPath(ctx), headers: anonymous }, { status: 401 }),
        undefined,
        'no credentials',
      );
      isGithubError(
        ctx,
        await ctx.call('listWorkflowRunsForRepo', { params: repoPath(ctx), headers: { ...anonymous, authorization: `Basic ${credential}` } }, { status: 401 }),
        undefined,
        'a scheme GitHub does not take for a token',
      );
      for (const scheme of ['Bearer', 'token', 'TOKEN'])
        await ctx.call(
          'listWorkflowRunsForRepo',
          { params: repoPath(ctx), query: { per_page: 1 }, headers: { ...anonymous, authorization: `${scheme} ${credential}` } },
          { status: 200 },
        );
      await ctx.call('listWorkflowRunsForRepo', { params: repoPath(ctx), query: { per_page: 1 }, headers: { authorization } }, { status: 200 });
      isGithubError(
        ctx,
        await ctx.callPath('GET', `/repos/${owner(ctx)}/${repo(ctx)}/actions/secrets`, { headers: headersFor(ctx) }, { status: 404 }),
        'Not Found',
        'a path the API does not have',
      );
      const wrong = await ctx.callPath(
        'DELETE',
        `/repos/${owner(ctx)}/${repo(ctx)}/actions/runs/1/cancel`,
        { headers: headersFor(ctx) },
        { status: [404, 405] },
      );
      isGithubError(ctx, wrong, undefined, 'a method the path does not allow');
    },
  },
];
