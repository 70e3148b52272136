import type { JsonObject } from '../../src/core/json.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import { seededEnd, seededStart, type Timeline } from '../../src/generation/timeline.ts';
import type { NewRecord, SeedData } from '../../src/store/store.ts';
import settings from '../../fixtures/github/generation.json' with { type: 'json' };
import { type Account, fullName, minimalRepository, previousAttemptUrl, runUrls, simpleUser } from './accounts.ts';
import { type AttemptState, JOBS, type JobShape, type JobTemplate, jobData, lastActivity, layoutJobs, type Pick, type RunnerPool } from './jobs.ts';
import { nodeId } from './node-id.ts';
import { people, pullRequestOf, type RepoSeed, type Trigger, trigger } from './triggers.ts';

/**
 * The GitHub seed: workflow runs of `octo-org/hello-world` (at least 200) and a few of a second repository, each with
 * its jobs, placed before the anchor (fixtures/github/generation.json): finished runs over the previous weeks, some
 * within the last hour, active ones minutes to hours old. Everything is drawn first, then ids are given in creation
 * order, so run ids, check suites, jobs and each workflow's run numbers grow with time as GitHub's do. Collections:
 * `runs`, keyed by the decimal id, each holding the jobs of all its attempts in its meta (`meta.jobs`, oldest first:
 * GitHub shows them through the run's jobs list, not in the run), and `repositories`, keyed by `owner/name`.
 * Choices: schemas/github/PROVENANCE.md.
 */
