import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import settings from '../../fixtures/nerm/generation.json' with { type: 'json' };
import { packNerm } from '../../mocks/nerm/index.ts';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';
import { expectSchema } from '../support/schemas.ts';
import { examples, schemaId } from './support.ts';

// Workflow-session attachments over real HTTP, for what the contract suites (suites/attachments.ts) cannot send or see:
// binary files, the URL's origin and X-Mock-Session, and links expiring on the mock's clock.

const TOKEN = { authorization: 'Token token=attachments' };
const ATTRIBUTE = settings.attachment.attributeId;
const OTHER_ATTRIBUTE = '1246d8b3-ac29-4015-8154-dea4434a73fa';

let mock: MockServer;
let base: string;

beforeAll(async () => {
  mock = await startMockServer({ clock: 'manual', packs: [packNerm] });
  base = `${mock.url('nerm')}/api/workflow_sessions`;
});

afterAll(async () => {
  await mock.stop();
});

type Session = { id: string; profile_ids: string[]; status: string };

async function sessions(headers: Record<string, string> = {}): Promise<Session[]> {
  const res = await fetch(`${base}?limit=1000`, { headers: { ...TOKEN, ...headers } });
  return ((await res.json()) as { workflow_sessions: Session[] }).workflow_sessions;
}

async function createSession(headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(base, {
    method: 'POST',
    headers: { ...TOKEN, ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      workflow_session: { workflow_id: '33f072dd-13b4-41e1-8ea0-16f2a59b57c8', requester_id: '33f072dd-13b4-41e1-8ea0-16f2a59b57c8', requester_type: 'User' },
    }),
  });
  return ((await res.json()) as { workflow_session: { id: string } }).workflow_session.id;
}

function upload(sessionId: string, attributeId: string, file: Blob, filename: string, headers: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  form.append('file', file, filename);
  return fetch(`${base}/${sessionId}/upload/${attributeId}`, { method: 'POST', headers: { ...TOKEN, ...headers }, body: form });
}

async function urlOf(res: Response): Promise<string> {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  expectSchema(schemaId('attachment.json#/$defs/Url'), body);
  return (body as { url: string }).url;
}

/** What a client with only the URL gets: no Authorization, no X-Mock-Session. */
const download = (url: string) => fetch(url);

function expectNermError(status: number, body: unknown, message: RegExp | string, errors?: Record<string, string[]>): void {
  expectSchema(schemaId('error.json'), body);
  const { error, errors: fields } = body as { error: string; errors?: Record<string, string[]> };
  if (typeof message === 'string') expect(error).toBe(message);
  else expect(error).toMatch(message);
  if (errors) expect(fields).toEqual(errors);
  expect(status).toBeGreaterThanOrEqual(400);
}

describe('NERM workflow-session attachments', () => {
  it('stores an uploaded file and answers a URL on the origin the client reached, breaking no request schema', async () => {
    const id = await createSession();
    const posted = await urlOf(await upload(id, OTHER_ATTRIBUTE, new Blob(['a,b\r\n'], { type: 'text/csv' }), 'people.csv'));
    expect(new URL(posted).origin).toBe(mock.origin);
    const batch = (await sessions()).find((s) => s.profile_ids.length > 0 && s.id !== examples.list.workflow_sessions[0]?.id) as Session;
    const seeded = await urlOf(await fetch(`${base}/${batch.id}/upload/${ATTRIBUTE}`, { headers: TOKEN }));
    expect(seeded.startsWith(`${mock.origin}/nerm/`)).toBe(true);
    mock.assertNoViolations({ api: 'nerm' });
  });

  it('keeps binary files byte for byte', async () => {
    const id = await createSession();
    const bytes = new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    const url = await urlOf(
      await upload(id, OTHER_ATTRIBUTE, new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'people.xlsx'),
    );
    const file = await download(url);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });

  it('puts the X-Mock-Session in the URL, so the download finds the file there and nowhere else', async () => {
    const session = { 'x-mock-session': 'attachments-qa' };
    const id = await createSession(session);
    const url = await urlOf(await upload(id, OTHER_ATTRIBUTE, new Blob(['a,b\r\n'], { type: 'text/csv' }), 'qa.csv', session));
    expect(url).toContain('/attachments-qa/');
    expect(await (await download(url)).text()).toBe('a,b\r\n');
    const elsewhere = await fetch(`${base}/${id}/upload/${OTHER_ATTRIBUTE}`, { headers: TOKEN });
    expect(elsewhere.status).toBe(404);
  });

  it('lets a link expire an hour after it was issued, and a fresh GET gives a working one', async () => {
    const id = await createSession();
    const url = await urlOf(await upload(id, OTHER_ATTRIBUTE, new Blob(['soon gone']), 'x.txt'));
    await mock.advance(59 * 60_000);
    expect((await download(url)).status).toBe(200);
    await mock.advance(2 * 60_000);
    const expired = await download(url);
    expect(expired.status).toBe(403);
    expectNermError(expired.status, await expired.json(), /expired/);
    const fresh = await urlOf(await fetch(`${base}/${id}/upload/${OTHER_ATTRIBUTE}`, { headers: TOKEN }));
    expect(await (await download(fresh)).text()).toBe('soon gone');
  });
});
