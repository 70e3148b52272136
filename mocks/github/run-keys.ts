import { hexFrom, type KeyRandom, weightedPick } from '../../src/generation/key-stream.ts';
import type { KeyValue } from '../../src/store/store.ts';
import settings from '../../fixtures/github/generation.json' with { type: 'json' };
import { fullName } from './accounts.ts';
import { createPlacement, type Placement } from './placement.ts';
import { type Trigger, trigger } from './triggers.ts';
import { hasEnvironment, longestMinutes, type Repo, repositories, type WorkflowSpec } from './workflows.ts';

/**
 * What a seeded run's lists, lookups and lifecycle read (its keys, issue 17), drawn from its index and its own key
 * stream alone (`SeedContext.keyRandom('runs', i)`), never from faker: `keys(i)` makes them for every run when a space
 * is seeded, and `record(i)` makes them again from the same stream before drawing the rest with its faker. Ids grow
 * with the index, which is creation order (placement.ts): run `i`'s id lies in `[firstRun + i·runStep, firstRun +
 * (i + 1)·runStep)`, its check suite's likewise; its jobs take ids from `firstJob + i·jobBlock` on.
 */
export interface RunKeys {
  readonly index: number;
  readonly repo: Repo;
  readonly workflow: WorkflowSpec;
  readonly runNumber: number;
  readonly runId: number;
  readonly checkSuiteId: number;
  readonly status: string;
  readonly conclusion: string | null;
  readonly createdMs: number;
  readonly event: string;
  readonly trigger: Trigger;
  readonly headSha: string;
}

/**
 * The paths of a run's `data` the pack reads without the whole run: the list's sort (`id`) and filters (repository,
 * workflow id or file, status or conclusion, branch, event, actor, head_sha, check_suite_id, created), the scope of a
 * run's lookups (its repository) and the lifecycle's state (`status`).
 */
export const RUN_FIELDS = [
  'id',
  'repository.full_name',
  'workflow_id',
  'path',
  'status',
  'conclusion',
  'event',
  'head_branch',
  'actor.login',
  'head_sha',
  'check_suite_id',
  'created_at',
] as const;

/** How many runs each repository gets: `--records` sizes the first one (the main documented list). */
export const runCounts = (records: number | undefined): number[] => repositories.map((repo, index) => (index === 0 ? (records ?? repo.runs) : repo.runs));

/** Where every run of the seed sits (placement.ts), from the generation settings. */
export function runPlacement(records: number | undefined, offsetRandom: KeyRandom): Placement {
  const counts = runCounts(records);
  return createPlacement(
    {
      repositories: repositories.map((repo, r) => ({
        count: counts[r] ?? 0,
        workflows: repo.workflows.map((workflow) => ({
          weight: workflow.weight,
          firstRunNumber: workflow.firstRunNumber,
          events: workflow.events,
          environment: hasEnvironment(workflow),
          longestMinutes: longestMinutes(workflow),
        })),
      })),
      statusWeights: settings.statusWeights,
      conclusionWeights: settings.conclusionWeights,
      activeAgeMinutes: settings.activeAgeMinutes,
      timeline: settings.timeline,
    },
    offsetRandom,
  );
}

const eventWeights: Readonly<Record<string, number>> = settings.events;
// Made once per workflow: `keys(i)` runs for every seeded run.
const eventsOf = new Map(
  repositories.flatMap((repo) =>
    repo.workflows.map((workflow) => [workflow, workflow.events.map((value) => ({ value, weight: eventWeights[value] ?? 1 }))] as const),
  ),
);
const repoNames = new Map(repositories.map((repo) => [repo, fullName(repo.spec)]));
const paths = new Map(repositories.flatMap((repo) => repo.workflows.map((workflow) => [workflow, workflowPath(workflow)] as const)));

/** Run `i`'s keys; `random` is its key stream, fresh. */
export function runKeys(placement: Placement, random: KeyRandom, i: number, anchor: number): RunKeys {
  const placed = placement.place(i, random);
  const repo = repositories[placed.repo];
  const workflow = repo?.workflows[placed.workflow];
  if (!repo || !workflow) throw new Error(`GitHub seed: run ${i} has no workflow`);
  const runId = settings.ids.firstRun + i * settings.ids.runStep + Math.floor(random() * settings.ids.runStep);
  const checkSuiteId = settings.ids.firstCheckSuite + i * settings.ids.checkSuiteStep + Math.floor(random() * settings.ids.checkSuiteStep);
  const headSha = hexFrom(random, 40);
  // Approval is asked only of pull requests.
  const event = placed.conclusion === 'action_required' ? 'pull_request' : weightedPick(random, eventsOf.get(workflow) ?? []);
  return {
    index: i,
    repo,
    workflow,
    runNumber: placed.runNumber,
    runId,
    checkSuiteId,
    status: placed.status,
    conclusion: placed.conclusion,
    createdMs: anchor - placed.ageMs,
    event,
    trigger: trigger(random, repo, workflow, event),
    headSha,
  };
}

/** The values at `RUN_FIELDS`, as `runData` writes them. */
export function keyValues(keys: RunKeys, iso: (ms: number) => string): KeyValue[] {
  return [
    keys.runId,
    repoNames.get(keys.repo) ?? fullName(keys.repo.spec),
    keys.workflow.id,
    paths.get(keys.workflow) ?? workflowPath(keys.workflow),
    keys.status,
    keys.conclusion,
    keys.event,
    keys.trigger.headBranch,
    keys.trigger.actor.login,
    keys.headSha,
    keys.checkSuiteId,
    iso(keys.createdMs),
  ];
}

export function workflowPath(workflow: WorkflowSpec): string {
  return `.github/workflows/${workflow.file}`;
}
