import { type JsonObject, readPath } from '../../src/core/json.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import { hexFrom, intIn, isoFast, type KeyRandom, pick, weightedPick } from '../../src/generation/key-stream.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import {
  activeShareOf,
  type PlaceByIndex,
  placeByIndex,
  statusWeightsByBand,
  stretchAt,
  type Timeline,
  type TimelineBand,
  timelineBands,
} from '../../src/generation/timeline.ts';
import type { GeneratedCollection, KeyValue, NewRecord } from '../../src/store/store.ts';
import examples from '../../fixtures/8x8/examples.json' with { type: 'json' };
import settings from '../../fixtures/8x8/generation.json' with { type: 'json' };
import { workflowMachine } from './machine.ts';
import { type DefinitionVersion, objectId, pathWalker, runningStatus, runPath, type StepProgress, stepLogs, workflowRecord } from './workflow.ts';

// The 8x8 workflows, generated record by record (issue 17). Indexes 0 and 1 are the seed document's two example
// workflows of the documented definition (in reverse, so that newest first keeps the document's order on their equal
// start times); then each definition version's workflows in a stretch of consecutive indexes, in the order the seed
// gives them. Within a stretch index order is start order. Everything lists, lookups, the cascade and the
// lifecycle read (WORKFLOW_FIELDS) comes from `keys(i)`, drawn from the record's key stream alone.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/**
 * What the workflow operations read in `data`: the list's and the get's scope (`data.accountId`, `definitionId`,
 * `version`), its filters (`status`, `startedAt` for startTimeFrom/To) and its sort (`startedAt`); deleting a
 * definition's cascade (account, definition, version); the lifecycle machine's `status`; the console's filters.
 */
export const WORKFLOW_FIELDS = ['data.accountId', 'definitionId', 'version', 'status', 'startedAt'] as const;

/** A definition version with what its workflows need: the stored data and the trigger. */
export type Definition = DefinitionVersion & { readonly data: JsonObject; readonly trigger: string };

/** The workflows of one definition version: its latest version's follow the live timeline; an older one's finished while it was the latest. */
export interface Stretch {
  readonly version: Definition;
  readonly count: number;
  /** Runs start from `from` (ms); an older version's before `to`, when the next version came. */
  readonly from: number;
  readonly to?: number;
}

const ACTIVE: readonly string[] = workflowMachine.states.filter((state) => !workflowMachine.terminal.includes(state));
const STATUSES_BY_BAND = statusWeightsByBand(settings.statusWeights, (status) => ACTIVE.includes(status));
const ACTIVE_SHARE = activeShareOf(STATUSES_BY_BAND);
/** An older version's workflows all finished: two in three completed. */
const OLDER_STATUSES = ['Complete', 'Complete', 'Terminated'];

/** How one workflow ran, drawn from its key stream: everything its keys hold, and the steps its record shows. */
interface Run {
  readonly workflowId: string;
  readonly status: string;
  readonly start: number;
  readonly path: readonly JsonObject[];
  readonly durations: readonly number[];
  /** When each step of the path ends, from the start. */
  readonly ends: readonly number[];
  readonly current: number;
  readonly end: number | null;
}

interface Placed extends Stretch {
  /** The live timeline's placement, for a latest version. */
  readonly place?: PlaceByIndex<TimelineBand>;
  readonly walk: ReturnType<typeof pathWalker>;
  /** How long each step may take, ms, both included. */
  readonly durations: ReadonlyMap<JsonObject, readonly [number, number]>;
}

