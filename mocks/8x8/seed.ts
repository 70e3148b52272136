import type { JsonObject } from '../../src/core/json.ts';
import { isoAt } from '../../src/core/time.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import type { NewRecord, SeedData } from '../../src/store/store.ts';
import settings from '../../fixtures/8x8/generation.json' with { type: 'json' };
import { catalogRecords } from './catalog.ts';
import { type Definition, seededWorkflows, type Stretch } from './seeded-workflows.ts';
import { TEMPLATES, type Template } from './templates.ts';
import { versionOf } from './workflow.ts';

const DAY = 24 * 60 * 60_000;

/**
 * The 8x8 seed: the documented definition with the documents' example workflows verbatim plus enough generated
 * workflows to page through, and generated definitions with several versions across statuses. Definitions are
 * records made here; workflows are generated record by record (seeded-workflows.ts), each definition version's in its
 * own stretch of indexes. Generated times end at `ctx.anchor` (the clock's start); the documents' examples and the
 * documented definition keep their 2021 dates.
 */
export function seed8x8(ctx: SeedContext): SeedData {
  const f = ctx.faker;
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
  const definitions: NewRecord[] = [{ id: documented.id, data: docVersion.data, meta: { versions: [] } }];
  const stretches: Stretch[] = [{ version: docVersion, count: ctx.records ?? documented.workflows, from: ctx.anchor - settings.timeline.days * DAY }];

  const accounts = [
    { accountId: settings.accountId, count: settings.generatedDefinitions.count },
    ...settings.otherAccounts.map((other) => ({ accountId: other.accountId, count: other.definitions })),
  ];
  const total = accounts.reduce((sum, account) => sum + account.count, 0);
  const bound = quota(f, total, settings.generatedDefinitions.subAccountShare);
  const disabled = quota(f, total, settings.generatedDefinitions.disabledShare);
  let generated = 0;
  for (const account of accounts) {
    for (let d = 0; d < account.count; d++, generated++) {
      const template = TEMPLATES[generated % TEMPLATES.length] as Template;
      const flags = { bound: bound[generated] ?? false, disabled: disabled[generated] ?? false };
      const { record, versions } = generatedDefinition(f, ctx.anchor, account.accountId, template, flags);
      definitions.push(record);
      versions.forEach((version, index) => {
        const next = versions[index + 1];
        stretches.push({
          version,
          count: f.number.int(settings.generatedDefinitions.workflowsPerVersion),
          from: Date.parse(String(version.data['createdAt'])),
          ...(next ? { to: Date.parse(String(next.data['createdAt'])) } : {}),
        });
      });
    }
  }
  return { definitions, workflows: seededWorkflows(ctx, docVersion, stretches), catalog: catalogRecords() };
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

/**
 * `share` of `count` things, rounded, as flags in a drawn order: so every seed shows both kinds (definitions bound to
 * a subaccount and listening on all of them, enabled and disabled ones) in the proportions the settings give.
 */
function quota(f: SeededFaker, count: number, share: number): boolean[] {
  const yes = Math.round(count * share);
  return f.helpers.shuffle(Array.from({ length: count }, (_, i) => i < yes));
}

/** A definition from a use-case template, with 1-3 versions dated weeks to months before the anchor. */
function generatedDefinition(
  f: SeededFaker,
  anchor: number,
  accountId: string,
  template: Template,
  flags: { readonly bound: boolean; readonly disabled: boolean },
): { record: NewRecord; versions: Definition[] } {
  const spec = settings.generatedDefinitions;
  const id = f.string.uuid();
  const stepsSubAccount = f.helpers.arrayElement(settings.subAccountIds);
  const subAccountId = flags.bound ? stepsSubAccount : undefined;
  const status = flags.disabled ? 'disabled' : 'enabled';
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
