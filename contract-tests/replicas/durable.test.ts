import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../src/harness/server-process.ts';

const DEFINITION = '/8x8/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows';
const AUTH = { authorization: 'Bearer t' };
const running: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.kill()));
});

describe('durable local state (--data-dir)', () => {
  it('keeps every acknowledged create and transition through kill -9 and a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'durable-'));
    const first = await startServer(['--data-dir', dir, '--clock', 'manual']);
    running.push(first);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${first.origin}${DEFINITION}`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ n: i }),
      });
      expect(res.status).toBe(201);
      ids.push((res.headers.get('location') ?? '').split('/').at(-1) ?? '');
    }
    const suspend = await fetch(`${first.origin}${DEFINITION}/${ids[3]}`, {
      method: 'PATCH',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'suspend' }),
    });
    expect(suspend.status).toBe(200);
    const session = await fetch(`${first.origin}/nerm/api/workflow_sessions`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json', 'x-mock-session': 'qa' },
      body: JSON.stringify({
        workflow_session: { workflow_id: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e', requester_id: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e', requester_type: 'User' },
      }),
    });
    const sessionId = ((await session.json()) as { workflow_session: { id: string } }).workflow_session.id;
    const last = await fetch(`${first.origin}${DEFINITION}/${ids[29]}`, {
      method: 'PATCH',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'terminate' }),
    });
    expect(last.status).toBe(200);
    await first.kill();

    const second = await startServer(['--data-dir', dir, '--clock', 'manual']);
    running.push(second);
    const listed = (await (await fetch(`${second.origin}${DEFINITION}?limit=500`, { headers: AUTH })).json()) as { workflowId: string; status: string }[];
    const byId = new Map(listed.map((w) => [w.workflowId, w.status]));
    for (const id of ids) expect(byId.has(id)).toBe(true);
    expect(byId.get(ids[3] ?? '')).toBe('Suspended');
    expect(byId.get(ids[29] ?? '')).toBe('Terminated');
    expect(listed.length).toBe(262 + 30);
    expect((await fetch(`${second.origin}/nerm/api/workflow_sessions/${sessionId}`, { headers: { ...AUTH, 'x-mock-session': 'qa' } })).status).toBe(200);
    const next = await fetch(`${second.origin}${DEFINITION}`, { method: 'POST', headers: AUTH });
    expect(next.status).toBe(201);
  });
});