/** The generated workflows collection: the examples, then every stretch. */
export function seededWorkflows(ctx: SeedContext, documented: Definition, stretches: readonly Stretch[]): GeneratedCollection {
  const timeline: Timeline = { anchor: ctx.anchor, ...settings.timeline };
  const listed = [...examples.workflowList].reverse() as unknown as JsonObject[];
  const placed: Placed[] = stretches.map((stretch) => {
    const steps = { walk: pathWalker(stretch.version.steps), durations: new Map(stretch.version.steps.map((step) => [step, durationRange(step)])) };
    if (stretch.to !== undefined) return { ...stretch, ...steps };
    // Never before the version existed: finished runs go back at most to its creation.
    const days = Math.min(timeline.days, Math.max(1, Math.floor((ctx.anchor - stretch.from) / DAY)));
    return { ...stretch, ...steps, place: placeByIndex(ctx.anchor, timelineBands({ ...timeline, days }, ACTIVE_SHARE)) };
  });
  const sizes = placed.map((stretch) => stretch.count);
  /** Generated workflow `i`'s stretch, and its run drawn from `random`. */
  const drawAt = (i: number, random: KeyRandom): { stretch: Placed; run: Run } => {
    const slot = stretchAt(sizes, i - listed.length);
    const stretch = slot && placed[slot.stretch];
    if (!slot || !stretch) throw new Error(`8x8 workflows: no record ${i}`);
    return { stretch, run: drawRun(random, stretch, slot.position, ctx.anchor) };
  };

  return {
    kind: 'generated',
    count: listed.length + sizes.reduce((sum, size) => sum + size, 0),
    fields: WORKFLOW_FIELDS,
    keys(i) {
      const example = listed[i];
      if (example) return { id: String(example['workflowId']), values: WORKFLOW_FIELDS.map((field) => keyOf(example, field)) };
      const { stretch, run } = drawAt(i, ctx.keyRandom('workflows', i));
      const { version } = stretch;
      return { id: run.workflowId, values: [version.accountId, version.id, version.version, run.status, isoFast(run.start)] };
    },
    record(i) {
      return ctx.forRecord('workflows', i, (rc) => {
        const example = listed[i];
        if (example) return exampleRecord(rc.faker, example, documented);
        const { stretch, run } = drawAt(i, rc.keyRandom);
        return generatedWorkflow(rc.faker, stretch.version, run);
      });
    },
  };
}

