import type { JsonObject } from '../../src/core/json.ts';
import { isoAt } from '../../src/core/time.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import type { NewRecord, SeedData } from '../../src/store/store.ts';
import examples from '../../fixtures/nerm/examples.json' with { type: 'json' };
import settings from '../../fixtures/nerm/generation.json' with { type: 'json' };

const DAY = 86_400_000;
type Kind = 'create' | 'update' | 'batch';

interface Workflow {
  readonly id: string;
  readonly kind: Kind;
}

/**
 * The NERM seed: the seed document's example session verbatim, then generated sessions across workflows of the
 * three kinds NERM documents (create a profile, update one: profile_id; batch: profile_ids), with attributes of
 * the seed's kinds: text, date (MM/DD/YYYY), profile select, contributor select and their comma-joined multiples.
 */
export function seedNerm(ctx: SeedContext): SeedData {
  const f = ctx.faker;
  const workflows: Workflow[] = Array.from({ length: settings.workflows }, (_, i) => ({ id: f.string.uuid(), kind: (['create', 'update', 'batch'] as const)[i % 3] ?? 'create' }));
  const requesters = Array.from({ length: settings.requesters }, () => ({ id: f.string.uuid(), type: weighted(f, settings.requesterTypeWeights) }));
  const profiles = Array.from({ length: settings.profiles }, () => ({ id: f.string.uuid(), name: `${f.person.firstName()} ${f.person.lastName()}` }));
  const contributors = Array.from({ length: 30 }, () => f.person.fullName());

  const sessions: NewRecord[] = examples.list.workflow_sessions.map((example) => ({ id: example.id, data: example as unknown as JsonObject }));
  const count = ctx.records ?? settings.sessions;
  const from = Date.parse(settings.window.from);
  const to = Date.parse(settings.window.to);
  for (let i = 0; i < count; i++) {
    const workflow = f.helpers.arrayElement(workflows);
    const requester = f.helpers.arrayElement(requesters);
    const status = weighted(f, settings.statusWeights);
    const created = f.number.int({ min: from, max: to - DAY });
    const updated = Math.min(to, created + f.number.int({ min: 0, max: (status === 'new' ? 0 : 6) * DAY }));
    const id = f.string.uuid();
    const data: JsonObject = {
      id,
      uid: f.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }),
      workflow_id: workflow.id,
      requester_id: requester.id,
      requester_type: requester.type,
      profile_id: workflow.kind === 'update' ? f.helpers.arrayElement(profiles).id : null,
      profile_ids: workflow.kind === 'batch' ? f.helpers.arrayElements(profiles, { min: 2, max: 5 }).map((p) => p.id) : [],
      status,
      attributes: attributesFor(f, workflow.kind, profiles.map((p) => p.name), contributors, created),
      created_at: isoAt(created),
      updated_at: isoAt(updated),
    };
    sessions.push({ id, data });
  }
  return { sessions };
}

function attributesFor(f: SeededFaker, kind: Kind, profileNames: readonly string[], contributors: readonly string[], createdMs: number): JsonObject {
  const startDate = new Date(createdMs + f.number.int({ min: 3, max: 45 }) * DAY);
  const attributes: JsonObject = {
    job_title: f.person.jobTitle(),
    start_date: `${String(startDate.getUTCMonth() + 1).padStart(2, '0')}/${String(startDate.getUTCDate()).padStart(2, '0')}/${startDate.getUTCFullYear()}`,
    department: f.helpers.arrayElement(settings.departments),
    manager: f.helpers.arrayElement(contributors),
  };
  if (kind !== 'update') attributes['work_locations'] = f.helpers.arrayElements(settings.locations, { min: 1, max: 3 }).join(',');
  if (kind === 'batch') attributes['sponsor_profiles'] = f.helpers.arrayElements(profileNames, { min: 2, max: 4 }).join(',');
  attributes['approvers'] = f.helpers.arrayElements(contributors, { min: 1, max: 3 }).join(',');
  return attributes;
}

function weighted(f: SeededFaker, weights: Readonly<Record<string, number>>): string {
  return f.helpers.weightedArrayElement(Object.entries(weights).map(([value, weight]) => ({ value, weight })));
}
