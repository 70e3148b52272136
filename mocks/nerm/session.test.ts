import { describe, expect, it } from 'vitest';
import { askedStatus, changed, newSession, type SessionFields, withFields } from './session.ts';

const NOW = '2026-11-01T00:00:00.000Z';
const IDS = { id: '33f072dd-13b4-41e1-8ea0-16f2a59b57c8', uid: 'a'.repeat(32) };
const FIELDS: SessionFields = {
  workflow_id: '59ed1cb6-9977-4965-9bfe-f2bcc242523e',
  requester_id: '89ed1cb6-9977-4965-9bfe-f2bcc242523e',
  requester_type: 'User',
};

describe('NERM sessions from request bodies', () => {
  it("builds a new session in the document's field order, with no profile_id when none is sent", () => {
    const { data } = newSession(FIELDS, IDS, NOW);
    expect(Object.keys(data)).toEqual([
      'id',
      'uid',
      'workflow_id',
      'requester_id',
      'requester_type',
      'profile_ids',
      'status',
      'attributes',
      'created_at',
      'updated_at',
    ]);
    expect(data).toMatchObject({ status: 'new', profile_ids: [], attributes: {} });
  });

  it('takes only the fields a client may write', () => {
    // The body's schema lets other properties through; its type names only the writable ones.
    const sent = { ...FIELDS, id: 'x', uid: 'y', status: 'completed', colour: 'teal' } as const;
    const { data } = newSession(sent, IDS, NOW);
    expect(data).toMatchObject({ id: IDS.id, uid: IDS.uid, status: 'new' });
    expect(data).not.toHaveProperty('colour');
  });

  it('merges attributes on update', () => {
    const session = newSession({ ...FIELDS, attributes: { a: '1', b: '2' } }, IDS, NOW);
    expect(withFields(session, { attributes: { b: '3', c: '4' } }).data['attributes']).toEqual({ a: '1', b: '3', c: '4' });
  });

  it('keeps a requester_type responses cannot carry in meta, and takes it back out when another is set', () => {
    const registrant = newSession({ ...FIELDS, requester_type: 'NeaccessRegistrant' }, IDS, NOW);
    expect(registrant.data).not.toHaveProperty('requester_type');
    expect(registrant.meta).toEqual({ requester_type: 'NeaccessRegistrant' });
    const user = withFields(registrant, { requester_type: 'NeprofileUser' });
    expect(user.data['requester_type']).toBe('NeprofileUser');
    expect(user.meta).toEqual({});
  });

  it("reads status, or status_uid as SecZetta's scripts send it, status first", () => {
    expect(askedStatus({ status_uid: 'closed' })).toBe('closed');
    expect(askedStatus({ status: 'processing', status_uid: 'closed' })).toBe('processing');
    expect(askedStatus({})).toBeUndefined();
  });

  it('tells a real change from one that only moves updated_at or reorders keys', () => {
    const { data } = newSession(FIELDS, IDS, NOW);
    expect(changed(data, { ...data, updated_at: 'later' })).toBe(false);
    expect(changed(data, Object.fromEntries(Object.entries(data).reverse()))).toBe(false);
    expect(changed(data, { ...data, attributes: { a: '1' } })).toBe(true);
  });
});
