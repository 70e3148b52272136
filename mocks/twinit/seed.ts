import type { Json, JsonObject } from '../../src/core/json.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import { seededEnd, seededStart, type Timeline } from '../../src/generation/timeline.ts';
import type { NewRecord, SeedData } from '../../src/store/store.ts';
import examples from '../../fixtures/twinit/examples.json' with { type: 'json' };
import settings from '../../fixtures/twinit/generation.json' with { type: 'json' };
import { tasksFollowing } from './machine.ts';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const ACTIVE = new Set(['QUEUED', 'RUNNING', 'PAUSED']);

/** Twinit timestamps carry nanoseconds (seed 002): the millisecond instant plus six more digits. */
export function nanoTimestamp(ms: number, extraDigits: string): string {
  return new Date(ms).toISOString().replace('Z', `${extraDigits.padEnd(6, '0').slice(0, 6)}Z`);
}

type Definition = { readonly record: NewRecord; readonly tasks: readonly JsonObject[]; readonly namespaces: readonly string[] };

/**
 * The Twinit seed: the seed document's run and its definition verbatim, generated definitions over every task type
 * (vendor-facts 002), and generated runs across statuses under the example's namespace and a second one.
 */
export function seedTwinit(ctx: SeedContext): SeedData {
  const f = ctx.faker;
  const timeline: Timeline = { anchor: ctx.anchor, ...settings.timeline };
  const users = Array.from({ length: settings.users }, () => f.string.uuid());
  const example = examples.getResponse;
  const exampleDef = definitionRecord(f, {
    id: example._workflowDefId,
    name: example._name,
    namespaces: example._namespaces,
    userType: example._userType,
    tasks: example._tasks.map((task) => ({ _name: task._name, _sequenceno: task._sequenceno, _type: task._type })),
    timeoutSeconds: example._timeoutSeconds,
    timeoutPolicy: example._timeoutPolicy,
    createdAt: '2026-01-15T09:12:44.512077310Z',
    by: example._createdBy,
  });
  const definitions: Definition[] = [exampleDef];
  for (const spec of settings.definitions) {
    const namespaces = spec.secondNamespaceOnly
      ? [settings.secondNamespace]
      : spec.bothNamespaces
        ? [settings.namespace, settings.secondNamespace]
        : [settings.namespace];
    definitions.push(
      definitionRecord(f, {
        id: f.string.uuid(),
        name: spec.name,
        namespaces,
        userType: spec.userType,
        tasks: spec.tasks.map((type, i) => ({ _name: taskName(f, type, i), _sequenceno: i + 1, _type: type })),
        timeoutSeconds: spec.timeoutSeconds ?? null,
        timeoutPolicy: spec.timeoutPolicy ?? null,
        // Definitions predate every generated run.
        createdAt: nanoTimestamp(
          ctx.anchor - settings.timeline.days * DAY - f.number.int({ min: 1, max: 30 * 1440 }) * MINUTE - f.number.int({ min: 0, max: MINUTE }),
          f.string.numeric(6),
        ),
        by: f.helpers.arrayElement(users),
      }),
    );
  }

  const runs: NewRecord[] = [{ id: example._id, data: example as unknown as JsonObject }];
  const inNamespace = definitions.filter((d) => d.namespaces.includes(settings.namespace));
  const inSecond = definitions.filter((d) => d.namespaces.includes(settings.secondNamespace));
  const count = ctx.records ?? settings.runsInNamespace;
  for (let i = 0; i < count; i++) runs.push(generatedRun(f, timeline, f.helpers.arrayElement(inNamespace), users));
  for (let i = 0; i < settings.runsInSecondNamespace; i++) runs.push(generatedRun(f, timeline, f.helpers.arrayElement(inSecond), users));
  return { workflowdefs: definitions.map((d) => d.record), workflows: runs };
}

function taskName(f: SeededFaker, type: string, index: number): string {
  return `${type.toLowerCase()}_${f.word
    .verb()
    .toLowerCase()
    .replace(/[^a-z]/g, '')}_${index + 1}`;
}