function keyOf(data: JsonObject, field: string): KeyValue {
  const value = readPath(data, field);
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

/**
 * Run `position` of its stretch, every draw from `random` in one fixed order (keys and record both call this). On a
 * latest version: placed on the live timeline by its position, its status drawn for its band; on an older version:
 * finished, spread by position over the time that version was the latest. Its steps follow one path through the
 * definition, each taking its type's time; a finished run that would end after the anchor started earlier.
 */
function drawRun(random: KeyRandom, stretch: Placed, position: number, anchor: number): Run {
  let start: number;
  let status: string;
  if (stretch.place) {
    const { at, band } = stretch.place(position, stretch.count, random);
    start = at;
    status = weightedPick(random, STATUSES_BY_BAND[band]);
  } else {
    const span = Math.max(0, (stretch.to ?? stretch.from) - MINUTE - stretch.from);
    start = stretch.from + Math.floor(((position + random()) / stretch.count) * span);
    status = pick(random, OLDER_STATUSES);
  }
  const path = stretch.walk((options) => pick(random, options));
  const durations = path.map((step) => {
    const [min, max] = stretch.durations.get(step) ?? [0, 0];
    return intIn(random, min, max);
  });
  let elapsed = 0;
  const ends = durations.map((ms) => {
    elapsed += ms;
    return elapsed;
  });
  let current: number;
  let end: number | null = null;
  if (ACTIVE.includes(status)) {
    // The step in progress at the anchor.
    const running = ends.findIndex((at) => start + at > anchor);
    current = running === -1 ? Math.max(0, path.length - 1) : running;
  } else {
    current = status === 'Complete' ? path.length : intIn(random, 0, Math.max(0, path.length - 1));
    const ran = status === 'Complete' ? (ends.at(-1) ?? 0) : (ends[current - 1] ?? 0) + Math.round((durations[current] ?? 0) * (0.1 + 0.8 * random()));
    if (start + ran >= anchor) start = anchor - ran - intIn(random, SECOND, 10 * MINUTE);
    end = start + ran;
  }
  return { workflowId: objectId(start, hexFrom(random, 16)), status, start, path, durations, ends, current, end };
}

/** How long a step of this type runs, ms: a Wait step its duration ("d.HH:mm:ss", or whole days), others a moment. */
function durationRange(step: JsonObject): [number, number] {
  if (step['stepType'] === 'Wait') {
    const duration = timespanMs(String((step['inputs'] as JsonObject | undefined)?.['duration'] ?? ''));
    if (duration !== undefined) return [duration + 5, duration + 900];
  }
  const ranges = settings.stepMs as Record<string, number[]>;
  const [min = 50, max = 1000] = ranges[String(step['stepType'])] ?? ranges['other'] ?? [];
  return [min, max];
}

/** A .NET TimeSpan "d.HH:mm:ss" (or "HH:mm:ss", or whole days "2"), as waitStep documents it, in ms. */
export function timespanMs(value: string): number | undefined {
  const found = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(value);
  if (found) return (((Number(found[1] ?? 0) * 24 + Number(found[2])) * 60 + Number(found[3])) * 60 + Number(found[4])) * SECOND;
  return /^\d+$/.test(value) ? Number(value) * DAY : undefined;
}

/** The workflow record of a drawn run: its trigger's data, times, step logs and (a faulted run's) error from its faker. */
function generatedWorkflow(f: SeededFaker, version: Definition, run: Run): NewRecord {
  const { path, status, start, end, current } = run;
  const faulted = status === 'Terminated' && f.datatype.boolean({ probability: settings.faultShare });
  const currentStep = path[current];
  const currentStatus = status === 'Terminated' ? (faulted ? 'Failed' : 'Cancelled') : currentStep ? runningStatus(currentStep) : 'Complete';
  const startTimes = path.slice(0, Math.min(current + 1, path.length)).map((_, i) => isoFast(start + (run.ends[i - 1] ?? 0)));
  const progress: StepProgress = { current, currentStatus, startTimes, endTime: end === null ? null : isoFast(end) };
  const errors =
    faulted && currentStep && end !== null
      ? [{ workflowId: run.workflowId, step: String(currentStep['id']), message: f.helpers.arrayElement(settings.faultMessages), errorTime: isoFast(end) }]
      : [];
  return workflowRecord({
    workflowId: run.workflowId,
    definition: version,
    ...triggerData(f, version),
    status,
    triggeredAt: isoFast(start - f.number.int({ min: 20, max: 400 })),
    startedAt: isoFast(start),
    completedAt: end === null ? null : isoFast(end),
    logs: stepLogs(
      path,
      progress,
      path.map(() => f.string.uuid()),
    ),
    errors,
  });
}

/**
 * What the trigger put in the context. A message trigger: the inbound message under `payload`, shaped as the
 * documents' examples, with the subaccount that received it. The http_request trigger: its body at the top level,
 * shaped as http_request_trigger's example, and a subaccount only when the definition is bound to one.
 */
function triggerData(f: SeededFaker, version: Definition): { context: JsonObject; subAccountId?: string } {
  if (version.trigger === 'http_request') {
    const name = f.person.fullName();
    const context = {
      customer_id: `cus_${f.string.alphanumeric(10)}`,
      user: { user_id: f.string.uuid(), contact: msisdn(f), email: f.internet.email({ firstName: name.split(' ')[0] ?? name }).toLowerCase() },
      event: f.helpers.arrayElement(settings.events),
    };
    return { context, ...(version.subAccountId === undefined ? {} : { subAccountId: version.subAccountId }) };
  }
  const payload = {
    umid: f.string.uuid(),
    user: { msisdn: msisdn(f), channelUserId: f.string.alphanumeric({ length: 12, casing: 'lower' }), name: f.person.fullName() },
    content: { text: f.helpers.arrayElement(settings.messages) },
  };
  return { context: { payload }, subAccountId: version.subAccountId ?? f.helpers.arrayElement(settings.subAccountIds) };
}

function msisdn(f: SeededFaker): string {
  return f.helpers.arrayElement(['65', '1', '44', '61', '63']) + f.string.numeric({ length: 9, allowLeadingZeros: false });
}

/**
 * One of the seed document's workflows kept byte for byte, with step logs spread over its run (the logs are not in
 * the document, so they are generated). They never move.
 */
function exampleRecord(f: SeededFaker, example: JsonObject, documented: Definition): NewRecord {
  const path = runPath(documented.steps, (options) => options[0]);
  const started = Date.parse(String(example['startedAt']));
  const completedAt = String(example['completedAt']);
  const stride = (Date.parse(completedAt) - started) / Math.max(1, path.length);
  const startTimes = path.map((_, i) => isoFast(Math.round(started + i * stride)));
  const progress: StepProgress = { current: path.length, currentStatus: 'Complete', startTimes, endTime: completedAt };
  const logIds = path.map(() => f.string.uuid());
  return { id: String(example['workflowId']), data: example, meta: { logs: stepLogs(path, progress, logIds), errors: [] } };
}
