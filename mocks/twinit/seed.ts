import type { JsonObject } from '../../src/core/json.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import type { NewRecord, SeedData } from '../../src/store/store.ts';
import examples from '../../fixtures/twinit/examples.json' with { type: 'json' };
import settings from '../../fixtures/twinit/generation.json' with { type: 'json' };
import { nanoTimestamp, twinitRuns } from './generated-runs.ts';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

type Definition = { readonly record: NewRecord; readonly data: JsonObject; readonly tasks: readonly JsonObject[]; readonly namespaces: readonly string[] };

/**
 * The Twinit seed: the seed document's run and its definition verbatim, generated definitions over every task type
 * (vendor-facts 002), and runs across statuses under the example's namespace and a second one, generated record by
 * record (generated-runs.ts).
 */
export function seedTwinit(ctx: SeedContext): SeedData {
  const f = ctx.faker;
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

  const workflows = twinitRuns(ctx, {
    inFirst: definitions.filter((d) => d.namespaces.includes(settings.namespace)),
    inSecond: definitions.filter((d) => d.namespaces.includes(settings.secondNamespace)),
    users,
    first: ctx.records ?? settings.runsInNamespace,
    second: settings.runsInSecondNamespace,
  });
  return { workflowdefs: definitions.map((d) => d.record), workflows };
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
  return { record: { id: spec.id, data }, data, tasks: spec.tasks, namespaces: spec.namespaces };
}
