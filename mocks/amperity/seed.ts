import type { JsonObject } from '../../src/core/json.ts';
import { isoAt } from '../../src/core/time.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import type { NewRecord, SeedData } from '../../src/store/store.ts';
import examples from '../../fixtures/amperity/examples.json' with { type: 'json' };
import settings from '../../fixtures/amperity/generation.json' with { type: 'json' };
import { tasksFollowing } from './runs.ts';

const MINUTE = 60_000;
type Workflow = (typeof settings.workflows)[number];

/** Amperity run ids as the seed shows them: `wf-YYYYMMDD-NNNNN-XXXXX`. */
export function runId(createdMs: number, digits: string, letters: string): string {
  return `wf-${new Date(createdMs).toISOString().slice(0, 10).replaceAll('-', '')}-${digits}-${letters}`;
}

/** The workflow a config runs (known configs of the seed data), or a generic one for any other config id. */
export function workflowForConfig(configId: string): { name: string; type: string; tasks: readonly string[] } {
  const known = settings.workflows.find((w) => w.configId === configId);
  return known ?? { name: `Workflow ${configId}`, type: 'amperity.orchestration.orchestration/run', tasks: ['orchestration'] };
}

/** Task instances of a run, all scheduled, as a new run has them (vendor-facts 003 fields). */
export function scheduledTasks(runIdValue: string, tasks: readonly string[], now: string, taskId: (index: number) => string): JsonObject[] {
  return tasks.map((task, index) => ({
    id: taskId(index),
    label: `${task[0]?.toUpperCase() ?? ''}${task.slice(1)}`,
    run_id: runIdValue,
    state: 'scheduled',
    state_changed_at: now,
    task_definition_id: `td-${task}-${index + 1}`,
    task_definition_type: `amperity.workflow.task.${task}/run`,
    execution_type: 'automatic',
    timeout_ms: 3_600_000,
    workflow_id: runIdValue,
  }));
}

/**
 * The Amperity seed: the seed document's run verbatim under `socktown`, then generated runs for each demo tenant
 * across workflow types and states; failed runs carry an `error`.
 */
export function seedAmperity(ctx: SeedContext): SeedData {
  const f = ctx.faker;
  const runs: NewRecord[] = [exampleRun(f)];
  for (const [index, tenant] of settings.tenants.entries()) {
    // `--records` sizes the main documented list: the first tenant's, where the seed's own run lives.
    const count = index === 0 ? (ctx.records ?? settings.runsPerTenant) : settings.runsPerTenant;
    const humans = Array.from({ length: settings.principals.humansPerTenant }, () => {
      const first = f.person.firstName();
      const last = f.person.lastName();
      const email = `${first}.${last}@${tenant}.com`.toLowerCase();
      return { name: `${first} ${last}`, id: `google-apps|${email}`, email };
    });
    const principals = [settings.principals.automated, ...humans];
    for (let i = 0; i < count; i++) runs.push(generatedRun(f, tenant, f.helpers.arrayElement(settings.workflows), f.helpers.arrayElement(principals)));
  }
  return { runs };
}

function exampleRun(f: SeededFaker): NewRecord {
  const example = examples.run;
  const extras = verboseExtras(f, example.id, workflowForConfig('cfg-loyalty-membership').tasks, example.state, example.created_at, example.ended_at);
  return { id: example.id, data: { ...(example as unknown as JsonObject), ...extras } };
}

function verboseExtras(f: SeededFaker, id: string, tasks: readonly string[], state: string, createdAt: string, endedAt: string | null): JsonObject {
  const version = `${createdAt.slice(0, 10).replaceAll('-', '.')}-${f.number.int({ min: 1, max: 9 })}`;
  const scheduled = scheduledTasks(id, tasks, createdAt, () => `ti-${f.string.alphanumeric({ length: 10, casing: 'lower' })}`);
  return {
    launched_version: version,
    current_version: f.datatype.boolean({ probability: 0.8 }) ? version : `${version}.1`,
    warn_after_ms: f.helpers.arrayElement([null, 3_600_000, 7_200_000]),
    task_instances: tasksFollowing(scheduled, state, endedAt ?? createdAt),
  };
}

function generatedRun(f: SeededFaker, tenant: string, workflow: Workflow, principal: { name: string; id: string; email: string | null }): NewRecord {
  const state = f.helpers.weightedArrayElement(Object.entries(settings.stateWeights).map(([value, weight]) => ({ value, weight })));
  const from = Date.parse(settings.window.from);
  const to = Date.parse(settings.window.to);
  const active = !['succeeded', 'failed', 'canceled', 'stopped'].includes(state);
  const created = active ? f.number.int({ min: to - 120 * MINUTE, max: to - MINUTE }) : f.number.int({ min: from, max: to - 240 * MINUTE });
  const endedAt = active ? null : isoAt(created + f.number.int({ min: 2 * MINUTE, max: 180 * MINUTE }));
  const id = runId(created, f.string.numeric(5), f.string.alpha(5));
  const createdAt = isoAt(created);
  const data: JsonObject = {
    ...(state === 'failed' || (state === 'canceled' && f.datatype.boolean({ probability: 0.2 })) ? { error: f.helpers.arrayElement(settings.errors) } : {}),
    id,
    ended_at: endedAt,
    name: workflow.name,
    principal_name: principal.name,
    principal_id: principal.id,
    type: workflow.type,
    principal_email: principal.email,
    state,
    created_at: createdAt,
    tenant,
    ...verboseExtras(f, id, workflow.tasks, state, createdAt, endedAt),
  };
  return { id, data };
}
