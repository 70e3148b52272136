import type { JsonObject } from '../../src/core/json.ts';
import { type RepositorySpec, repoApi, repoWeb } from './accounts.ts';
import { nodeId } from './node-id.ts';

/**
 * A run attempt's jobs as GitHub shows them at one moment (GitHub OpenAPI: components/schemas/job), laid out in time:
 * the jobs of a workflow run one after the other, each one's steps in order. Pure: the randomness comes in as `pick`
 * (seeded faker for the seed, the lifecycle's deterministic draw for live moves), the times as epoch milliseconds in
 * whole seconds.
 */
export interface JobTemplate {
  readonly name: string;
  readonly labels: readonly string[];
  /** Which runner pool takes it (`hosted`, `self-hosted`). */
  readonly runner: string;
  /** How long it runs, [shortest, longest] minutes. */
  readonly minutes: readonly number[];
  readonly steps: readonly string[];
  /** The deployment environment it waits for, when it has one (a run can be `waiting` on it). */
  readonly environment?: string;
}

export interface RunnerPool {
  readonly groupId: number;
  readonly groupName: string;
  readonly namePrefix: string;
  readonly ids: readonly number[];
}

/** An integer in [min, max], drawn deterministically. */
export type Pick = (min: number, max: number) => number;

/** Where an attempt stands: ended with a conclusion between two instants, or active at `nowMs`. */
export type AttemptState =
  | { readonly status: 'completed'; readonly conclusion: string; readonly startMs: number; readonly endMs: number }
  | { readonly status: 'requested' | 'pending' | 'queued' | 'waiting' | 'in_progress'; readonly startMs: number; readonly nowMs: number };

export interface StepShape {
  readonly name: string;
  readonly status: 'queued' | 'in_progress' | 'completed';
  readonly conclusion: string | null;
  readonly startedMs: number | null;
  readonly completedMs: number | null;
}

export interface Runner {
  readonly id: number;
  readonly name: string;
  readonly groupId: number;
  readonly groupName: string;
}

export interface JobShape {
  readonly template: JobTemplate;
  readonly status: string;
  readonly conclusion: string | null;
  readonly createdMs: number;
  readonly startedMs: number;
  readonly completedMs: number | null;
  readonly runner: Runner | null;
  readonly steps: readonly StepShape[];
}

/** Where a run keeps its jobs: `meta.jobs`, every attempt's, oldest first (the run's jobs list shows them). */
export const JOBS = 'jobs';

/** The jobs a run holds. */
export const jobsIn = (meta: JsonObject): JsonObject[] => (Array.isArray(meta[JOBS]) ? (meta[JOBS] as JsonObject[]) : []);

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Conclusions where one job decides the run's outcome and the jobs after it never run. */
const DECIDED_BY_ONE = ['failure', 'cancelled', 'timed_out'];

/** The jobs of an attempt in `state` (none yet for requested, pending and action_required runs). */
export function layoutJobs(pick: Pick, templates: readonly JobTemplate[], pools: Readonly<Record<string, RunnerPool>>, state: AttemptState): JobShape[] {
  const runner = (template: JobTemplate): Runner => drawRunner(pick, pools, template.runner);
  switch (state.status) {
    case 'requested':
    case 'pending':
      return [];
    case 'queued':
      return templates.map((template) => notStarted(template, 'queued', null, state.startMs));
    case 'waiting': {
      const gate = Math.max(
        0,
        templates.findIndex((template) => template.environment !== undefined),
      );
      const since = Math.max(state.startMs, Math.min(state.startMs + totalMs(pick, templates.slice(0, gate)), state.nowMs - 30 * SECOND));
      const done = ranInSlots(pick, templates.slice(0, gate), state.startMs, since, runner, () => 'success');
      return [...done, ...templates.slice(gate).map((template, index) => notStarted(template, index === 0 ? 'waiting' : 'queued', null, since))];
    }
    case 'in_progress': {
      const age = state.nowMs - state.startMs;
      const end = state.startMs + Math.max(totalMs(pick, templates), age + pick(1, 10) * MINUTE);
      const bounds = boundaries(pick, templates, state.startMs, end);
      const current = Math.max(
        0,
        bounds.findIndex(([from, to]) => from <= state.nowMs && state.nowMs < to),
      );
      return templates.map((template, index) => {
        const [from, to] = bounds[index] ?? [state.startMs, end];
        if (index < current) return finished(pick, template, from, to, runner(template), 'success');
        if (index > current) return notStarted(template, 'queued', null, state.startMs);
        return running(pick, template, from, to, state.nowMs, runner(template));
      });
    }
    case 'completed': {
      const { conclusion, startMs, endMs } = state;
      if (conclusion === 'action_required') return [];
      if (conclusion === 'skipped') return templates.map((template) => notStarted(template, 'completed', 'skipped', endMs));
      const decisive = DECIDED_BY_ONE.includes(conclusion) ? pick(0, templates.length - 1) : templates.length - 1;
      const ran = ranInSlots(pick, templates.slice(0, decisive + 1), startMs, endMs, runner, (index) =>
        index === decisive && DECIDED_BY_ONE.includes(conclusion) ? conclusion : 'success',
      );
      const after = conclusion === 'cancelled' ? 'cancelled' : 'skipped';
      return [...ran, ...templates.slice(decisive + 1).map((template) => notStarted(template, 'completed', after, endMs))];
    }
  }
}

