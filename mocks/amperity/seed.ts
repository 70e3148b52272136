import type { JsonObject } from '../../src/core/json.ts';
import { isoAt } from '../../src/core/time.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import { charsFrom, DIGITS, intIn, isoFast, type KeyRandom, LETTERS, pick, weightedPick } from '../../src/generation/key-stream.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import { type AgeBand, placeByIndex, seededEnd, stretchAt } from '../../src/generation/timeline.ts';
import type { GeneratedCollection, KeyValue, NewRecord, SeedData } from '../../src/store/store.ts';
import examples from '../../fixtures/amperity/examples.json' with { type: 'json' };
import settings from '../../fixtures/amperity/generation.json' with { type: 'json' };
import {
  amperityId,
  jobRunId,
  runId,
  scheduledTasks,
  spreadTasks,
  type TaskIds,
  type TaskSpec,
  tasksOf,
  withTaskError,
  workflowForConfig,
} from './run-parts.ts';
import { ENDED, tasksFollowing } from './runs.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
type Workflow = (typeof settings.workflows)[number];
type Principal = { name: string; id: string; email?: string };

/**
 * What lists and lookups read (listWorkflowRuns: `tenant` scope, `state` compared equal to the lowercased filter,
 * `type`, `created_at` and `ended_at` ranges, newest `created_at` first; get and stop: the tenant scope; the
 * lifecycle: `state`). A run without `ended_at` has null there.
 */
export const RUN_FIELDS = ['tenant', 'state', 'type', 'created_at', 'ended_at'] as const;

/**
 * The Amperity seed: the seed document's run verbatim under `socktown` (index 0), then each demo tenant's runs in a
 * stretch of indexes (`--records` sizes the first, where the seed's own run lives), in creation order, generated
 * record by record: keys (what lists read) from the record's key stream, the rest from its own faker.
 */
export function seedAmperity(ctx: SeedContext): SeedData {
  const f = ctx.faker;
  const tenants = settings.tenants.map((tenant, index) => {
    const humans = Array.from({ length: settings.principals.humansPerTenant }, (): Principal => {
      const first = f.person.firstName();
      const last = f.person.lastName();
      const email = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
      return { name: `${first} ${last}`, id: `google-apps|${email}@${tenant}.com`, email: `${email}@${tenant}.com` };
    });
    const count = index === 0 ? (ctx.records ?? settings.runsPerTenant) : settings.runsPerTenant;
    return { tenant, count, principals: [settings.principals.automated, ...humans] };
  });
  return { runs: amperityRuns(ctx, tenants) };
}

interface TenantRuns {
  readonly tenant: string;
  readonly count: number;
  readonly principals: readonly Principal[];
}

interface RunKeys {
  readonly id: string;
  readonly tenant: string;
  readonly principals: readonly Principal[];
  readonly workflow: Workflow;
  readonly state: string;
  readonly createdMs: number;
  /** When it ended, or (active runs) the anchor. */
  readonly endMs: number;
  readonly ended: boolean;
}

type StateOptions = readonly { readonly value: string; readonly weight: number }[];

/**
 * When runs were created, by state: each active state's runs its `activeAgeMinutes` before the anchor; finished runs
 * `timeline.recentShare` within the last hour, the others over `timeline.days`.
 */
function runBands(): AgeBand<StateOptions>[] {
  const weights = Object.entries(settings.stateWeights).map(([value, weight]) => ({ value, weight }));
  const finished = weights.filter((option) => ENDED.includes(option.value));
  const finishedWeight = finished.reduce((sum, option) => sum + option.weight, 0);
  const ages: Readonly<Record<string, readonly number[]>> = settings.activeAgeMinutes;
  const { recentShare, days } = settings.timeline;
  return [
    ...weights
      .filter((option) => !ENDED.includes(option.value))
      .map((option): AgeBand<StateOptions> => {
        const [youngest = 1, oldest = 60] = ages[option.value] ?? [];
        return { weight: option.weight, ages: [youngest * MINUTE, oldest * MINUTE], value: [option] };
      }),
    { weight: finishedWeight * recentShare, ages: [MINUTE, HOUR], value: finished },
    { weight: finishedWeight * (1 - recentShare), ages: [HOUR, days * DAY], value: finished },
  ];
}

