import { mockError } from '../../src/core/errors.ts';
import { ok } from '../../src/core/result.ts';
import type { ApiPack, ParentLookup, RecordTarget, TransitionAction } from '../../src/engine/pack.ts';
import { type Reads, typedOperations } from '../../src/engine/typed-input.ts';
import { pageNumberLink } from '../../src/pagination/page-number.ts';
import { consoleGithub } from './console.ts';
import { providerStatesGithub } from './provider-states.ts';
import { DOCS, errorsGithub, notFound } from './errors.ts';
import { followJobs } from './follow.ts';
import type { Inputs } from './inputs.generated.ts';
import { jobsIn } from './jobs.ts';
import { runProgress } from './lifecycle.ts';
import { runMachine } from './machine.ts';
import { attemptFilter, newestFirst, repoName, runFilters, runView, workflowFilter } from './runs.ts';
import { schemaId } from './schema-ids.ts';
import { seedGithub } from './seed.ts';

// GitHub Actions workflow runs, from GitHub's REST API description (actions-runs.openapi.json, an extract of
// github/rest-api-description through @octokit/openapi): the paths below /repos/{owner}/{repo}/actions/runs that the
// issue asks for, and the per-workflow list. Choices and what is left out: schemas/github/PROVENANCE.md.

const RUNS = '/repos/{owner}/{repo}/actions/runs';
const RUN = `${RUNS}/{run_id}`;

const operation = typedOperations<Inputs>();
type RepoPath = Reads<{ params: Inputs['listWorkflowRunsForRepo']['params'] }>;
type RunPath = Reads<{ params: Inputs['getWorkflowRun']['params'] }>;

/** The repository a list belongs to: a 404 when there is none by that name (owner and name in any case). */
const repositoryOf = (docs: string): ParentLookup<RepoPath> => ({
  name: 'repository',
  collection: 'repositories',
  id: (input) => repoName(input.params),
  notFound: () => notFound(docs),
});

/** A run of the repository in the path: another repository's run is not found there. */
const runOf = (docs: string): RecordTarget<RunPath> => ({
  collection: 'runs',
  id: (input) => String(input.params.run_id),
  scope: (input) => [{ field: 'repository.full_name', op: 'eq', value: repoName(input.params) }],
  notFound: () => notFound(docs),
});

/** cancel and rerun: one endpoint each, an empty object in reply, the jobs following the move. */
const command = (name: 'cancel' | 'rerun', status: number, docs: string, refusal: string): TransitionAction<RunPath> => ({
  kind: 'transition',
  ...runOf(docs),
  machine: runMachine,
  command: () => name,
  refuse: () => mockError('illegalTransition', refusal, { code: docs }),
  onMove: (record, move) => followJobs(record, { to: move.to, command: move.command, at: move.at, pick: (min) => min }),
  reply: () => ({ status, body: {} }),
});

const runsPage = pageNumberLink({ page: 'page', perPage: 'per_page', defaultPerPage: 30, maxPerPage: 100, items: 'workflow_runs', total: 'total_count' });
const params = (name: string) => schemaId(`parameters.json#/$defs/${name}`);

export const packGithub: ApiPack = {
  id: 'github',
  title: 'GitHub Actions workflow runs',
  vendorBaseUrl: 'https://api.github.com',
  // Octokit and GitHub's docs send `application/vnd.github+json`, read as JSON (a +json structured suffix).
  media: { accepts: ['json'], produces: ['json'] },
  timePrecision: 'seconds',
  auth: { kind: 'authorization', schemes: [/^Bearer\s+(\S.*)$/i, /^token\s+(\S.*)$/i], message: 'Requires authentication' },
  errors: errorsGithub,
  seed: seedGithub,
  lifecycle: {
    machine: runMachine,
    progress: runProgress,
    ordered: [
      ['created_at', 'run_started_at'],
      ['run_started_at', 'updated_at'],
    ],
    monotonic: ['updated_at'],
    terminalOnly: ['conclusion'],
  },
  collections: {
    runs: { schema: schemaId('workflow-run.json') },
    repositories: { schema: schemaId('workflow-run.json#/$defs/MinimalRepository') },
  },
  console: consoleGithub,
  providerStates: providerStatesGithub,
  operations: [
    operation({
      id: 'listWorkflowRunsForRepo',
      method: 'GET',
      path: RUNS,
      summary: "The repository's runs, newest first, paged by page and per_page with a Link header (actions/list-workflow-runs-for-repo).",
      request: { params: params('RepoPath'), query: params('ListQuery') },
      responses: { 200: schemaId('workflow-run-list.json') },
      requires: [repositoryOf(DOCS.listRuns)],
      action: { kind: 'list', collection: 'runs', where: (input) => runFilters(input), orderBy: () => ok(newestFirst), pagination: runsPage, view: runView },
    }),
    operation({
      id: 'listWorkflowRuns',
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
      summary: "One workflow's runs, by its id or file name, as the repository's list (actions/list-workflow-runs).",
      request: { params: params('WorkflowPath'), query: params('ListQuery') },
      responses: { 200: schemaId('workflow-run-list.json') },
      requires: [repositoryOf(DOCS.listWorkflowRuns)],
      action: {
        kind: 'list',
        collection: 'runs',
        where: (input) => runFilters(input, workflowFilter(input.params.workflow_id)),
        orderBy: () => ok(newestFirst),
        pagination: runsPage,
        view: runView,
      },
    }),
    operation({
      id: 'getWorkflowRun',
      method: 'GET',
      path: RUN,
      summary: 'One run (actions/get-workflow-run).',
      request: { params: params('RunPath'), query: params('GetQuery') },
      responses: { 200: schemaId('workflow-run.json') },
      action: { kind: 'get', ...runOf(DOCS.getRun), view: runView },
    }),
    operation({
      id: 'cancelWorkflowRun',
      method: 'POST',
      path: `${RUN}/cancel`,
      summary: 'Cancel a run not yet completed: 202 {}; a completed run is 409 (actions/cancel-workflow-run).',
      request: { params: params('RunPath') },
      responses: { 202: schemaId('empty-object.json') },
      action: command('cancel', 202, DOCS.cancel, 'Cannot cancel a workflow run that is completed.'),
    }),
    operation({
      id: 'reRunWorkflow',
      method: 'POST',
      path: `${RUN}/rerun`,
      summary: 'Re-run a completed run as its next attempt, queued: 201 {} (actions/re-run-workflow).',
      request: { params: params('RunPath'), body: params('RerunBody') },
      responses: { 201: schemaId('empty-object.json') },
      action: command('rerun', 201, DOCS.rerun, 'Cannot re-run a workflow run that is not completed.'),
    }),
    operation({
      id: 'listJobsForWorkflowRun',
      method: 'GET',
      path: `${RUN}/jobs`,
      summary: "The run's jobs: its latest attempt's (filter=latest) or every attempt's (all), paged like the runs (actions/list-jobs-for-workflow-run).",
      request: { params: params('RunPath'), query: params('JobsQuery') },
      responses: { 200: schemaId('job-list.json') },
      requires: [{ name: 'run', ...runOf(DOCS.jobs) }],
      action: {
        kind: 'list',
        heldBy: { parent: 'run', items: (run) => jobsIn(run.meta) },
        where: (input) => ok(attemptFilter(input.query.filter, input.parents['run'])),
        orderBy: () => ok([]),
        pagination: pageNumberLink({ page: 'page', perPage: 'per_page', defaultPerPage: 30, maxPerPage: 100, items: 'jobs', total: 'total_count' }),
      },
    }),
  ],
};