/** The latest instant an attempt's jobs show (a step starting or ending), or `fallback` when nothing happened yet. */
export function lastActivity(jobs: readonly JobShape[], fallback: number): number {
  const times = jobs.flatMap((job) => [job.createdMs, job.startedMs, job.completedMs, ...job.steps.flatMap((step) => [step.startedMs, step.completedMs])]);
  return Math.max(fallback, ...times.filter((time): time is number => time !== null));
}

const drawRunner = (pick: Pick, pools: Readonly<Record<string, RunnerPool>>, kind: string): Runner => {
  const pool = pools[kind] ?? Object.values(pools)[0];
  if (!pool) throw new Error('no runner pool');
  const [low = 1, high = low] = pool.ids;
  const id = pick(low, high);
  return { id, name: `${pool.namePrefix}${id}`, groupId: pool.groupId, groupName: pool.groupName };
};

const totalMs = (pick: Pick, templates: readonly JobTemplate[]): number =>
  templates.reduce((sum, template) => sum + pick((template.minutes[0] ?? 1) * 60, (template.minutes[1] ?? 5) * 60) * SECOND, 0);

/** Consecutive [from, to) slots over [start, end], one per template, sized by drawn durations, in whole seconds. */
function boundaries(pick: Pick, templates: readonly JobTemplate[], start: number, end: number): [number, number][] {
  const weights = templates.map((template) => pick((template.minutes[0] ?? 1) * 60, (template.minutes[1] ?? 5) * 60));
  return split(weights, start, end);
}

function split(weights: readonly number[], start: number, end: number): [number, number][] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const at = (upTo: number) => {
    const share = weights.slice(0, upTo).reduce((sum, weight) => sum + weight, 0);
    return total === 0 ? start : start + Math.floor(((end - start) * share) / total / SECOND) * SECOND;
  };
  return weights.map((_, index) => [at(index), index === weights.length - 1 ? end : at(index + 1)]);
}

function ranInSlots(
  pick: Pick,
  templates: readonly JobTemplate[],
  start: number,
  end: number,
  runner: (template: JobTemplate) => Runner,
  conclusion: (index: number) => string,
): JobShape[] {
  const bounds = boundaries(pick, templates, start, end);
  return templates.map((template, index) => {
    const [from, to] = bounds[index] ?? [start, end];
    return finished(pick, template, from, to, runner(template), conclusion(index));
  });
}

/** A job no runner took: waiting, queued, or ended without running (skipped, cancelled). Its start shows its creation. */
function notStarted(template: JobTemplate, status: string, conclusion: string | null, at: number): JobShape {
  return { template, status, conclusion, createdMs: at, startedMs: at, completedMs: status === 'completed' ? at : null, runner: null, steps: [] };
}

const isCleanup = (name: string): boolean => name.startsWith('Post ') || name === 'Complete job';
/** Steps that can fail: not the runner's set-up, post-actions or clean-up. */
const workSteps = (steps: readonly string[]): number[] => steps.flatMap((name, index) => (index > 0 && !isCleanup(name) ? [index] : []));

