import type { Json } from '../../../src/core/json.ts';
import type { ContractSuite } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import { ACTIVE, cancel, getRun, isGithubError, jobsOf, rerun, traverse } from '../calls.ts';

// Cancelling and re-running: each through its own endpoint, an empty object in reply, GitHub's 409 for a run in the
// wrong state, the run's attempt and jobs following. These suites change runs: against a real repository only with
// --allow-writes, and they need a run in progress and a completed one.

export const commandWrites: ContractSuite[] = [
  {
    api: 'github',
    name: 'cancel a run',
    writes: true,
    async run(ctx) {
      const everything = (await traverse(ctx, { per_page: 100 })).runs;
      const running = everything.find((run) => run.status === 'in_progress') ?? everything.find((run) => ACTIVE.includes(run.status));
      if (!ok(ctx, running !== undefined, 'a run is not yet completed') || !running) return;
      const observed: Json[] = [running as unknown as Json];
      const accepted = await cancel(ctx, running.id);
      same(ctx, accepted.body, {}, 'cancel answers 202 with an empty object');
      const cancelled = await getRun(ctx, running.id);
      observed.push(cancelled as unknown as Json);
      same(ctx, [cancelled?.status, cancelled?.conclusion], ['completed', 'cancelled'], 'the run is completed, concluded cancelled');
      ok(ctx, Date.parse(cancelled?.updated_at ?? '') >= Date.parse(running.updated_at), 'and updated', cancelled?.updated_at);
      const { jobs } = (await jobsOf(ctx, running.id)).body;
      ok(
        ctx,
        jobs.every((job) => job.status === 'completed'),
        'its jobs are completed',
        jobs.map((job) => job.status),
      );
      ok(
        ctx,
        jobs.every((job) => job.conclusion !== null) && jobs.filter((job) => job.conclusion === 'cancelled').length >= Math.min(1, jobs.length),
        'the unfinished ones cancelled',
        jobs.map((job) => job.conclusion),
      );
      const again = await cancel(ctx, running.id, 409);
      isGithubError(ctx, again, 'Cannot cancel a workflow run that is completed.', 'cancelling a completed run');
      ctx.checkRun(observed, 'a cancelled run moves as the lifecycle allows');
    },
  },
  {
    api: 'github',
    name: 're-run a completed run',
    writes: true,
    async run(ctx) {
      const everything = (await traverse(ctx, { per_page: 100 })).runs;
      const done = everything.filter((run) => run.status === 'completed' && run.conclusion === 'failure');
      const first = done[0];
      if (!ok(ctx, first !== undefined, 'a run has failed') || !first) return;
      const before = (await jobsOf(ctx, first.id, { filter: 'all' })).body;
      const created = await rerun(ctx, first.id);
      same(ctx, created.body, {}, 'rerun answers 201 with an empty object');
      const queued = await getRun(ctx, first.id);
      const attempt = (first.run_attempt ?? 1) + 1;
      same(
        ctx,
        [queued?.status, queued?.conclusion, queued?.run_attempt, queued?.previous_attempt_url],
        ['queued', null, attempt, `${first.url}/attempts/${attempt - 1}`],
        'the run is queued again as its next attempt, pointing at the one before',
      );
      ok(
        ctx,
        Date.parse(queued?.run_started_at ?? '') >= Date.parse(first.run_started_at ?? first.created_at),
        'run_started_at resets',
        queued?.run_started_at,
      );
      same(ctx, queued?.created_at, first.created_at, 'created_at stays');
      const latest = (await jobsOf(ctx, first.id)).body;
      ok(
        ctx,
        latest.jobs.length > 0 && latest.jobs.every((job) => job.run_attempt === attempt && job.status === 'queued' && job.conclusion === null),
        "the new attempt's jobs are queued",
        latest.jobs,
      );
      const all = (await jobsOf(ctx, first.id, { filter: 'all' })).body;
      same(ctx, all.total_count, before.total_count + latest.total_count, "the earlier attempts' jobs stay");
      const busy = await rerun(ctx, first.id, 409);
      isGithubError(ctx, busy, undefined, 're-running a run that is not completed');
      await cancel(ctx, first.id);
      same(ctx, (await getRun(ctx, first.id))?.conclusion, 'cancelled', 'the re-run can be cancelled');
      const second = done[1];
      if (second) {
        await rerun(ctx, second.id, 201, null);
        same(ctx, (await getRun(ctx, second.id))?.status, 'queued', 'a null body re-runs too');
      }
      const third = done[2];
      if (third) {
        await rerun(ctx, third.id, 201, { enable_debug_logging: true });
        same(ctx, (await getRun(ctx, third.id))?.status, 'queued', 'and so does enable_debug_logging');
      }
      ctx.checkRun([first, queued] as unknown as Json[], 'a re-run moves as the lifecycle allows');
    },
  },
];
