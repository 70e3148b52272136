import { seedOf } from '../../src/assemble.ts';
import { packNerm } from './index.ts';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/core/json.ts';
import examples from '../../fixtures/nerm/examples.json' with { type: 'json' };
import settings from '../../fixtures/nerm/generation.json' with { type: 'json' };
import { ENDED } from './machine.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const EXAMPLE_ID = examples.list.workflow_sessions[0]?.id;

function seed(anchorIso: string, seedNumber = 1): ReturnType<typeof seedOf> {
  return seedOf(packNerm, { seed: seedNumber, anchor: Date.parse(anchorIso) });
}

const generated = (data: ReturnType<typeof seed>) => (data['sessions'] ?? []).filter((s) => s.id !== EXAMPLE_ID).map((s) => s.data);
const at = (session: JsonObject, field: string) => Date.parse(String(session[field]));

describe('NERM seed', () => {
  it.each(['2026-11-01T00:00:00.000Z', '2031-05-05T10:07:00.000Z'])('ends its timeline at the anchor %s', (anchorIso) => {
    const anchor = Date.parse(anchorIso);
    const sessions = generated(seed(anchorIso));
    const open = sessions.filter((s) => !ENDED.includes(String(s['status'])));
    const finished = sessions.filter((s) => ENDED.includes(String(s['status'])));
    expect(sessions.every((s) => at(s, 'created_at') < anchor && at(s, 'updated_at') <= anchor && at(s, 'updated_at') >= at(s, 'created_at'))).toBe(true);
    expect(sessions.filter((s) => at(s, 'created_at') >= anchor - HOUR).length).toBeGreaterThanOrEqual(5);
    expect(open.every((s) => at(s, 'created_at') >= anchor - settings.timeline.activeHours * HOUR)).toBe(true);
    expect(open.some((s) => at(s, 'created_at') < anchor - 6 * HOUR)).toBe(true);
    expect(Math.min(...finished.map((s) => at(s, 'created_at')))).toBeLessThan(anchor - 30 * DAY);
    expect(sessions.filter((s) => s['status'] === 'new').every((s) => s['created_at'] === s['updated_at'])).toBe(true);
  });

  it('is the same for the same seed and anchor, and moves with the anchor', () => {
    const first = seed('2031-05-05T10:07:00.000Z');
    expect(JSON.stringify(seed('2031-05-05T10:07:00.000Z'))).toBe(JSON.stringify(first));
    expect(JSON.stringify(seed('2031-05-05T10:07:00.000Z', 2))).not.toBe(JSON.stringify(first));
    const later = generated(seed('2031-05-06T10:07:00.000Z'));
    expect(later.map((s, i) => at(s, 'created_at') - at(generated(first)[i] ?? {}, 'created_at'))).toEqual(later.map(() => DAY));
  });

  it("keeps the document's example session verbatim", () => {
    expect(seed('2031-05-05T10:07:00.000Z')['sessions']?.find((s) => s.id === EXAMPLE_ID)?.data).toEqual(examples.list.workflow_sessions[0]);
  });

  it('leaves profile_id out, never null, when a session has none', () => {
    const sessions = generated(seed('2026-11-01T00:00:00.000Z'));
    expect(sessions.some((s) => !('profile_id' in s))).toBe(true);
    expect(sessions.filter((s) => 'profile_id' in s && typeof s['profile_id'] !== 'string')).toEqual([]);
  });

  it('gives each batch session the CSV of its profiles as an attachment', () => {
    const data = seed('2026-11-01T00:00:00.000Z');
    const batch = generated(data).filter((s) => (s['profile_ids'] as string[]).length > 0);
    const attachments = data['attachments'] ?? [];
    expect(attachments.length).toBe(Math.min(batch.length, settings.attachment.max));
    for (const attachment of attachments) {
      const session = batch.find((s) => s['id'] === attachment.data['session_id']) as JsonObject;
      expect(attachment.id).toBe(`${String(session['id'])}/${settings.attachment.attributeId}`);
      const rows = Buffer.from(String(attachment.data['content']), 'base64').toString('utf8').trim().split('\r\n');
      expect(rows[0]).toBe('profile_id,name');
      expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(session['profile_ids']);
      expect(attachment.data['size']).toBe(Buffer.from(String(attachment.data['content']), 'base64').length);
    }
  });
});