/**
 * A job that ran from `from` to `to`. On success every step succeeds; otherwise one work step fails (or is cancelled,
 * for a cancelled or timed-out job), the work steps after it are skipped and the post steps still run.
 */
function finished(pick: Pick, template: JobTemplate, from: number, to: number, runner: Runner, conclusion: string): JobShape {
  const work = workSteps(template.steps);
  const broken = conclusion === 'success' || work.length === 0 ? -1 : (work[pick(0, work.length - 1)] ?? -1);
  const outcome = (index: number, name: string): string => {
    if (broken < 0 || index < broken || isCleanup(name)) return 'success';
    if (index === broken) return conclusion === 'failure' ? 'failure' : 'cancelled';
    return 'skipped';
  };
  const weights = template.steps.map((name, index) => (outcome(index, name) === 'skipped' ? 0 : isCleanup(name) || index === 0 ? 1 : pick(2, 10)));
  const bounds = split(weights, from, to);
  const steps = template.steps.map((name, index): StepShape => {
    const [started, completed] = bounds[index] ?? [from, to];
    return { name, status: 'completed', conclusion: outcome(index, name), startedMs: started, completedMs: completed };
  });
  return { template, status: 'completed', conclusion, createdMs: from, startedMs: from, completedMs: to, runner, steps };
}

/** A job running at `now`: the steps before now done, the one now in progress, the rest queued. */
function running(pick: Pick, template: JobTemplate, from: number, to: number, now: number, runner: Runner): JobShape {
  const weights = template.steps.map((name, index) => (isCleanup(name) || index === 0 ? 1 : pick(2, 10)));
  const bounds = split(weights, from, to);
  const steps = template.steps.map((name, index): StepShape => {
    const [started = from, completed = to] = bounds[index] ?? [];
    if (completed <= now) return { name, status: 'completed', conclusion: 'success', startedMs: started, completedMs: completed };
    if (started <= now) return { name, status: 'in_progress', conclusion: null, startedMs: started, completedMs: null };
    return { name, status: 'queued', conclusion: null, startedMs: null, completedMs: null };
  });
  return { template, status: 'in_progress', conclusion: null, createdMs: from, startedMs: from, completedMs: null, runner, steps };
}

/** What a job record needs from its run. */
export interface JobRun {
  readonly repo: RepositorySpec;
  readonly runId: number;
  readonly attempt: number;
  readonly headSha: string;
  readonly headBranch: string | null;
  readonly workflowName: string;
}

/** A job object (GitHub OpenAPI: components/schemas/job), with `iso` writing the pack's times. */
export function jobData(shape: JobShape, id: number, run: JobRun, iso: (ms: number) => string): JsonObject {
  const at = (ms: number | null) => (ms === null ? null : iso(ms));
  return {
    id,
    run_id: run.runId,
    workflow_name: run.workflowName,
    head_branch: run.headBranch,
    run_url: `${repoApi(run.repo)}/actions/runs/${run.runId}`,
    run_attempt: run.attempt,
    node_id: nodeId('CR', [0, run.repo.id, id]),
    head_sha: run.headSha,
    url: `${repoApi(run.repo)}/actions/jobs/${id}`,
    html_url: `${repoWeb(run.repo)}/actions/runs/${run.runId}/job/${id}`,
    status: shape.status,
    conclusion: shape.conclusion,
    created_at: iso(shape.createdMs),
    started_at: iso(shape.startedMs),
    completed_at: at(shape.completedMs),
    name: shape.template.name,
    steps: shape.steps.map((step, index) => ({
      name: step.name,
      status: step.status,
      conclusion: step.conclusion,
      number: index + 1,
      started_at: at(step.startedMs),
      completed_at: at(step.completedMs),
    })),
    check_run_url: `${repoApi(run.repo)}/check-runs/${id}`,
    labels: [...shape.template.labels],
    runner_id: shape.runner?.id ?? null,
    runner_name: shape.runner?.name ?? null,
    runner_group_id: shape.runner?.groupId ?? null,
    runner_group_name: shape.runner?.groupName ?? null,
  };
}
