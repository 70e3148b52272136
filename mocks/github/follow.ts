import type { JsonObject } from '../../src/core/json.ts';
import { isoAt } from '../../src/core/time.ts';
import type { Replacement } from '../../src/engine/pack.ts';
import { type AttemptState, JOBS, type JobRun, type JobShape, type JobTemplate, jobData, jobsIn, layoutJobs, type Pick } from './jobs.ts';
import { repositories, runnerPools } from './workflows.ts';

/**
 * A run's jobs (its `meta.jobs`) following the run's moves, so the jobs list always agrees with the run (GitHub
 * OpenAPI: components/schemas/job, operation actions/list-jobs-for-workflow-run). Only the current attempt's jobs
 * change; earlier attempts' stay as they ended.
 *
 * - entering `queued` with no jobs for the attempt (a re-run's new attempt, a requested or pending run being queued):
 *   the workflow's jobs, all queued;
 * - entering `in_progress`: the first job not completed starts now on a runner (its first step running), the rest wait;
 * - entering `completed` by itself: the jobs not completed run from where the attempt stands to now, one of them
 *   deciding a failure or a time-out as the seed's runs do (jobs.ts), those after it skipped;
 * - `cancel`: the running job and its running step are cancelled now, its steps not started skipped, jobs not started
 *   cancelled.
 * Jobs keep their ids through every change; a job the mock creates takes an id from its run (`jobIdFor`). A run whose
 * workflow the seed does not know (loaded as a fixture) keeps the jobs it has.
 */
export interface JobsMove {
  readonly to: string;
  /** The command that made the move; absent for the lifecycle's own moves. */
  readonly command?: string;
  /** When it happened, ISO 8601 in whole seconds. */
  readonly at: string;
  readonly pick: Pick;
}

export function followJobs(record: Replacement, move: JobsMove): Replacement {
  const attempt = numberOf(record.data['run_attempt']) ?? 1;
  const all = jobsIn(record.meta);
  const current = all.filter((job) => job['run_attempt'] === attempt);
  const next = nextJobs(record.data, attempt, current, move);
  if (next === current) return record;
  return { data: record.data, meta: { ...record.meta, [JOBS]: [...all.filter((job) => job['run_attempt'] !== attempt), ...next] } };
}

/** An id for a job the mock creates: unique per run, attempt and position, and above every seeded job id. */
export const jobIdFor = (runId: number, attempt: number, index: number): number => runId * 10_000 + (attempt % 1000) * 10 + index;

function nextJobs(run: JsonObject, attempt: number, current: JsonObject[], move: JobsMove): JsonObject[] {
  if (move.command === 'cancel') return current.map((job) => cancelled(job, move.at));
  const workflow = workflowOf(run);
  if (!workflow) return current;
  const at = Date.parse(move.at);
  const done = current.filter((job) => job['status'] === 'completed');
  const remaining = workflow.templates.filter((template) => !done.some((job) => job['name'] === template.name));
  const lay = (templates: readonly JobTemplate[], state: AttemptState): JsonObject[] => [
    ...done,
    ...shaped(layoutJobs(move.pick, templates, runnerPools, state), workflow, run, attempt, current),
  ];
  switch (move.to) {
    case 'queued':
      return current.length > 0 ? current : lay(workflow.templates, { status: 'queued', startMs: at, nowMs: at });
    case 'in_progress':
      return lay(remaining, { status: 'in_progress', startMs: at, nowMs: at });
    case 'completed': {
      const conclusion = typeof run['conclusion'] === 'string' ? run['conclusion'] : 'success';
      return lay(remaining, { status: 'completed', conclusion, startMs: Math.min(at, resumeAt(run, current)), endMs: at });
    }
    default:
      return current;
  }
}

/** Where the unfinished jobs of an attempt stand: the running job's start, else the last end, else the attempt's start. */
function resumeAt(run: JsonObject, current: readonly JsonObject[]): number {
  const running = current.find((job) => job['status'] === 'in_progress');
  if (running) return Date.parse(String(running['started_at']));
  const ends = current.map((job) => Date.parse(String(job['completed_at'] ?? ''))).filter((ms) => !Number.isNaN(ms));
  return Math.max(Date.parse(String(run['run_started_at'] ?? run['created_at'])), ...ends);
}

/** Shapes as job objects, keeping the id, creation time and runner of the job of the same name the attempt had. */
function shaped(shapes: readonly JobShape[], workflow: Workflow, run: JsonObject, attempt: number, current: readonly JsonObject[]): JsonObject[] {
  const context: JobRun = {
    repo: workflow.repo,
    runId: numberOf(run['id']) ?? 0,
    attempt,
    headSha: String(run['head_sha']),
    headBranch: typeof run['head_branch'] === 'string' ? run['head_branch'] : null,
    workflowName: String(run['name']),
  };
  return shapes.map((shape) => {
    const before = current.find((job) => job['name'] === shape.template.name);
    const index = workflow.templates.indexOf(shape.template);
    const id = numberOf(before?.['id']) ?? jobIdFor(context.runId, attempt, index);
    const job = jobData(shape, id, context, (ms) => isoAt(ms, 'seconds'));
    if (!before) return job;
    const runner = before['runner_id'] !== null && job['runner_id'] !== null ? RUNNER_FIELDS.map((field) => [field, before[field] ?? null]) : [];
    return { ...job, created_at: before['created_at'] ?? job['created_at'], ...Object.fromEntries(runner) };
  });
}

const RUNNER_FIELDS = ['runner_id', 'runner_name', 'runner_group_id', 'runner_group_name'];

/** A job the run's cancel ends now: running work cancelled, steps not started skipped, a job not started cancelled. */
function cancelled(job: JsonObject, at: string): JsonObject {
  if (job['status'] === 'completed') return job;
  const steps = Array.isArray(job['steps']) ? (job['steps'] as JsonObject[]) : [];
  return {
    ...job,
    status: 'completed',
    conclusion: 'cancelled',
    completed_at: at,
    steps: steps.map((step) => {
      if (step['status'] === 'completed') return step;
      if (step['status'] === 'in_progress') return { ...step, status: 'completed', conclusion: 'cancelled', completed_at: at };
      return { ...step, status: 'completed', conclusion: 'skipped' };
    }),
  };
}

interface Workflow {
  readonly repo: (typeof repositories)[number]['spec'];
  readonly templates: readonly JobTemplate[];
}

/** The seeded workflow a run belongs to, by its repository and workflow id. */
function workflowOf(run: JsonObject): Workflow | undefined {
  const repository = run['repository'];
  const repoId = typeof repository === 'object' && repository !== null && !Array.isArray(repository) ? repository['id'] : undefined;
  const repo = repositories.find((candidate) => candidate.spec.id === repoId);
  const workflow = repo?.workflows.find((candidate) => candidate.id === run['workflow_id']);
  return repo && workflow ? { repo: repo.spec, templates: workflow.jobs } : undefined;
}

const numberOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
