import { describe, expect, it } from 'vitest';
import { schemaRegistry, seedOf } from '../../src/assemble.ts';
import { generatorOf, keyMismatches, keysMs, recordBytes, sampleIndexes } from '../generated-checks.ts';
import { packNerm } from './index.ts';
import { schemaId } from './schema-ids.ts';
import type { JsonObject } from '../../src/core/json.ts';
import examples from '../../fixtures/nerm/examples.json' with { type: 'json' };
import settings from '../../fixtures/nerm/generation.json' with { type: 'json' };
import { ENDED } from './machine.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const EXAMPLE_ID = examples.list.workflow_sessions[0]?.id;
const ANCHOR = Date.parse('2026-11-01T00:00:00.000Z');

const sessionsOf = (records?: number) => generatorOf(packNerm, 'sessions', { anchor: ANCHOR, ...(records === undefined ? {} : { records }) });

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

  it('makes the same session again in any order', () => {
    const sessions = sessionsOf();
    const indexes = sampleIndexes(sessions.count);
    const forwards = recordBytes(sessions, indexes);
    expect(recordBytes(sessions, [...indexes].reverse()).reverse()).toEqual(forwards);
    expect(recordBytes(sessionsOf(), indexes)).toEqual(forwards);
  });

  it('gives keys that agree with the sessions, the example included (its absent created_at is null)', () => {
    const sessions = sessionsOf();
    expect(keyMismatches(sessions, sampleIndexes(sessions.count, 80))).toEqual([]);
    expect(sessions.keys(0).id).toBe(EXAMPLE_ID);
    expect(sessions.keys(0).values[sessions.fields.indexOf('created_at')]).toBeNull();
  });

  it('makes the keys of 100,000 sessions well within two seconds', () => {
    const sessions = sessionsOf(100_000);
    expect(sessions.count).toBe(100_001);
    expect(keysMs(sessions)).toBeLessThan(2000);
  });

  it('creates sessions in index order and keeps the status weights at 100,000', () => {
    const sessions = sessionsOf(100_000);
    const [status, created] = [sessions.fields.indexOf('status'), sessions.fields.indexOf('created_at')];
    const counts: Record<string, number> = {};
    let previous = 0;
    let unordered = 0;
    let outside = 0;
    for (let i = 1; i < sessions.count; i++) {
      const values = sessions.keys(i).values;
      const name = String(values[status]);
      counts[name] = (counts[name] ?? 0) + 1;
      const at = Date.parse(String(values[created]));
      if (at < previous) unordered++;
      previous = at;
      const earliest = ENDED.includes(name) ? ANCHOR - settings.timeline.days * DAY : ANCHOR - settings.timeline.activeHours * HOUR;
      if (at >= ANCHOR || at < earliest) outside++;
    }
    expect([unordered, outside]).toEqual([0, 0]);
    const total = Object.values(settings.statusWeights).reduce((sum, weight) => sum + weight, 0);
    for (const [name, weight] of Object.entries(settings.statusWeights)) expect(Math.abs((counts[name] ?? 0) / 100_000 - weight / total)).toBeLessThan(0.01);
  });

  it('validates against the session and attachment schemas', () => {
    const registry = schemaRegistry();
    const data = seed('2026-11-01T00:00:00.000Z');
    const issues = [
      ...(data['sessions'] ?? []).flatMap((s) => registry.check(schemaId('workflow-session.json'), s.data)),
      ...(data['attachments'] ?? []).flatMap((a) => registry.check(schemaId('attachment.json'), a.data)),
    ];
    expect(issues).toEqual([]);
  });
});
