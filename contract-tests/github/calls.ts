import type { ContractContext, Observed } from '../../src/contract/types.ts';
import { parseLinks } from '../../src/pagination/link-header.ts';
import { matches, ok } from '../support/suite-kit.ts';

// The GitHub calls the contract suites share, for any target: pass --param owner=... --param repo=... --param
// token=... for a real repository (the defaults are the mock's seeded octo-org/hello-world). Runs and jobs are read
// through the fields the suites use; the schemas check the rest of every answer.

export type Run = {
  id: number;
  status: string;
  conclusion: string | null;
  event: string;
  head_branch: string | null;
  head_sha: string;
  check_suite_id: number;
  workflow_id: number;
  path: string;
  created_at: string;
  updated_at: string;
  run_started_at?: string;
  run_attempt?: number;
  previous_attempt_url?: string | null;
  url: string;
  actor?: { login: string };
  pull_requests: unknown[];
  repository: { full_name: string; name: string; owner: { login: string } };
};
export type Job = { id: number; run_id: number; run_attempt?: number; status: string; conclusion: string | null; head_sha: string; name: string };
export type RunPage = { total_count: number; workflow_runs: Run[] };
export type JobPage = { total_count: number; jobs: Job[] };
export type Query = Record<string, string | number | boolean>;

export const ACTIVE = ['requested', 'queued', 'pending', 'waiting', 'in_progress'];

export const owner = (ctx: ContractContext) => ctx.param('owner', 'octo-org');
export const repo = (ctx: ContractContext) => ctx.param('repo', 'hello-world');
export const repoPath = (ctx: ContractContext) => ({ owner: owner(ctx), repo: repo(ctx) });
export const headersFor = (ctx: ContractContext) => ({
  authorization: `Bearer ${ctx.param('token', 'contract-tests')}`,
  accept: 'application/vnd.github+json',
});
export const runPath = (ctx: ContractContext, id: number) => ({ ...repoPath(ctx), run_id: String(id) });

/** One page of the repository's runs, with the relations of its Link header. */
export async function listPage(ctx: ContractContext, query: Query = {}): Promise<{ body: RunPage; links: Map<string, URL>; res: Observed }> {
  const res = await ctx.call('listWorkflowRunsForRepo', { params: repoPath(ctx), query, headers: headersFor(ctx) }, { status: 200 });
  return { body: (res.body as unknown as RunPage | undefined) ?? { total_count: 0, workflow_runs: [] }, links: linksOf(res), res };
}

/** The Link header's relations as URLs. */
export function linksOf(res: Observed): Map<string, URL> {
  return new Map(parseLinks(res.headers['link']).map((link) => [link.rel, new URL(link.url)]));
}

/** The query a link asks for, as a client following it sends it. */
export const queryOf = (url: URL): Query => Object.fromEntries(url.searchParams);

/**
 * Every run the list shows, following `rel="next"` as a client does (at most --param maxPages pages), checking on the
 * way that each page says the same total and that only the last page lacks a next link.
 */
export async function traverse(ctx: ContractContext, query: Query = {}): Promise<{ runs: Run[]; pages: number }> {
  const runs: Run[] = [];
  let next: Query | undefined = query;
  let pages = 0;
  let total: number | undefined;
  while (next && pages < Number(ctx.param('maxPages', '500'))) {
    const page = await listPage(ctx, next);
    pages += 1;
    total ??= page.body.total_count;
    if (page.body.total_count !== total) ok(ctx, false, `every page of ${JSON.stringify(query)} says total_count ${total}`, page.body.total_count);
    runs.push(...page.body.workflow_runs);
    const link = page.links.get('next');
    next = link ? queryOf(link) : undefined;
  }
  ok(ctx, total === undefined || runs.length === total, `following Link through ${JSON.stringify(query)} shows total_count runs`, {
    total,
    shown: runs.length,
  });
  return { runs, pages };
}

export const ids = (runs: readonly { id: number }[]) => runs.map((run) => run.id);

export async function getRun(ctx: ContractContext, id: number, query: Query = {}): Promise<Run | undefined> {
  const res = await ctx.call('getWorkflowRun', { params: runPath(ctx, id), query, headers: headersFor(ctx) }, { status: 200 });
  return res.body as unknown as Run | undefined;
}

export async function jobsOf(ctx: ContractContext, id: number, query: Query = {}): Promise<{ body: JobPage; links: Map<string, URL> }> {
  const res = await ctx.call('listJobsForWorkflowRun', { params: runPath(ctx, id), query, headers: headersFor(ctx) }, { status: 200 });
  return { body: (res.body as unknown as JobPage | undefined) ?? { total_count: 0, jobs: [] }, links: linksOf(res) };
}

export function cancel(ctx: ContractContext, id: number, expected: number | readonly number[] = 202): Promise<Observed> {
  return ctx.call('cancelWorkflowRun', { params: runPath(ctx, id), headers: headersFor(ctx) }, { status: expected });
}

export function rerun(ctx: ContractContext, id: number, expected: number | readonly number[] = 201, body?: null | Record<string, boolean>): Promise<Observed> {
  return ctx.call('reRunWorkflow', { params: runPath(ctx, id), headers: headersFor(ctx), ...(body === undefined ? {} : { body }) }, { status: expected });
}

/** A GitHub error: `{message, documentation_url, status}` with the message (exact or a pattern), a docs link and the status as text. */
export function isGithubError(ctx: ContractContext, res: Observed, message: string | RegExp | undefined, what: string): boolean {
  const body = res.body as { message?: unknown; documentation_url?: unknown; status?: unknown } | undefined;
  return ok(
    ctx,
    (message === undefined || matches(body?.message, message)) &&
      matches(body?.documentation_url, /^https:\/\/docs\.github\.com\/rest/) &&
      body?.status === String(res.status),
    `${what}: GitHub's error${message === undefined ? '' : ' with its message'}`,
    { expected: String(message), actual: body },
  );
}
