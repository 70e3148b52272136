import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/core/json.ts';
import { stateFilter } from './runs.ts';
import { amperityId, spreadTasks, startedRun, withTaskError, workflowForConfig } from './run-parts.ts';

describe('Amperity run parts', () => {
  it('writes ids as the documents do: prefix, date, digits, letters', () => {
    expect(amperityId('etv', Date.parse('2024-02-10T17:29:22Z'), '12345', '6AbCDE')).toBe('etv-20240210-12345-6AbCDE');
  });

  it('runs a seeded config as its workflow, and any other id as the kind its prefix names', () => {
    expect(workflowForConfig('cg-2efo5X8vo')).toMatchObject({ name: 'Daily', type: 'courier.group/run' });
    expect(workflowForConfig('cg-other').type).toBe('courier.group/run');
    expect(workflowForConfig('cc-other').type).toBe('campaign.send');
    expect(workflowForConfig('og-other')).toMatchObject({ name: 'Workflow og-other', type: 'amperity.orchestration.orchestration/run' });
    expect(workflowForConfig('og-other').tasks.length).toBeGreaterThan(0);
  });

  it("starts a run scheduled, with the documents' id forms, its tasks waiting under its tenant, and no null", () => {
    let n = 0;
    const run = startedRun({
      configId: 'cg-2efo5X8vo',
      tenant: 'acme',
      principalId: 'api-key|1',
      now: '2026-11-01T10:00:00.000Z',
      digits: () => String(10_000 + n++),
      letters: (length) => 'a'.repeat(length),
    });
    expect(run).toMatchObject({
      id: 'wf-20261101-10000-aaaaa',
      state: 'scheduled',
      type: 'courier.group/run',
      tenant: 'acme',
      launched_version: 'etv-20261101-10001-aaaaaa',
      warn_after_ms: 86_400_000,
    });
    expect(Object.values(run)).not.toContain(null);
    expect(run).not.toHaveProperty('ended_at');
    const tasks = run['task_instances'] as Record<string, unknown>[];
    expect(tasks.length).toBeGreaterThan(1);
    expect(
      tasks.every((task) => task['state'] === 'scheduled' && task['tenant'] === 'acme' && task['workflow_id'] === run['id'] && !('created_at' in task)),
    ).toBe(true);
    expect(tasks[0]?.['id']).toBe('wft-20261101-10002-aaaaaa');
  });

  it('spreads the started tasks over the run in order, the last ending with the run', () => {
    const tasks: JsonObject[] = [
      { state: 'succeeded', created_at: 'x', ended_at: 'x', state_changed_at: 'x' },
      { state: 'failed', created_at: 'x', ended_at: 'x', state_changed_at: 'x' },
      { state: 'skipped', state_changed_at: 'x' },
    ];
    const start = Date.parse('2026-01-01T00:00:00Z');
    expect(spreadTasks(tasks, start, start + 10 * 60_000)).toEqual([
      { state: 'succeeded', created_at: '2026-01-01T00:00:00.000Z', ended_at: '2026-01-01T00:05:00.000Z', state_changed_at: '2026-01-01T00:05:00.000Z' },
      { state: 'failed', created_at: '2026-01-01T00:05:00.000Z', ended_at: '2026-01-01T00:10:00.000Z', state_changed_at: '2026-01-01T00:10:00.000Z' },
      { state: 'skipped', state_changed_at: 'x' },
    ]);
  });

  it("gives the failed task the run's error and no other", () => {
    const error = { attribution: 'platform', type: 't', message: 'm' };
    expect(withTaskError([{ state: 'succeeded' }, { state: 'failed' }, { state: 'skipped' }], error)).toEqual([
      { state: 'succeeded' },
      { state: 'failed', error },
      { state: 'skipped' },
    ]);
  });

  it('filters states case-insensitively', () => {
    expect(stateFilter('In progress')).toEqual([{ field: 'state', op: 'eq', value: 'in progress' }]);
    expect(stateFilter(undefined)).toEqual([]);
  });
});
