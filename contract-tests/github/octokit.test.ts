import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import { packGithub } from '../../mocks/github/index.ts';
import { clientMock } from '../support/client-mock.ts';

// GitHub's own client, Octokit (@octokit/rest), against the mock over loopback HTTP, as a user points it at GitHub
// Enterprise: `baseUrl` is the mock's /github. It lists, reads, cancels and re-runs runs, lists jobs, and follows the
// Link header through every page with octokit.paginate; the mock's journal must show no request that broke a request
// schema, and no response may break its own schema (clientMock). No other typed client is written for GitHub.

const mock = clientMock(packGithub);
const owner = 'octo-org';
const repo = 'hello-world';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function octokit(): Octokit {
  const baseUrl = mock.current().url('github');
  expect(new URL(baseUrl).hostname).toBe('127.0.0.1');
  return new Octokit({ baseUrl, auth: 'token', log: quiet });
}

describe('Octokit against the mock', () => {
  it('lists runs, reads one and its jobs', async () => {
    const client = octokit();
    const { data, headers } = await client.rest.actions.listWorkflowRunsForRepo({ owner, repo });
    expect(data.total_count).toBeGreaterThanOrEqual(200);
    expect(data.workflow_runs).toHaveLength(30);
    expect(headers.link).toContain('rel="next"');
    const [newest] = data.workflow_runs;
    if (!newest) throw new Error('no runs');
    const run = await client.rest.actions.getWorkflowRun({ owner, repo, run_id: newest.id });
    expect(run.data).toEqual(newest);
    const finished = data.workflow_runs.find((item) => item.status === 'completed' && item.conclusion === 'success');
    if (!finished) throw new Error('no successful run on the first page');
    const jobs = await client.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: finished.id });
    expect(jobs.data.total_count).toBeGreaterThan(0);
    expect(jobs.data.jobs.every((job) => job.run_id === finished.id && job.conclusion === 'success')).toBe(true);
  });

  it('follows every page of the Link header with octokit.paginate', async () => {
    const client = octokit();
    const { data } = await client.rest.actions.listWorkflowRunsForRepo({ owner, repo, per_page: 1 });
    const runs = await client.paginate(client.rest.actions.listWorkflowRunsForRepo, { owner, repo, per_page: 50 });
    expect(runs).toHaveLength(data.total_count);
    expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length);
    expect(runs.map((run) => run.id)).toEqual([...runs.map((run) => run.id)].sort((a, b) => b - a));
    const completed = await client.paginate(client.rest.actions.listWorkflowRunsForRepo, { owner, repo, status: 'completed', per_page: 100 });
    expect(completed.length).toBeGreaterThan(0);
    expect(completed.every((run) => run.status === 'completed')).toBe(true);
  });

  it('cancels a running run and re-runs a completed one; a completed run cannot be cancelled', async () => {
    const client = octokit();
    const runs = await client.paginate(client.rest.actions.listWorkflowRunsForRepo, { owner, repo, per_page: 100 });
    const running = runs.find((run) => run.status === 'in_progress');
    const failed = runs.find((run) => run.status === 'completed' && run.conclusion === 'failure');
    if (!running || !failed) throw new Error('the seed has no running or no failed run');

    expect((await client.rest.actions.cancelWorkflowRun({ owner, repo, run_id: running.id })).status).toBe(202);
    const cancelled = (await client.rest.actions.getWorkflowRun({ owner, repo, run_id: running.id })).data;
    expect([cancelled.status, cancelled.conclusion]).toEqual(['completed', 'cancelled']);
    const jobs = (await client.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: running.id })).data.jobs;
    expect(jobs.every((job) => job.status === 'completed')).toBe(true);

    const refused = await client.rest.actions.cancelWorkflowRun({ owner, repo, run_id: running.id }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'HttpError', status: 409, response: { data: { message: 'Cannot cancel a workflow run that is completed.' } } });

    expect((await client.rest.actions.reRunWorkflow({ owner, repo, run_id: failed.id })).status).toBe(201);
    const again = (await client.rest.actions.getWorkflowRun({ owner, repo, run_id: failed.id })).data;
    expect([again.status, again.conclusion, again.run_attempt]).toEqual(['queued', null, (failed.run_attempt ?? 1) + 1]);
    const all = await client.paginate(client.rest.actions.listJobsForWorkflowRun, { owner, repo, run_id: failed.id, filter: 'all', per_page: 1 });
    expect(all.filter((job) => job.run_attempt === again.run_attempt).every((job) => job.status === 'queued')).toBe(true);
    expect(all.some((job) => job.run_attempt === failed.run_attempt)).toBe(true);
  });

  it('is told a missing run is Not Found, in GitHub’s words', async () => {
    const missing = await octokit()
      .rest.actions.getWorkflowRun({ owner, repo, run_id: 1 })
      .catch((error: unknown) => error);
    expect(missing).toMatchObject({
      name: 'HttpError',
      status: 404,
      response: {
        data: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run', status: '404' },
      },
    });
  });
});
