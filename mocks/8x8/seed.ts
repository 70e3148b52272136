import type { JsonObject } from '../../src/core/json.ts';
import { isoAt } from '../../src/core/time.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import { seededStart, type Timeline } from '../../src/generation/timeline.ts';
import type { NewRecord, SeedData } from '../../src/store/store.ts';
import examples from '../../fixtures/8x8/examples.json' with { type: 'json' };
import settings from '../../fixtures/8x8/generation.json' with { type: 'json' };
import { catalogRecords } from './catalog.ts';
import { TEMPLATES, type Template } from './templates.ts';
import { objectId, runningStatus, runPath, stepLogs, versionOf, workflowRecord, type DefinitionVersion, type StepProgress } from './workflow.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A definition version with what its workflows need: the stored data and the trigger. */
type Definition = DefinitionVersion & { readonly data: JsonObject; readonly trigger: string };

/**
 * The 8x8 seed: the documented definition with the documents' example workflows verbatim plus enough generated
 * workflows to page through, and generated definitions with several versions across statuses. Generated times end
 * at `ctx.anchor` (the clock's start); the documents' examples and the documented definition keep their 2021 dates.
 */
export function seed8x8(ctx: SeedContext): SeedData {
  const f = ctx.faker;
  const timeline: Timeline = { anchor: ctx.anchor, ...settings.timeline };
  const definitions: NewRecord[] = [];
  const workflows: NewRecord[] = [];

  const documented = settings.documentedDefinition;
  const docVersion = definition({
    accountId: settings.accountId,
    id: documented.id,
    version: 1,
    createdAt: documented.createdAt,
    subAccountId: documented.subAccountId,
    trigger: documented.trigger,
    status: 'enabled',
    name: documented.name,
    steps: documented.steps as unknown as JsonObject[],
  });
  definitions.push({ id: documented.id, data: docVersion.data, meta: { versions: [] } });
  workflows.push(...exampleRecords(f, docVersion));
  const documentedCount = ctx.records ?? documented.workflows;
  for (let i = 0; i < documentedCount; i++)
    workflows.push(generatedWorkflow(f, timeline, docVersion, { latest: true, from: timeline.anchor - timeline.days * DAY }));

  const accounts = [
    { accountId: settings.accountId, count: settings.generatedDefinitions.count },
    ...settings.otherAccounts.map((other) => ({ accountId: other.accountId, count: other.definitions })),
  ];
  let templateIndex = 0;
  for (const account of accounts) {
    for (let d = 0; d < account.count; d++) {
      const template = TEMPLATES[templateIndex++ % TEMPLATES.length] as Template;
      const { record, versions } = generatedDefinition(f, ctx.anchor, account.accountId, template);
      definitions.push(record);
      versions.forEach((version, index) => {
        const from = Date.parse(String(version.data['createdAt']));
        const next = versions[index + 1];
        const count = f.number.int(settings.generatedDefinitions.workflowsPerVersion);
        for (let i = 0; i < count; i++) {
          const window = next ? { latest: false, from, to: Date.parse(String(next.data['createdAt'])) } : { latest: true, from };
          workflows.push(generatedWorkflow(f, timeline, version, window));
        }
      });
    }
  }
  return { definitions, workflows, catalog: catalogRecords() };
}

function definition(fields: {
  accountId: string;
  id: string;
  version: number;
  createdAt: string;
  subAccountId: string | undefined;
  trigger: string;
  status: string;
  name: string;
  steps: readonly JsonObject[];
}): Definition {
  const data: JsonObject = {
    accountId: fields.accountId,
    id: fields.id,
    version: fields.version,
    createdAt: fields.createdAt,
    ...(fields.subAccountId === undefined ? {} : { subAccountId: fields.subAccountId }),
    trigger: fields.trigger,
    status: fields.status,
    definition: { name: fields.name, steps: [...fields.steps] },
  };
  return { ...versionOf(data), data, trigger: fields.trigger };
}

/** A definition from a use-case template, with 1-3 versions dated weeks to months before the anchor. */
function generatedDefinition(f: SeededFaker, anchor: number, accountId: string, template: Template): { record: NewRecord; versions: Definition[] } {
  const spec = settings.generatedDefinitions;
  const id = f.string.uuid();
  const stepsSubAccount = f.helpers.arrayElement(settings.subAccountIds);
  const subAccountId = f.datatype.boolean({ probability: spec.subAccountShare }) ? stepsSubAccount : undefined;
  const status = f.datatype.boolean({ probability: spec.disabledShare }) ? 'disabled' : 'enabled';
  const count = f.number.int(spec.versions);
  let createdAt = anchor - f.number.int(spec.definitionAgeDays) * DAY - f.number.int({ min: 0, max: DAY - 1 });
  const versions: Definition[] = [];
  for (let version = 1; version <= count; version++) {
    const name = version === 1 ? template.name : `${template.name} v${version}`;
    versions.push(
      definition({
        accountId,
        id,
        version,
        createdAt: isoAt(createdAt),
        subAccountId,
        trigger: template.trigger,
        status,
        name,
        steps: template.steps(f, stepsSubAccount),
      }),
    );
    createdAt += f.number.int(spec.versionGapDays) * DAY + f.number.int({ min: 0, max: DAY - 1 });
  }
  const latest = versions[versions.length - 1] as Definition;
  const older = versions
    .slice(0, -1)
    .reverse()
    .map((v) => v.data);
  return { record: { id, data: latest.data, meta: { versions: older } }, versions };
}

