import settings from '../../fixtures/github/generation.json' with { type: 'json' };
import type { Account } from './accounts.ts';
import type { JobTemplate, RunnerPool } from './jobs.ts';
import type { RepoSeed } from './triggers.ts';

/**
 * The seeded repositories and their workflows, as fixtures/github/generation.json declares them: what the seed draws
 * runs of and what a run's jobs follow (follow.ts) when it moves.
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

export type Repo = RepoSeed & { readonly runs: number; readonly workflows: readonly WorkflowSpec[] };

const templates: Readonly<Record<string, JobTemplate>> = settings.jobs;
export const runnerPools: Readonly<Record<string, RunnerPool>> = settings.runners;
const organization: Account = { ...settings.organization, type: 'Organization' };

export const repositories: readonly Repo[] = settings.repositories.map((repo) => ({
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
}));

/** A workflow's usual longest run, minutes: its jobs one after the other, each at its longest, less a minute. */
export const longestMinutes = (workflow: WorkflowSpec): number => workflow.jobs.reduce((sum, job) => sum + (job.minutes[1] ?? 5), 0) - 1;

/** Whether a run of it can wait on a deployment environment. */
export const hasEnvironment = (workflow: WorkflowSpec): boolean => workflow.jobs.some((job) => job.environment !== undefined);
