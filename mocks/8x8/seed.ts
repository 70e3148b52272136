import type { Json, JsonObject } from '../../src/core/json.ts';
import { isoAt } from '../../src/core/time.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import type { NewRecord, SeedData } from '../../src/store/store.ts';
import examples from '../../fixtures/8x8/examples.json' with { type: 'json' };
import settings from '../../fixtures/8x8/generation.json' with { type: 'json' };
import { objectId, stepLogs, workflowRecord, type DefinitionVersion, type StepProgress, type StepStatus } from './workflow.ts';
import { schemaId } from './schema-ids.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const windowFrom = Date.parse(settings.window.from);
const windowTo = Date.parse(settings.window.to);

type Definition = DefinitionVersion & { readonly data: JsonObject };

/**
 * The 8x8 seed: the documented definition with the seed's two example workflows verbatim plus enough generated
 * workflows to page through, and generated definitions with several versions across statuses.
 */
export function seed8x8(ctx: SeedContext): SeedData {
  const { faker: f } = ctx;
  const definitions: NewRecord[] = [];
  const workflows: NewRecord[] = [];

  const documented = settings.documentedDefinition;
  const docVersion = definitionVersion(ctx, {
    accountId: settings.accountId, id: documented.id, version: 1, createdAt: documented.createdAt,
    trigger: documented.trigger, subAccountId: documented.subAccountId, status: 'enabled', name: documented.name,
  });
  definitions.push({ id: documented.id, data: docVersion.data, meta: { history: [] } });
  // Inserted in reverse so that, with equal start times, newest-first keeps the document's own order.
  for (const example of [...examples.workflowList].reverse()) workflows.push(exampleRecord(f, docVersion, example));
  const documentedCount = ctx.records ?? documented.workflows;
  for (let i = 0; i < documentedCount; i++) workflows.push(generatedWorkflow(ctx, docVersion, windowFrom, windowTo, true));

  const accounts = [
    { accountId: settings.accountId, count: settings.generatedDefinitions.count },
    ...settings.otherAccounts.map((other) => ({ accountId: other.accountId, count: other.definitions })),
  ];
  for (const account of accounts) {
    for (let d = 0; d < account.count; d++) {
      const { record, versions } = generatedDefinition(ctx, account.accountId);
      definitions.push(record);
      versions.forEach((version, index) => {
        const from = Date.parse(String(version.data['createdAt']));
        const next = versions[index + 1];
        const to = next ? Date.parse(String(next.data['createdAt'])) : windowTo;
        const count = f.number.int(settings.generatedDefinitions.workflowsPerVersion);
        for (let i = 0; i < count; i++) workflows.push(generatedWorkflow(ctx, version, from, to, next === undefined));
      });
    }
  }
  return { definitions, workflows };
}

function definitionVersion(
  ctx: SeedContext,
  fields: { accountId: string; id: string; version: number; createdAt: string; trigger: string; subAccountId: string | null; status: string; name?: string },
): Definition {
  const body = ctx.fromSchema(schemaId('definition.json#/$defs/Body')) as JsonObject;
  const steps = generatedSteps(ctx.faker);
  const data: JsonObject = {
    accountId: fields.accountId,
    id: fields.id,
    version: fields.version,
    createdAt: fields.createdAt,
    subAccountId: fields.subAccountId,
    trigger: fields.trigger,
    status: fields.status,
    definition: { name: fields.name ?? String(body['name']), steps },
  };
  return { accountId: fields.accountId, id: fields.id, version: fields.version, subAccountId: fields.subAccountId, steps: steps.map((s) => ({ id: String(s['id']) })), data };
}

function generatedDefinition(ctx: SeedContext, accountId: string): { record: NewRecord; versions: Definition[] } {
  const f = ctx.faker;
  const id = f.string.uuid();
  const trigger = f.helpers.arrayElement(['inbound_sms', 'inbound_chat_apps', 'http_request']);
  const subAccountId = trigger === 'http_request' ? null : f.helpers.arrayElement(settings.subAccountIds);
  const status = f.datatype.boolean({ probability: settings.generatedDefinitions.disabledShare }) ? 'disabled' : 'enabled';
  const count = f.number.int(settings.generatedDefinitions.versions);
  let createdAt = windowFrom - f.number.int({ min: 20, max: 60 }) * DAY;
  const versions: Definition[] = [];
  for (let version = 1; version <= count; version++) {
    versions.push(definitionVersion(ctx, { accountId, id, version, createdAt: isoAt(createdAt), trigger, subAccountId, status }));
    createdAt += f.number.int({ min: 10, max: 30 }) * DAY + f.number.int({ min: 0, max: DAY - 1 });
  }
  const latest = versions[versions.length - 1] as Definition;
  const history = versions.slice(0, -1).reverse().map((v) => v.data);
  return { record: { id, data: latest.data, meta: { history } }, versions };
}