export interface WorkflowSpec {
  readonly id: number;
  readonly name: string;
  /** The file under `.github/workflows/`. */
  readonly file: string;
  readonly weight: number;
  readonly firstRunNumber: number;
  readonly events: readonly string[];
  readonly jobs: readonly JobTemplate[];
  readonly reuses: readonly { readonly path: string; readonly ref: string }[];
  /** Its position in the repository's list, for the maintainer who schedules it. */
  readonly index: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
type Active = Exclude<AttemptState['status'], 'completed'>;

const templates: Readonly<Record<string, JobTemplate>> = settings.jobs;
export const runnerPools: Readonly<Record<string, RunnerPool>> = settings.runners;
const organization: Account = { ...settings.organization, type: 'Organization' };

export const repositories: readonly (RepoSeed & { readonly runs: number; readonly workflows: readonly WorkflowSpec[] })[] = settings.repositories.map(
  (repo) => ({
    spec: { owner: organization, name: repo.name, id: repo.id, description: repo.description },
    defaultBranch: repo.defaultBranch,
    branches: repo.branches,
    tags: repo.tags,
    runs: repo.runs,
    workflows: repo.workflows.map((workflow, index) => ({
      ...workflow,
      index,
      reuses: workflow.reuses ?? [],
      jobs: workflow.jobs.map((name) => {
        const template = templates[name];
        if (!template) throw new Error(`generation.json: workflow ${workflow.name} names no job template ${name}`);
        return template;
      }),
    })),
  }),
);

type Repo = (typeof repositories)[number];

interface Attempt {
  readonly state: AttemptState;
  readonly jobs: readonly JobShape[];
  readonly triggeredBy: Account;
}

/** A run with every draw made and no id yet. */
interface Draft {
  readonly repo: Repo;
  readonly workflow: WorkflowSpec;
  readonly event: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly createdMs: number;
  readonly updatedMs: number;
  readonly trigger: Trigger;
  readonly headSha: string;
  readonly treeSha: string;
  readonly baseSha: string;
  readonly referenced: JsonObject[];
  /** Oldest first; the last is the run's current attempt. */
  readonly attempts: readonly Attempt[];
}

export function seedGithub(ctx: SeedContext): SeedData {
  const f = ctx.faker;
  const timeline: Timeline = { anchor: ctx.anchor, ...settings.timeline };
  const drafts = repositories.flatMap((repo, index) => {
    // `--records` sizes the main documented list: the first repository's runs.
    const count = index === 0 ? (ctx.records ?? repo.runs) : repo.runs;
    const shas = repo.workflows.map((workflow) => workflow.reuses.map(() => hex(f)));
    return Array.from({ length: count }, () => draftRun(f, repo, timeline, shas));
  });
  // Stable: runs created in the same second keep their drawing order.
  drafts.sort((a, b) => a.createdMs - b.createdMs);
  return assignIds(f, drafts, ctx.iso);
}

const hex = (f: SeededFaker): string => f.string.hexadecimal({ length: 40, casing: 'lower', prefix: '' });
const weighted = (f: SeededFaker, weights: Readonly<Record<string, number>>): string =>
  f.helpers.weightedArrayElement(Object.entries(weights).map(([value, weight]) => ({ value, weight })));
const wholeSeconds = (ms: number): number => Math.floor(ms / SECOND) * SECOND;

function draftRun(f: SeededFaker, repo: Repo, timeline: Timeline, reusedShas: readonly (readonly string[])[]): Draft {
  const pick: Pick = (min, max) => f.number.int({ min, max });
  let status = weighted(f, settings.statusWeights);
  let conclusion = status === 'completed' ? weighted(f, settings.conclusionWeights) : null;
  // A run waits only on a workflow with a deployment environment; approval is asked only of pull requests.
  const fits = (workflow: WorkflowSpec) =>
    (status !== 'waiting' || workflow.jobs.some((job) => job.environment !== undefined)) &&
    (conclusion !== 'action_required' || workflow.events.includes('pull_request'));
  const candidates = repo.workflows.filter(fits);
  if (candidates.length === 0) {
    if (status === 'waiting') status = 'queued';
    if (conclusion === 'action_required') conclusion = 'failure';
  }
  const workflow = f.helpers.weightedArrayElement((candidates.length > 0 ? candidates : repo.workflows).map((value) => ({ value, weight: value.weight })));
  const events: Readonly<Record<string, number>> = settings.events;
  const event =
    conclusion === 'action_required' ? 'pull_request' : f.helpers.weightedArrayElement(workflow.events.map((value) => ({ value, weight: events[value] ?? 1 })));
  const cause = trigger(f, repo, workflow, event);
  const common = {
    repo,
    workflow,
    event,
    trigger: cause,
    headSha: hex(f),
    treeSha: hex(f),
    baseSha: hex(f),
    referenced: workflow.reuses.map((reuse, index) => ({ path: reuse.path, sha: reusedShas[workflow.index]?.[index] ?? '0'.repeat(40), ref: reuse.ref })),
  };
  const jobsFor = (state: AttemptState) => layoutJobs(pick, workflow.jobs, runnerPools, state);

  if (conclusion === null) {
    const ages: Readonly<Record<string, readonly number[]>> = settings.activeAgeMinutes;
    const [youngest = 1, oldest = 10] = ages[status] ?? [];
    // A running run is younger than its workflow's longest run, so its jobs keep their usual lengths.
    const longest = workflow.jobs.reduce((sum, job) => sum + (job.minutes[1] ?? 5), 0) - 1;
    const minutes = status === 'in_progress' ? Math.max(youngest, Math.min(oldest, longest)) : oldest;
    const createdMs = wholeSeconds(timeline.anchor - pick(youngest * 60, minutes * 60) * SECOND);
    const state = { status: status as Active, startMs: createdMs, nowMs: timeline.anchor };
    const jobs = jobsFor(state);
    return { ...common, status, conclusion, createdMs, updatedMs: lastActivity(jobs, createdMs), attempts: [{ state, jobs, triggeredBy: cause.actor }] };
  }

  const createdMs = wholeSeconds(seededStart(f, timeline, false));
  const duration = (): number =>
    conclusion === 'skipped' || conclusion === 'action_required'
      ? pick(2, 20) * SECOND
      : workflow.jobs.reduce((sum, job) => sum + pick((job.minutes[0] ?? 1) * 60, (job.minutes[1] ?? 5) * 60) * SECOND, 0);
  const attempts: Attempt[] = [];
  let startMs = createdMs;
  if (!['skipped', 'action_required'].includes(conclusion) && f.datatype.boolean({ probability: settings.rerun.share })) {
    // Re-run after a failed first attempt, by someone on the team, if the second attempt starts before the anchor.
    const firstEnd = createdMs + duration();
    const [shortest = 2, longest = 60] = settings.rerun.gapMinutes;
    const secondStart = wholeSeconds(firstEnd + pick(shortest * 60, longest * 60) * SECOND);
    if (secondStart < timeline.anchor - MINUTE) {
      const state: AttemptState = { status: 'completed', conclusion: 'failure', startMs: createdMs, endMs: firstEnd };
      attempts.push({ state, jobs: jobsFor(state), triggeredBy: cause.actor });
      startMs = secondStart;
    }
  }
  const endMs = wholeSeconds(seededEnd(startMs, duration(), timeline.anchor));
  const state: AttemptState = { status: 'completed', conclusion, startMs, endMs };
  const triggeredBy = attempts.length > 0 ? f.helpers.arrayElement(people) : cause.actor;
  attempts.push({ state, jobs: jobsFor(state), triggeredBy });
  return { ...common, status, conclusion, createdMs, updatedMs: endMs, attempts };
}

/** Ids in creation order: runs and check suites with seeded gaps, jobs close together, run numbers per workflow. */
function assignIds(f: SeededFaker, drafts: readonly Draft[], iso: (ms: number) => string): SeedData {
  const gap = (range: readonly number[]) => f.number.int({ min: range[0] ?? 1, max: range[1] ?? range[0] ?? 1 });
  const numbers = new Map<number, number>();
  let runId = settings.ids.firstRun;
  let checkSuiteId = settings.ids.firstCheckSuite;
  let jobId = settings.ids.firstJob;
  const runs: NewRecord[] = [];
  for (const draft of drafts) {
    runId += gap(settings.ids.runGap);
    checkSuiteId += gap(settings.ids.checkSuiteGap);
    const runNumber = numbers.get(draft.workflow.id) ?? draft.workflow.firstRunNumber;
    numbers.set(draft.workflow.id, runNumber + 1);
    const run = runData(draft, { runId, checkSuiteId, runNumber }, iso);
    const jobs: JsonObject[] = [];
    for (const [index, attempt] of draft.attempts.entries()) {
      const context = {
        repo: draft.repo.spec,
        runId,
        attempt: index + 1,
        headSha: draft.headSha,
        headBranch: draft.trigger.headBranch,
        workflowName: draft.workflow.name,
      };
      for (const shape of attempt.jobs) {
        jobId += gap(settings.ids.jobGap);
        jobs.push(jobData(shape, jobId, context, iso));
      }
    }
    runs.push({ id: String(runId), data: run, meta: { [JOBS]: jobs } });
  }
  const repos = repositories.map((repo): NewRecord => ({ id: fullName(repo.spec), data: minimalRepository(repo.spec) }));
  return { repositories: repos, runs };
}

function runData(draft: Draft, ids: { runId: number; checkSuiteId: number; runNumber: number }, iso: (ms: number) => string): JsonObject {
  const { repo, workflow, trigger: cause } = draft;
  const current = draft.attempts[draft.attempts.length - 1];
  const attempt = draft.attempts.length;
  const urls = runUrls(repo.spec, ids.runId, ids.checkSuiteId, workflow.id);
  const repository = minimalRepository(repo.spec);
  return {
    id: ids.runId,
    name: workflow.name,
    node_id: nodeId('WFR', [2, repo.spec.id, ids.runId]),
    head_branch: cause.headBranch,
    head_sha: draft.headSha,
    path: `.github/workflows/${workflow.file}`,
    display_title: cause.displayTitle,
    run_number: ids.runNumber,
    event: draft.event,
    status: draft.status,
    conclusion: draft.conclusion,
    workflow_id: workflow.id,
    check_suite_id: ids.checkSuiteId,
    check_suite_node_id: nodeId('CS', [0, repo.spec.id, ids.checkSuiteId]),
    url: urls.url,
    html_url: urls.html_url,
    pull_requests: cause.pullRequest ? [pullRequestOf(repo, cause.pullRequest, draft.headSha, draft.baseSha)] : [],
    created_at: iso(draft.createdMs),
    updated_at: iso(draft.updatedMs),
    actor: simpleUser(cause.actor),
    run_attempt: attempt,
    referenced_workflows: draft.referenced,
    run_started_at: iso(current?.state.startMs ?? draft.createdMs),
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
      id: draft.headSha,
      tree_id: draft.treeSha,
      message: cause.message,
      timestamp: iso(draft.createdMs - cause.commitAgeMs),
      author: cause.author,
      committer: cause.committer,
    },
    repository,
    head_repository: repository,
    head_repository_id: repo.spec.id,
  };
}
