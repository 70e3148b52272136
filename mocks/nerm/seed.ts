import type { JsonObject } from '../../src/core/json.ts';
import { isoAt } from '../../src/core/time.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import { seededEnd, seededStart, type Timeline } from '../../src/generation/timeline.ts';
import type { NewRecord, SeedData } from '../../src/store/store.ts';
import examples from '../../fixtures/nerm/examples.json' with { type: 'json' };
import settings from '../../fixtures/nerm/generation.json' with { type: 'json' };
import { attachmentId, csv } from './attachments.ts';
import { ENDED } from './machine.ts';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
type Kind = 'create' | 'update' | 'batch';

interface Workflow {
  readonly id: string;
  readonly kind: Kind;
}

interface Profile {
  readonly id: string;
  readonly name: string;
}

/**
 * The NERM seed: the seed document's example session verbatim, then generated sessions across workflows of the
 * three kinds NERM documents (create a profile; update one: profile_id; batch: profile_ids), with attributes of the
 * document's kinds (text, date as MM/DD/YYYY, profile and contributor selects, comma-joined multiples). The timeline
 * ends at the anchor: open sessions started minutes to hours before it, finished ones over the weeks before.
 * Batch sessions carry the CSV of their profiles as an attachment (what SecZetta's NEPAPIUtil.rb downloads).
 */
export function seedNerm(ctx: SeedContext): SeedData {
  const f = ctx.faker;
  const timeline: Timeline = { anchor: ctx.anchor, ...settings.timeline };
  const workflows: Workflow[] = Array.from({ length: settings.workflows }, (_, i) => ({
    id: f.string.uuid(),
    kind: (['create', 'update', 'batch'] as const)[i % 3] ?? 'create',
  }));
  const requesters = Array.from({ length: settings.requesters }, () => ({ id: f.string.uuid(), type: weighted(f, settings.requesterTypeWeights) }));
  const profiles: Profile[] = Array.from({ length: settings.profiles }, () => ({
    id: f.string.uuid(),
    name: `${f.person.firstName()} ${f.person.lastName()}`,
  }));
  const contributors = Array.from({ length: 30 }, () => f.person.fullName());

  const sessions: NewRecord[] = examples.list.workflow_sessions.map((example) => ({ id: example.id, data: example as unknown as JsonObject }));
  const attachments: NewRecord[] = [];
  const count = ctx.records ?? settings.sessions;
  for (let i = 0; i < count; i++) {
    const workflow = f.helpers.arrayElement(workflows);
    const requester = f.helpers.arrayElement(requesters);
    const status = weighted(f, settings.statusWeights);
    const open = !ENDED.includes(status);
    const created = seededStart(f, timeline, open);
    const updated =
      status === 'new'
        ? created
        : open
          ? f.number.int({ min: created, max: ctx.anchor })
          : seededEnd(created, f.number.int({ min: 5 * MINUTE, max: 6 * DAY }), ctx.anchor);
    const id = f.string.uuid();
    const batch = workflow.kind === 'batch' ? f.helpers.arrayElements(profiles, { min: 2, max: 5 }) : [];
    const data: JsonObject = {
      id,
      uid: f.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }),
      workflow_id: workflow.id,
      requester_id: requester.id,
      requester_type: requester.type,
      // Omitted, not null, when the session has none (NERM OpenAPI: a uuid string).
      ...(workflow.kind === 'update' ? { profile_id: f.helpers.arrayElement(profiles).id } : {}),
      profile_ids: batch.map((p) => p.id),
      status,
      attributes: attributesFor(
        f,
        workflow.kind,
        profiles.map((p) => p.name),
        contributors,
        created,
      ),
      created_at: isoAt(created),
      updated_at: isoAt(updated),
    };
    sessions.push({ id, data });
    if (batch.length > 0 && attachments.length < settings.attachment.max) attachments.push(profileList(f, id, batch, created));
  }
  return { sessions, attachments };
}

/** A batch session's attachment: the CSV of the profiles it works on, uploaded when the session was created. */
function profileList(f: SeededFaker, sessionId: string, profiles: readonly Profile[], createdMs: number): NewRecord {
  const content = Buffer.from(
    csv(
      ['profile_id', 'name'],
      profiles.map((p) => [p.id, p.name]),
    ),
    'utf8',
  );
  const attributeId = settings.attachment.attributeId;
  return {
    id: attachmentId(sessionId, attributeId),
    data: {
      session_id: sessionId,
      attribute_id: attributeId,
      filename: `profiles-${isoAt(createdMs).slice(0, 10)}.csv`,
      content_type: 'text/csv',
      size: content.length,
      content: content.toString('base64'),
      uploaded_at: isoAt(createdMs),
      key: f.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }),
    },
  };
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
