import type { JsonObject } from '../../src/core/json.ts';
import type { RecordContext, SeedContext } from '../../src/engine/pack.ts';
import { chance, hexFrom, intIn, type KeyRandom, pick as pickFrom } from '../../src/generation/key-stream.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import { seededEnd } from '../../src/generation/timeline.ts';
import type { GeneratedCollection, NewRecord, SeedData } from '../../src/store/store.ts';
import settings from '../../fixtures/github/generation.json' with { type: 'json' };
import { type Account, fullName, minimalRepository, previousAttemptUrl, runUrls, simpleUser } from './accounts.ts';
import { type AttemptState, JOBS, type JobShape, jobData, lastActivity, layoutJobs, type Pick } from './jobs.ts';
import { nodeId } from './node-id.ts';
import { keyValues, RUN_FIELDS, type RunKeys, runKeys, runPlacement, workflowPath } from './run-keys.ts';
import { people, pullRequestOf } from './triggers.ts';
import { repositories, runnerPools } from './workflows.ts';

/**
 * The GitHub seed: workflow runs of `octo-org/hello-world` (240 by default, `--records` sizes it) and a few of a second
 * repository, each with its jobs, placed before the anchor (fixtures/github/generation.json): finished runs over the
 * previous weeks, some within the last hour, active ones minutes to hours old. Collections: `runs`, generated run by
 * run (issue 17: a run is ~12 KB of JSON, so a large seed keeps only its keys, run-keys.ts, and makes a run when asked),
 * keyed by the decimal id, each holding the jobs of all its attempts in its meta (`meta.jobs`, oldest first: GitHub
 * shows them through the run's jobs list, not in the run); and `repositories`, keyed by `owner/name`. Index order is
 * creation order, so run ids, check suites, jobs and each workflow's run numbers grow with time as GitHub's do.
 * Choices: schemas/github/PROVENANCE.md.
 */