function amperityRuns(ctx: SeedContext, tenants: readonly TenantRuns[]): GeneratedCollection {
  const place = placeByIndex(ctx.anchor, runBands());
  const [shortest, longest] = settings.durationMinutes as [number, number];
  const example = examples.run as unknown as JsonObject;
  const sizes = tenants.map((tenant) => tenant.count);

  /** Index `i`'s keys, drawn from its key stream in one fixed order (keys and record both call this). */
  const keysOf = (i: number, random: KeyRandom): RunKeys => {
    const slot = stretchAt(sizes, i - 1);
    const stretch = slot && tenants[slot.stretch];
    if (!slot || !stretch) throw new Error(`Amperity: no run ${i}`);
    const { at: createdMs, band } = place(slot.position, stretch.count, random);
    const state = weightedPick(random, band);
    const workflow = pick(random, settings.workflows);
    // Ids carry the run's own creation date, as Amperity's do.
    const id = runId(createdMs, charsFrom(random, 5, DIGITS), charsFrom(random, 5, LETTERS));
    const ended = ENDED.includes(state);
    const endMs = ended ? seededEnd(createdMs, intIn(random, shortest * MINUTE, longest * MINUTE), ctx.anchor) : ctx.anchor;
    return { id, tenant: stretch.tenant, principals: stretch.principals, workflow, state, createdMs, endMs, ended };
  };

  return {
    kind: 'generated',
    count: 1 + sizes.reduce((sum, size) => sum + size, 0),
    fields: RUN_FIELDS,
    keys(i) {
      if (i === 0) return { id: String(example['id']), values: RUN_FIELDS.map((field) => (example[field] ?? null) as KeyValue) };
      const keys = keysOf(i, ctx.keyRandom('runs', i));
      return {
        id: keys.id,
        values: [keys.tenant, keys.state, keys.workflow.type, isoFast(keys.createdMs), keys.ended ? isoFast(keys.endMs) : null],
      };
    },
    record(i) {
      if (i === 0) return ctx.forRecord('runs', 0, (rc) => exampleRun(rc.faker));
      return ctx.forRecord('runs', i, (rc) => generatedRun(rc.faker, keysOf(i, rc.keyRandom)));
    },
  };
}

function exampleRun(f: SeededFaker): NewRecord {
  const example = examples.run;
  const created = Date.parse(example.created_at);
  const extras = verboseExtras(
    f,
    { id: example.id, tenant: example.tenant, idDate: created, createdMs: created, endMs: Date.parse(example.ended_at) },
    workflowForConfig('og-2LoyaltyM'),
    example.state,
  );
  return { id: example.id, data: { ...(example as unknown as JsonObject), ...extras } };
}

interface RunTimes {
  readonly id: string;
  readonly tenant: string;
  /** The date its ids carry. */
  readonly idDate: number;
  readonly createdMs: number;
  /** When it ended, or (active runs) the anchor. */
  readonly endMs: number;
}

function verboseExtras(f: SeededFaker, run: RunTimes, workflow: { tasks: readonly TaskSpec[]; warnAfterMs?: number }, state: string): JsonObject {
  const version = () => amperityId('etv', run.idDate, f.string.numeric(5), f.string.alphanumeric(6));
  const launched = version();
  const ids: TaskIds = (_index, spec) => ({
    id: amperityId('wft', run.idDate, f.string.numeric(5), f.string.alphanumeric(6)),
    runId: jobRunId(spec, run.idDate, f.string.alphanumeric(11)),
  });
  const scheduled = scheduledTasks(run.id, run.tenant, workflow.tasks, isoAt(run.createdMs), ids);
  const ended = ENDED.includes(state);
  return {
    launched_version: launched,
    current_version: f.datatype.boolean({ probability: 0.8 }) ? launched : version(),
    ...(workflow.warnAfterMs === undefined ? {} : { warn_after_ms: workflow.warnAfterMs }),
    task_instances: spreadTasks(tasksFollowing(scheduled, state, isoAt(ended ? run.endMs : run.createdMs)), run.createdMs, run.endMs),
  };
}

function generatedRun(f: SeededFaker, keys: RunKeys): NewRecord {
  const { id, tenant, workflow, state, createdMs, endMs, ended } = keys;
  const principal = f.helpers.arrayElement(keys.principals);
  const error =
    state === 'failed'
      ? f.helpers.arrayElement(settings.errors)
      : state === 'canceled' && f.datatype.boolean({ probability: 0.5 })
        ? settings.cancelError
        : undefined;
  const extras = verboseExtras(f, { id, tenant, idDate: createdMs, createdMs, endMs }, { ...workflow, tasks: tasksOf(workflow.tasks) }, state);
  const data: JsonObject = {
    ...(error ? { error } : {}),
    id,
    ...(ended ? { ended_at: isoAt(endMs) } : {}),
    name: workflow.name,
    principal_name: principal.name,
    principal_id: principal.id,
    type: workflow.type,
    ...(principal.email === undefined ? {} : { principal_email: principal.email }),
    state,
    created_at: isoAt(createdMs),
    tenant,
    ...extras,
    ...(state === 'failed' && error ? { task_instances: withTaskError(extras['task_instances'], error) } : {}),
  };
  return { id, data };
}
