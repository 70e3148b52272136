import { isoAt } from '../../src/core/time.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import type { NewRecord, SeedData } from '../../src/store/store.ts';
import settings from '../../fixtures/nerm/generation.json' with { type: 'json' };
import { attachmentId, csv } from './attachments.ts';
import { type Profile, type SessionDraw, seededSessions, type Workflow } from './seeded-sessions.ts';

/**
 * The NERM seed: the seed document's example session verbatim, then generated sessions across workflows of the
 * three kinds NERM documents (create a profile; update one: profile_id; batch: profile_ids), with attributes of the
 * document's kinds (text, date as MM/DD/YYYY, profile and contributor selects, comma-joined multiples), generated
 * record by record (seeded-sessions.ts). The timeline ends at the anchor: open sessions started minutes to hours
 * before it, finished ones over the weeks before. The first batch sessions carry the CSV of their profiles as an
 * attachment (what SecZetta's NEPAPIUtil.rb downloads).
 */
export function seedNerm(ctx: SeedContext): SeedData {
  const f = ctx.faker;
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
  const count = ctx.records ?? settings.sessions;
  const { sessions, draw } = seededSessions(ctx, { workflows, requesters, profiles, contributors, count });

  // Only the first batch sessions' keys are drawn here: a few hundred at most, whatever the number of sessions.
  const attachments: NewRecord[] = [];
  for (let position = 0; position < count && attachments.length < settings.attachment.max; position++) {
    const session = draw(position);
    if (session.batch.length > 0) attachments.push(profileList(f, session));
  }
  return { sessions, attachments };
}

/** A batch session's attachment: the CSV of the profiles it works on, uploaded when the session was created. */
function profileList(f: SeededFaker, session: SessionDraw): NewRecord {
  const content = Buffer.from(
    csv(
      ['profile_id', 'name'],
      session.batch.map((p) => [p.id, p.name]),
    ),
    'utf8',
  );
  const attributeId = settings.attachment.attributeId;
  return {
    id: attachmentId(session.id, attributeId),
    data: {
      session_id: session.id,
      attribute_id: attributeId,
      filename: `profiles-${isoAt(session.created).slice(0, 10)}.csv`,
      content_type: 'text/csv',
      size: content.length,
      content: content.toString('base64'),
      uploaded_at: isoAt(session.created),
      key: f.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }),
    },
  };
}

function weighted(f: SeededFaker, weights: Readonly<Record<string, number>>): string {
  return f.helpers.weightedArrayElement(Object.entries(weights).map(([value, weight]) => ({ value, weight })));
}
