import type { Json } from '../../src/core/json.ts';
import { allConditions, equalIfGiven } from '../../src/engine/helpers.ts';
import type { OperationInput, Outcome } from '../../src/engine/pack.ts';
import type { Reads } from '../../src/engine/typed-input.ts';
import type { Condition, SortKey } from '../../src/store/query.ts';
import type { StoredRecord } from '../../src/store/store.ts';
import { createdConditions } from './created.ts';
import type { Inputs } from './inputs.generated.ts';
import { STATUSES } from './machine.ts';

// The run lists' filters and views (GitHub OpenAPI: operations actions/list-workflow-runs-for-repo and
// actions/list-workflow-runs, their query parameters in components/parameters), as pure functions of the typed input.

type ListInput = OperationInput<Reads<{ params: Inputs['listWorkflowRunsForRepo']['params']; query: Inputs['listWorkflowRunsForRepo']['query'] }>>;

/** A repository's `full_name` from the path: owner and name are case-insensitive (components/parameters/owner, repo), the seed's are lower case. */
export const repoName = (params: { readonly owner: string; readonly repo: string }): string => `${params.owner}/${params.repo}`.toLowerCase();

/** Newest first: run ids grow with creation time, as GitHub's do. */
export const newestFirst: readonly SortKey[] = [{ field: 'id', dir: 'desc', as: 'number' }];

/** The list's filters, each only when given, plus any the operation adds (its workflow). */
export function runFilters(input: ListInput, extra: readonly Condition[] = []): Outcome<Condition[]> {
  const { query } = input;
  return allConditions(
    [{ field: 'repository.full_name', op: 'eq', value: repoName(input.params) }],
    [...extra],
    statusFilter(query.status),
    equalIfGiven('head_branch', query.branch),
    equalIfGiven('event', query.event),
    equalIfGiven('actor.login', query.actor),
    equalIfGiven('head_sha', query.head_sha),
    equalIfGiven('check_suite_id', query.check_suite_id),
    createdConditions('created_at', query.created),
  );
}

/** `status` names a status or a conclusion (components/parameters/workflow-run-status mixes both). */
function statusFilter(value: string | undefined): Condition[] {
  if (value === undefined) return [];
  return [{ field: (STATUSES as readonly string[]).includes(value) ? 'status' : 'conclusion', op: 'eq', value }];
}

/** A workflow by its id, or by its file name (components/parameters/workflow-id). */
export function workflowFilter(workflow: string): Condition[] {
  return /^\d+$/.test(workflow)
    ? [{ field: 'workflow_id', op: 'eq', value: Number(workflow) }]
    : [{ field: 'path', op: 'eq', value: `.github/workflows/${workflow}` }];
}

/** A run as the lists and GET show it; `exclude_pull_requests=true` empties its pull_requests. */
export function runView(record: StoredRecord, input: OperationInput<Reads<{ query: { readonly exclude_pull_requests: boolean } }>>): Json {
  return input.query.exclude_pull_requests ? { ...record.data, pull_requests: [] } : record.data;
}

/** The jobs list's `filter`: the run's latest attempt (the default), or every attempt. */
export function attemptFilter(filter: 'latest' | 'all', run: StoredRecord | undefined): Condition[] {
  return filter === 'all' || run === undefined ? [] : [{ field: 'run_attempt', op: 'eq', value: run.data['run_attempt'] ?? 1 }];
}