function definitionRecord(
  f: SeededFaker,
  spec: {
    id: string;
    name: string;
    namespaces: readonly string[];
    userType: string;
    tasks: JsonObject[];
    timeoutSeconds: number | null;
    timeoutPolicy: string | null;
    createdAt: string;
    by: string;
  },
): Definition {
  const data: JsonObject = {
    _id: spec.id,
    _name: spec.name,
    _description: f.company.catchPhrase(),
    _namespaces: [...spec.namespaces],
    _userType: spec.userType,
    _tasks: spec.tasks,
    _timeoutSeconds: spec.timeoutSeconds,
    _timeoutPolicy: spec.timeoutPolicy,
    _createdAt: spec.createdAt,
    _updatedAt: spec.createdAt,
    _createdBy: spec.by,
    _updatedBy: spec.by,
  };
  return { record: { id: spec.id, data }, tasks: spec.tasks, namespaces: spec.namespaces };
}

function inputFor(f: SeededFaker, tasks: readonly JsonObject[]): JsonObject {
  const input: JsonObject = {};
  for (const task of tasks) {
    if (task['_type'] === 'REST_CONNECTOR') input['_url'] = `https://api.${f.internet.domainName()}/v1/${f.word.noun()}/${f.string.alphanumeric(10)}`;
    if (task['_type'] === 'MQTT_PUBLISH') input['_topic'] = `site/${f.word.noun()}/${f.word.noun()}`;
    if (task['_type'] === 'SCRIPT_EXECUTION') input['_scriptName'] = `${f.word.verb()}_${f.word.noun()}.js`;
    if (task['_type'] === 'AI_CONVERSE') input['_prompt'] = f.lorem.sentence();
    if (task['_type'] === 'HAYSTACK') input['_siteRef'] = `@${f.string.alphanumeric(8)}`;
  }
  return input;
}

function generatedRun(f: SeededFaker, timeline: Timeline, definition: Definition, users: readonly string[]): NewRecord {
  const status = f.helpers.weightedArrayElement(Object.entries(settings.statusWeights).map(([value, weight]) => ({ value, weight })));
  const created = seededStart(f, timeline, ACTIVE.has(status));
  const updated = status === 'QUEUED' ? created : seededEnd(created, f.number.int({ min: 200, max: 45 * MINUTE }), timeline.anchor);
  const done = f.number.int({ min: 0, max: definition.tasks.length - 1 });
  const tasks = definition.tasks.map(
    (task, index): JsonObject => ({
      _id: f.string.uuid(),
      _name: String(task['_name']),
      _sequenceno: Number(task['_sequenceno']),
      _type: String(task['_type']),
      _status: index < done ? 'COMPLETED' : 'QUEUED',
    }),
  );
  const id = f.string.uuid();
  const createdBy = f.helpers.arrayElement(users);
  const output: Json =
    status === 'COMPLETED' ? { _result: f.helpers.arrayElement(['ok', 'published', 'synced']), _records: f.number.int({ min: 1, max: 5000 }) } : null;
  const data: JsonObject = {
    _id: id,
    _workflowDefId: String(definition.record.data['_id']),
    _name: String(definition.record.data['_name']),
    _namespaces: [...definition.namespaces],
    _userType: String(definition.record.data['_userType']),
    _tasks: tasksFollowing(tasks, status),
    _timeoutSeconds: definition.record.data['_timeoutSeconds'] ?? null,
    _timeoutPolicy: definition.record.data['_timeoutPolicy'] ?? null,
    _status: status,
    _createdAt: nanoTimestamp(created, f.string.numeric(6)),
    _updatedAt: nanoTimestamp(updated, f.string.numeric(6)),
    _createdBy: createdBy,
    _updatedBy: f.datatype.boolean({ probability: 0.8 }) ? createdBy : f.helpers.arrayElement(users),
    _inputParams: inputFor(f, definition.tasks),
    _output: output,
  };
  const loopTasks = definition.tasks.some((task) => task['_type'] === 'DO_WHILE') ? loopIterations(f, definition.tasks.length, status) : [];
  return { id, data, meta: { loopTasks } };
}

/** DO_WHILE iterations, shown only with _includeLoopOverTasks=true; numbered after the definition's own tasks. */
function loopIterations(f: SeededFaker, taskCount: number, status: string): JsonObject[] {
  const iterations = status === 'QUEUED' ? 0 : f.number.int({ min: 1, max: 4 });
  return Array.from({ length: iterations }, (_, i) => ({
    _id: f.string.uuid(),
    _name: `loop_iteration__${i + 1}`,
    _sequenceno: taskCount + i + 1,
    _type: 'SCRIPT_EXECUTION',
    _status: 'COMPLETED',
  }));
}
