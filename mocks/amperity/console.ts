import type { ConsoleView } from '../../src/engine/pack.ts';
import settings from '../../fixtures/amperity/generation.json' with { type: 'json' };

/** The console is a client of the first seeded tenant, where the seed's own run lives. */
export const consoleAmperity: ConsoleView = {
  noun: 'workflow run',
  collection: 'runs',
  headers: { authorization: 'Bearer console', 'amperity-tenant': settings.tenants[0] ?? 'socktown', 'api-version': '2024-04-01' },
  list: { operation: 'listWorkflowRuns', query: { with_total: 'true' }, filters: ['state', 'type', 'created_from', 'created_to'] },
  fields: { id: 'id', status: 'state', title: 'name', since: ['ended_at', 'created_at'] },
  detail: { operation: 'getWorkflowRun', params: { id: { field: 'id' } }, query: { view: 'verbose' } },
  // One endpoint per command (POST .../runs/{id}/stop, no body), as the vendor's API has it.
  commands: { kind: 'machine', calls: { stop: { operation: 'stopWorkflowRun', params: { id: { field: 'id' } } } } },
  create: { operation: 'startWorkflowRun', example: () => ({ config_id: 'og-2LoyaltyM', run_mode: 'full' }) },
};
