import type { ConsoleView } from '../../src/engine/pack.ts';
import settings from '../../fixtures/github/generation.json' with { type: 'json' };

/** The console shows the first seeded repository's runs (octo-org/hello-world), each command through its own endpoint. */
const repository = { owner: { value: settings.organization.login }, repo: { value: settings.repositories[0]?.name ?? 'hello-world' } };
/** A run's own repository, for the calls about one run. */
const run = { owner: { field: 'repository.owner.login' }, repo: { field: 'repository.name' }, run_id: { field: 'id' } };

export const consoleGithub: ConsoleView = {
  noun: 'workflow run',
  collection: 'runs',
  headers: { authorization: 'Bearer console', accept: 'application/vnd.github+json' },
  list: { operation: 'listWorkflowRunsForRepo', params: repository, filters: ['status', 'branch', 'event', 'actor', 'created'] },
  fields: { id: 'id', status: 'status', extraStatus: ['conclusion'], title: 'display_title', since: ['run_started_at', 'created_at'] },
  // The status says where a run is, the conclusion how it ended (components/schemas/workflow-run).
  tones: [
    { when: { status: ['completed'], conclusion: ['failure', 'timed_out', 'cancelled', 'action_required'] }, tone: 'failed' },
    { when: { status: ['completed'] }, tone: 'done' },
    { when: { status: ['queued', 'pending', 'requested', 'waiting'] }, tone: 'waiting' },
    { when: { status: ['in_progress'] }, tone: 'active' },
  ],
  initial: 'requested',
  detail: { operation: 'getWorkflowRun', params: run },
  // One endpoint per command: POST .../runs/{run_id}/cancel and .../rerun, no body needed.
  commands: {
    kind: 'machine',
    calls: { cancel: { operation: 'cancelWorkflowRun', params: run }, rerun: { operation: 'reRunWorkflow', params: run } },
  },
};