function generatedSteps(f: SeededFaker): JsonObject[] {
  const count = f.number.int({ min: 2, max: 5 });
  return Array.from({ length: count }, (_, index) => {
    const stepType = f.helpers.arrayElement(settings.stepTypes);
    const id = `step${index + 1}`;
    return { id, stepType, inputs: stepInputs(f, stepType), nextStepId: index + 1 < count ? `step${index + 2}` : null };
  });
}

function stepInputs(f: SeededFaker, stepType: string): JsonObject {
  switch (stepType) {
    case 'SMS':
    case 'ChatAppsMessage':
      return { destination: '{{data.payload.user.channelUserId}}', text: f.lorem.sentence() };
    case 'HttpRequest':
      return { url: `https://${f.internet.domainName()}/hooks/${f.string.alphanumeric(8)}`, method: 'POST' };
    case 'Wait':
      return { duration: `PT${f.number.int({ min: 1, max: 30 })}M` };
    case 'WaitForReply':
      return { timeout: `PT${f.number.int({ min: 1, max: 24 })}H` };
    default:
      return { condition: `data.payload.content.text.includes('${f.word.noun()}')` };
  }
}

function generatedWorkflow(ctx: SeedContext, definition: Definition, from: number, to: number, latest: boolean): NewRecord {
  const f = ctx.faker;
  const weights = Object.entries(settings.statusWeights).map(([value, weight]) => ({ value, weight }));
  // Older versions' workflows have all finished; only the latest version has some still running.
  const status = latest ? f.helpers.weightedArrayElement(weights) : f.helpers.arrayElement(['Complete', 'Complete', 'Terminated']);
  const active = status === 'Runnable' || status === 'Suspended';
  const startMs = active ? f.number.int({ min: to - 2 * DAY, max: to - MINUTE }) : f.number.int({ min: from, max: to - MINUTE });
  const triggeredAt = isoAt(startMs - f.number.int({ min: 20, max: 400 }));
  const steps = definition.steps;
  const startTimes: string[] = [];
  let cursor = startMs;
  const current = status === 'Complete' ? steps.length : f.number.int({ min: 0, max: steps.length - 1 });
  for (let i = 0; i <= Math.min(current, steps.length - 1); i++) {
    startTimes.push(isoAt(cursor));
    cursor += f.number.int({ min: 200, max: active ? 20 * MINUTE : 5 * MINUTE });
  }
  const endTime = active ? null : isoAt(cursor);
  const faulted = status === 'Terminated' && f.datatype.boolean({ probability: 0.7 });
  const currentStatus: StepStatus = status === 'Terminated' ? (faulted ? 'Failed' : 'Cancelled') : f.helpers.arrayElement(['Running', 'Sleeping', 'WaitingForEvent']);
  const progress: StepProgress = { current, currentStatus, startTimes, endTime };
  const workflowId = objectId(startMs, f.string.hexadecimal({ length: 16, casing: 'lower', prefix: '' }));
  const failedStep = steps[current];
  const errors = faulted && failedStep && endTime
    ? [{ workflowId, step: failedStep.id, message: f.helpers.arrayElement(settings.faultMessages), errorTime: endTime }]
    : [];
  return workflowRecord({
    workflowId,
    definition,
    payload: payloadFor(ctx, String(definition.data['trigger'])),
    status,
    triggeredAt,
    startedAt: isoAt(startMs),
    completedAt: endTime,
    logs: stepLogs(steps, progress, steps.map(() => f.string.uuid())),
    errors,
  });
}

function payloadFor(ctx: SeedContext, trigger: string): Json {
  if (trigger !== 'http_request') return ctx.fromSchema(schemaId('workflow-instance.json#/$defs/MessagePayload'));
  const f = ctx.faker;
  return { orderId: f.string.numeric(8), event: f.helpers.arrayElement(['order.created', 'order.shipped', 'ticket.opened']), amount: f.number.int({ min: 5, max: 900 }) };
}

/** A documented example kept byte for byte; only the hidden step logs are generated for it. */
function exampleRecord(f: SeededFaker, definition: Definition, example: (typeof examples.workflowList)[number]): NewRecord {
  const started = Date.parse(example.startedAt);
  const ended = Date.parse(example.completedAt);
  const stride = (ended - started) / definition.steps.length;
  const startTimes = definition.steps.map((_, i) => isoAt(Math.round(started + i * stride)));
  const progress: StepProgress = { current: definition.steps.length, currentStatus: 'Complete', startTimes, endTime: example.completedAt };
  return { id: example.workflowId, data: example as unknown as JsonObject, meta: { logs: stepLogs(definition.steps, progress, definition.steps.map(() => f.string.uuid())), errors: [] } };
}
