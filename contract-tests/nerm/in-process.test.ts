import { describe, expect, it } from 'vitest';
import { targetFor } from '../support/target.ts';
import { AUTH, list, newSession, SESSIONS } from './support.ts';

// What only the in-process mock shows about NERM sessions (the vendor's behaviour is in suites.ts): what it stores
// beyond the answer, and where its links point.

describe('NERM sessions inside the mock', () => {
  it('keeps requester_type NeaccessRegistrant, which the answer leaves out as the response enum lacks it', async () => {
    const target = targetFor('nerm');
    const res = await target
      .post(SESSIONS)
      .set(AUTH)
      .send({ workflow_session: { ...newSession, requester_type: 'NeaccessRegistrant' } });
    expect(res.body.workflow_session).not.toHaveProperty('requester_type');
    expect((await target.inspect?.('nerm', 'sessions', res.body.workflow_session.id))?.meta['requester_type']).toBe('NeaccessRegistrant');
  });

  it.each([
    ['approved', []],
    ['new', ['processing']],
    ['approved', ['processing', 'pending_approval', 'rejected']],
    ['AUTH-STATUS3', ['closed']],
  ])('records a move to %s after %j in the history', async (to, path) => {
    const target = targetFor('nerm');
    const created = await target.post(SESSIONS).set(AUTH).send({ workflow_session: newSession });
    const id = created.body.workflow_session.id as string;
    for (const status of [...path, to]) expect((await target.patch(`${SESSIONS}/${id}`).set(AUTH).send({ workflow_session: { status } })).status).toBe(200);
    const history = (await target.inspect?.('nerm', 'sessions', id))?.meta['history'] as { from: string; to: string }[];
    expect(history.map((move) => move.to)).toEqual([...path, to]);
    expect(history.at(-1)?.from).toBe(path.at(-1) ?? 'new');
  });

  it('writes links that point at this mock, where the list is mounted', async () => {
    const body = await list(targetFor('nerm'), { limit: 5, metadata: true });
    expect(body._metadata?.next).toMatch(/^\/nerm\/api\/workflow_sessions\?/);
  });
});