/** How long a step of this type runs: a Wait step its duration ("d.HH:mm:ss", or whole days), others a moment. */
function stepDuration(f: SeededFaker, step: JsonObject): number {
  if (step['stepType'] === 'Wait') {
    const duration = timespanMs(String((step['inputs'] as JsonObject | undefined)?.['duration'] ?? ''));
    if (duration !== undefined) return duration + f.number.int({ min: 5, max: 900 });
  }
  const ranges = settings.stepMs as Record<string, number[]>;
  const [min = 50, max = 1000] = ranges[String(step['stepType'])] ?? ranges['other'] ?? [];
  return f.number.int({ min, max });
}

/** A .NET TimeSpan "d.HH:mm:ss" (or "HH:mm:ss", or whole days "2"), as waitStep documents it, in ms. */
export function timespanMs(value: string): number | undefined {
  const found = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(value);
  if (found) return (((Number(found[1] ?? 0) * 24 + Number(found[2])) * 60 + Number(found[3])) * 60 + Number(found[4])) * SECOND;
  return /^\d+$/.test(value) ? Number(value) * DAY : undefined;
}

/**
 * One workflow of a definition version. On the latest version: placed by the shared timeline (finished ones over
 * weeks, active ones hours before the anchor, some within its last hour) but never before the version existed; on an
 * older version: finished, inside the time that version was the latest. Its steps follow one path through the
 * definition, each taking its type's time; nothing ends after the anchor.
 */
function generatedWorkflow(f: SeededFaker, timeline: Timeline, version: Definition, window: { latest: boolean; from: number; to?: number }): NewRecord {
  const weights = Object.entries(settings.statusWeights).map(([value, weight]) => ({ value, weight }));
  const status = window.latest ? f.helpers.weightedArrayElement(weights) : f.helpers.arrayElement(['Complete', 'Complete', 'Terminated']);
  const active = status === 'Runnable' || status === 'Suspended';
  const path = runPath(version.steps, (options) => f.helpers.arrayElement(options));
  const durations = path.map((step) => stepDuration(f, step));
  let elapsed = 0;
  const ends = durations.map((ms) => {
    elapsed += ms;
    return elapsed;
  });
  const days = Math.max(1, Math.floor((timeline.anchor - window.from) / DAY));
  let start =
    window.to === undefined
      ? seededStart(f, { ...timeline, days: Math.min(timeline.days, days) }, active)
      : f.number.int({ min: window.from, max: Math.max(window.from, window.to - MINUTE) });

  let current: number;
  let end: number | null;
  if (active) {
    // The step in progress at the anchor.
    const running = ends.findIndex((at) => start + at > timeline.anchor);
    current = running === -1 ? Math.max(0, path.length - 1) : running;
    end = null;
  } else {
    current = status === 'Complete' ? path.length : f.number.int({ min: 0, max: Math.max(0, path.length - 1) });
    const ran =
      status === 'Complete' ? (ends.at(-1) ?? 0) : (ends[current - 1] ?? 0) + Math.round((durations[current] ?? 0) * f.number.float({ min: 0.1, max: 0.9 }));
    // A finished run ended before the anchor: one that would not have is moved back.
    if (start + ran >= timeline.anchor) start = timeline.anchor - ran - f.number.int({ min: SECOND, max: 10 * MINUTE });
    end = start + ran;
  }
  const startTimes = path.slice(0, Math.min(current + 1, path.length)).map((_, i) => isoAt(start + (ends[i - 1] ?? 0)));
  const faulted = status === 'Terminated' && f.datatype.boolean({ probability: settings.faultShare });
  const currentStep = path[current];
  const currentStatus = status === 'Terminated' ? (faulted ? 'Failed' : 'Cancelled') : currentStep ? runningStatus(currentStep) : 'Complete';
  const progress: StepProgress = { current, currentStatus, startTimes, endTime: end === null ? null : isoAt(end) };
  const workflowId = objectId(start, f.string.hexadecimal({ length: 16, casing: 'lower', prefix: '' }));
  const errors =
    faulted && currentStep && end !== null
      ? [{ workflowId, step: String(currentStep['id']), message: f.helpers.arrayElement(settings.faultMessages), errorTime: isoAt(end) }]
      : [];
  const trigger = triggerData(f, version);
  return workflowRecord({
    workflowId,
    definition: version,
    ...trigger,
    status,
    triggeredAt: isoAt(start - f.number.int({ min: 20, max: 400 })),
    startedAt: isoAt(start),
    completedAt: end === null ? null : isoAt(end),
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
 * The seed document's two workflows kept byte for byte, with step logs spread over their run (the logs are not in the
 * document, so they are generated). They never move.
 */
function exampleRecords(f: SeededFaker, documented: Definition): NewRecord[] {
  const path = runPath(documented.steps, (options) => options[0]);
  const listed = examples.workflowList.map((example): NewRecord => {
    const started = Date.parse(example.startedAt);
    const stride = (Date.parse(example.completedAt) - started) / path.length;
    const startTimes = path.map((_, i) => isoAt(Math.round(started + i * stride)));
    const progress: StepProgress = { current: path.length, currentStatus: 'Complete', startTimes, endTime: example.completedAt };
    return {
      id: example.workflowId,
      data: example as unknown as JsonObject,
      meta: {
        logs: stepLogs(
          path,
          progress,
          path.map(() => f.string.uuid()),
        ),
        errors: [],
      },
    };
  });
  // Inserted in reverse, so that with equal start times newest-first keeps the document's own order.
  return listed.reverse();
}