export function seedGithub(ctx: SeedContext): SeedData {
  const placement = runPlacement(ctx.records, ctx.keyRandom('runs/placement', 0));
  // One commit per reusable workflow a workflow calls, the same in all its runs: from the seed's shared stream, now.
  const reused = repositories.map((repo) => repo.workflows.map((workflow) => workflow.reuses.map(() => hex(ctx.faker))));
  const runs: GeneratedCollection = {
    kind: 'generated',
    count: placement.count,
    fields: RUN_FIELDS,
    keys(i) {
      const keys = runKeys(placement, ctx.keyRandom('runs', i), i, ctx.anchor);
      return { id: String(keys.runId), values: keyValues(keys, ctx.iso) };
    },
    record: (i) => ctx.forRecord('runs', i, (rc) => runRecord(rc, runKeys(placement, rc.keyRandom, i, rc.anchor), reused)),
  };
  const repos = repositories.map((repo): NewRecord => ({ id: fullName(repo.spec), data: minimalRepository(repo.spec) }));
  return { repositories: repos, runs };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
type Active = Exclude<AttemptState['status'], 'completed'>;

interface Attempt {
  readonly state: AttemptState;
  readonly jobs: readonly JobShape[];
  readonly triggeredBy: Account;
}

const hex = (f: SeededFaker): string => f.string.hexadecimal({ length: 40, casing: 'lower', prefix: '' });
const wholeSeconds = (ms: number): number => Math.floor(ms / SECOND) * SECOND;

// Every seeded job of run i gets an id in [firstJob + i·jobBlock, firstJob + (i + 1)·jobBlock): room for two attempts.
const mostJobs = Math.max(...repositories.flatMap((repo) => repo.workflows.map((workflow) => workflow.jobs.length)));
if (2 * mostJobs * (settings.ids.jobGap[1] ?? 1) >= settings.ids.jobBlock)
  throw new Error('generation.json: ids.jobBlock must hold two attempts of the largest workflow at the widest jobGap');

/**
 * Run `keys.index` in full: its attempts and jobs drawn from its key stream after its keys (`rc.keyRandom`, which has
 * just given them). Nothing here needs faker's data, and the stream is far cheaper than faker's generators (a 40-digit
 * hex from faker costs ~20 µs, from the stream ~0.3 µs); the same (seed, index) gives the same run.
 */
function runRecord(rc: RecordContext, keys: RunKeys, reused: readonly (readonly (readonly string[])[])[]): NewRecord {
  const random = rc.keyRandom;
  const pick: Pick = (min, max) => intIn(random, min, max);
  const { workflow, trigger: cause } = keys;
  const treeSha = hexFrom(random, 40);
  const baseSha = hexFrom(random, 40);
  const attempts = attemptsOf(keys, pick, random, rc.anchor);
  const current = attempts[attempts.length - 1];
  const updatedMs = current?.state.status === 'completed' ? current.state.endMs : lastActivity(current?.jobs ?? [], keys.createdMs);
  const referenced = workflow.reuses.map((reuse, index) => ({
    path: reuse.path,
    sha: reused[repositories.indexOf(keys.repo)]?.[workflow.index]?.[index] ?? '0'.repeat(40),
    ref: reuse.ref,
  }));
  const data = runData(keys, { treeSha, baseSha, updatedMs, attempts, referenced }, rc.iso);

  let jobId = settings.ids.firstJob + keys.index * settings.ids.jobBlock;
  const jobs: JsonObject[] = [];
  for (const [index, attempt] of attempts.entries()) {
    const context = {
      repo: keys.repo.spec,
      runId: keys.runId,
      attempt: index + 1,
      headSha: keys.headSha,
      headBranch: cause.headBranch,
      workflowName: workflow.name,
    };
    for (const shape of attempt.jobs) {
      jobId += pick(settings.ids.jobGap[0] ?? 1, settings.ids.jobGap[1] ?? 1);
      jobs.push(jobData(shape, jobId, context, rc.iso));
    }
  }
  return { id: String(keys.runId), data, meta: { [JOBS]: jobs } };
}

/** The run's attempts, oldest first: one, or a failed first attempt and its re-run. */
function attemptsOf(keys: RunKeys, pick: Pick, random: KeyRandom, anchor: number): Attempt[] {
  const { workflow, conclusion, createdMs, trigger: cause } = keys;
  const jobsFor = (state: AttemptState) => layoutJobs(pick, workflow.jobs, runnerPools, state);
  if (conclusion === null) {
    const state = { status: keys.status as Active, startMs: createdMs, nowMs: anchor };
    return [{ state, jobs: jobsFor(state), triggeredBy: cause.actor }];
  }
  const duration = (): number =>
    conclusion === 'skipped' || conclusion === 'action_required'
      ? pick(2, 20) * SECOND
      : workflow.jobs.reduce((sum, job) => sum + pick((job.minutes[0] ?? 1) * 60, (job.minutes[1] ?? 5) * 60) * SECOND, 0);
  const attempts: Attempt[] = [];
  let startMs = createdMs;
  if (!['skipped', 'action_required'].includes(conclusion) && chance(random, settings.rerun.share)) {
    // Re-run after a failed first attempt, by someone on the team, if the second attempt starts before the anchor.
    const firstEnd = createdMs + duration();
    const [shortest = 2, longest = 60] = settings.rerun.gapMinutes;
    const secondStart = wholeSeconds(firstEnd + pick(shortest * 60, longest * 60) * SECOND);
    if (secondStart < anchor - MINUTE) {
      const state: AttemptState = { status: 'completed', conclusion: 'failure', startMs: createdMs, endMs: firstEnd };
      attempts.push({ state, jobs: jobsFor(state), triggeredBy: cause.actor });
      startMs = secondStart;
    }
  }
  const endMs = wholeSeconds(seededEnd(startMs, duration(), anchor));
  const state: AttemptState = { status: 'completed', conclusion, startMs, endMs };
  const triggeredBy = attempts.length > 0 ? pickFrom(random, people) : cause.actor;
  attempts.push({ state, jobs: jobsFor(state), triggeredBy });
  return attempts;
}

interface Drawn {
  readonly treeSha: string;
  readonly baseSha: string;
  readonly updatedMs: number;
  readonly attempts: readonly Attempt[];
  readonly referenced: JsonObject[];
}

function runData(keys: RunKeys, drawn: Drawn, iso: (ms: number) => string): JsonObject {
  const { repo, workflow, trigger: cause } = keys;
  const current = drawn.attempts[drawn.attempts.length - 1];
  const attempt = drawn.attempts.length;
  const urls = runUrls(repo.spec, keys.runId, keys.checkSuiteId, workflow.id);
  const repository = minimalRepository(repo.spec);
  return {
    id: keys.runId,
    name: workflow.name,
    node_id: nodeId('WFR', [2, repo.spec.id, keys.runId]),
    head_branch: cause.headBranch,
    head_sha: keys.headSha,
    path: workflowPath(workflow),
    display_title: cause.displayTitle,
    run_number: keys.runNumber,
    event: keys.event,
    status: keys.status,
    conclusion: keys.conclusion,
    workflow_id: workflow.id,
    check_suite_id: keys.checkSuiteId,
    check_suite_node_id: nodeId('CS', [0, repo.spec.id, keys.checkSuiteId]),
    url: urls.url,
    html_url: urls.html_url,
    pull_requests: cause.pullRequest ? [pullRequestOf(repo, cause.pullRequest, keys.headSha, drawn.baseSha)] : [],
    created_at: iso(keys.createdMs),
    updated_at: iso(drawn.updatedMs),
    actor: simpleUser(cause.actor),
    run_attempt: attempt,
    referenced_workflows: drawn.referenced,
    run_started_at: iso(current?.state.startMs ?? keys.createdMs),
    triggering_actor: simpleUser(current?.triggeredBy ?? cause.actor),
    jobs_url: urls.jobs_url,
    logs_url: urls.logs_url,
    check_suite_url: urls.check_suite_url,
    artifacts_url: urls.artifacts_url,
    cancel_url: urls.cancel_url,
    rerun_url: urls.rerun_url,
    previous_attempt_url: previousAttemptUrl(urls.url, attempt),
    workflow_url: urls.workflow_url,
    head_commit: {
      id: keys.headSha,
      tree_id: drawn.treeSha,
      message: cause.message,
      timestamp: iso(keys.createdMs - cause.commitAgeMs),
      author: cause.author,
      committer: cause.committer,
    },
    repository,
    head_repository: repository,
    head_repository_id: repo.spec.id,
  };
}
