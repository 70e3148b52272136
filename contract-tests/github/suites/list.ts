import type { ContractSuite } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import { headersFor, ids, isGithubError, listPage, queryOf, repoPath, traverse, type Run } from '../calls.ts';

// Listing a repository's runs: page numbers with a Link header (absolute URLs keeping the other parameters, prev,
// next, last, first), page sizes held within 1..100, GitHub's filters across pages, and the per-workflow list.

const createdMs = (run: Run) => Date.parse(run.created_at);
const DAY = 86_400_000;

export const listReads: ContractSuite[] = [
  {
    api: 'github',
    name: 'page through the runs by page number and Link',
    writes: false,
    async run(ctx) {
      const everything = (await traverse(ctx, { per_page: 100 })).runs;
      if (!ok(ctx, everything.length > 30, 'the repository has more than one default page of runs', everything.length)) return;
      same(
        ctx,
        ids(everything),
        [...ids(everything)].sort((a, b) => b - a),
        'runs are listed newest first (ids grow with time)',
      );
      same(
        ctx,
        everything.map(createdMs),
        [...everything.map(createdMs)].sort((a, b) => b - a),
        'and so are their creation times',
      );
      for (const perPage of [7, 30, 100]) {
        const { runs, pages } = await traverse(ctx, { per_page: perPage });
        same(ctx, ids(runs), ids(everything), `following rel="next" with per_page ${perPage} shows every run once`);
        same(ctx, pages, Math.ceil(everything.length / perPage), `in ceil(total / ${perPage}) pages`);
      }
      const first = await listPage(ctx);
      same(ctx, first.body.workflow_runs.length, 30, 'per_page is 30 by default');
      same(ctx, [...first.links.keys()], ['next', 'last'], 'the first page links to the next and the last');
      const last = Math.ceil(everything.length / 30);
      same(ctx, first.links.get('last')?.searchParams.get('page'), String(last), 'rel="last" names the last page');
      ok(ctx, first.links.get('next')?.protocol.startsWith('http') === true, 'the links are absolute URLs', first.res.headers['link']);
      const middle = await listPage(ctx, { page: 2 });
      same(ctx, [...middle.links.keys()], ['prev', 'next', 'last', 'first'], 'a middle page links prev, next, last, first');
      same(ctx, ids(middle.body.workflow_runs), ids(everything.slice(30, 60)), 'page 2 holds the runs after the first 30');
      const end = await listPage(ctx, { page: last });
      same(ctx, [...end.links.keys()], ['prev', 'first'], 'the last page links back only');
      same(ctx, ids(end.body.workflow_runs), ids(everything.slice((last - 1) * 30)), 'and holds the rest');
      const beyond = await listPage(ctx, { page: last + 5 });
      same(ctx, [beyond.body.workflow_runs.length, beyond.body.total_count], [0, everything.length], 'a page past the end is empty, with the total');
      same(ctx, beyond.links.get('prev')?.searchParams.get('page'), String(last), 'and its prev is the last page');
      same(ctx, (await listPage(ctx, { per_page: 500 })).body.workflow_runs.length, 100, 'per_page above 100 serves 100');
      same(ctx, ids((await listPage(ctx, { per_page: 0 })).body.workflow_runs), ids(everything.slice(0, 1)), 'per_page below 1 serves 1');
      same(ctx, ids((await listPage(ctx, { page: 0, per_page: 5 })).body.workflow_runs), ids(everything.slice(0, 5)), 'page below 1 is the first');
      const filtered = await listPage(ctx, { status: 'completed', per_page: 5 });
      const next = filtered.links.get('next');
      same(ctx, next ? queryOf(next) : undefined, { status: 'completed', per_page: '5', page: '2' }, 'a link keeps the other parameters');
      for (const [name, value] of [
        ['per_page', 'ten'],
        ['page', '1.5'],
        ['status', 'finished'],
        ['created', 'yesterday'],
        ['exclude_pull_requests', 'maybe'],
        ['check_suite_id', 'abc'],
      ] as const) {
        const res = await ctx.call('listWorkflowRunsForRepo', { params: repoPath(ctx), query: { [name]: value }, headers: headersFor(ctx) }, { status: 422 });
        isGithubError(ctx, res, undefined, `${name}=${value}`);
        ok(ctx, JSON.stringify((res.body as { errors?: unknown } | undefined)?.errors ?? []).includes(name), `and its errors name ${name}`, res.body);
      }
    },
  },
  {
    api: 'github',
    name: "filter the runs as GitHub's parameters say",
    writes: false,
    async run(ctx) {
      const everything = (await traverse(ctx, { per_page: 100 })).runs;
      // A run from at least two days before the newest, so that some runs were created on a later day.
      const newest = everything[0] ? createdMs(everything[0]) : 0;
      const sample = everything.find((run, index) => index >= 40 && createdMs(run) < newest - 2 * DAY) ?? everything[Math.min(40, everything.length - 1)];
      if (!ok(ctx, sample !== undefined, 'the repository has runs') || !sample) return;
      const check = async (query: Record<string, string | number | boolean>, keep: (run: Run) => boolean, what: string) => {
        const { runs } = await traverse(ctx, { ...query, per_page: 25 });
        const expected = everything.filter(keep);
        ok(ctx, expected.length > 0, `${what}: some runs match`);
        same(ctx, ids(runs), ids(expected), what);
      };
      await check({ status: 'completed' }, (run) => run.status === 'completed', 'status=completed is a status');
      await check({ status: 'in_progress' }, (run) => run.status === 'in_progress', 'status=in_progress too');
      await check({ status: 'success' }, (run) => run.conclusion === 'success', 'status=success is a conclusion');
      await check({ status: 'failure' }, (run) => run.conclusion === 'failure', 'status=failure too');
      await check({ branch: sample.head_branch ?? '' }, (run) => run.head_branch === sample.head_branch, 'branch is the head branch');
      await check({ event: 'push' }, (run) => run.event === 'push', 'event');
      await check({ actor: sample.actor?.login ?? '' }, (run) => run.actor?.login === sample.actor?.login, 'actor is the login');
      await check({ head_sha: sample.head_sha }, (run) => run.head_sha === sample.head_sha, 'head_sha');
      await check({ check_suite_id: sample.check_suite_id }, (run) => run.check_suite_id === sample.check_suite_id, 'check_suite_id');
      await check({ event: 'push', status: 'completed' }, (run) => run.event === 'push' && run.status === 'completed', 'filters combine');
      const day = sample.created_at.slice(0, 10);
      const dayStart = Date.parse(`${day}T00:00:00Z`);
      await check({ created: day }, (run) => run.created_at.startsWith(day), 'created=<date> is that day');
      await check({ created: `>=${day}` }, (run) => createdMs(run) >= dayStart, 'created=>=<date> from that day on');
      await check({ created: `<${day}` }, (run) => createdMs(run) < dayStart, 'created=<<date> before it');
      await check({ created: `>${day}` }, (run) => createdMs(run) >= dayStart + DAY, 'created=><date> after it');
      await check({ created: `${day}..*` }, (run) => createdMs(run) >= dayStart, 'created=<date>..* is an open range');
      await check({ created: `*..${sample.created_at}` }, (run) => createdMs(run) <= createdMs(sample), 'created=*..<date-time> ends with that second');
      const none = await listPage(ctx, { status: 'stale' });
      same(ctx, [none.body.total_count, none.body.workflow_runs], [0, []], 'a filter nothing matches is an empty list');
      const withPulls = everything.find((run) => run.pull_requests.length > 0);
      if (withPulls) {
        const page = await listPage(ctx, { exclude_pull_requests: true, per_page: 100 });
        ok(
          ctx,
          page.body.workflow_runs.every((run) => run.pull_requests.length === 0),
          'exclude_pull_requests=true empties pull_requests',
        );
        same(ctx, ids(page.body.workflow_runs), ids(everything.slice(0, 100)), 'and keeps every run');
      }
      const path = sample.path.split('/').at(-1) ?? '';
      for (const workflow of [String(sample.workflow_id), path]) {
        const res = await ctx.call(
          'listWorkflowRuns',
          { params: { ...repoPath(ctx), workflow_id: workflow }, query: { per_page: 100 }, headers: headersFor(ctx) },
          { status: 200 },
        );
        const body = res.body as unknown as { total_count: number; workflow_runs: Run[] };
        const expected = everything.filter((run) => run.workflow_id === sample.workflow_id);
        same(ctx, [body.total_count, ids(body.workflow_runs)], [expected.length, ids(expected.slice(0, 100))], `a workflow's runs by ${workflow}`);
      }
    },
  },
];
