import type { MockServer } from '../../src/harness/mock-server.ts';

// What the real-client tests read of the mock's NERM state before and after a client runs.

export interface Session {
  readonly id: string;
  readonly workflow_id: string;
  readonly requester_id: string;
  readonly requester_type: string;
  readonly profile_id?: string | null;
  readonly profile_ids?: readonly string[];
  readonly status: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

/** The statuses that end a session (the vendor's tools close only sessions still open). */
export const ENDED = ['completed', 'rejected', 'failed', 'closed'];

/** Names the test's own reads in the journal, so they are told apart from the client's requests. */
const SETUP = { Authorization: 'Bearer real-client-setup', 'X-Mock-Client': 'real-client-setup', Accept: 'application/json' };

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: SETUP });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

/** Every session, read through the API the way a client pages it. */
export async function allSessions(mock: MockServer): Promise<Session[]> {
  const sessions: Session[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = (await getJson(`${mock.url('nerm')}/api/workflow_sessions?limit=1000&offset=${offset}`)) as { workflow_sessions: Session[] };
    sessions.push(...page.workflow_sessions);
    if (page.workflow_sessions.length < 1000) return sessions;
  }
}

export async function sessionById(mock: MockServer, id: string): Promise<Session> {
  return ((await getJson(`${mock.url('nerm')}/api/workflow_sessions/${id}`)) as { workflow_session: Session }).workflow_session;
}

/** Up to `count` open sessions, each in a different status. */
export function openSessionsInDistinctStatuses(sessions: readonly Session[], count: number): Session[] {
  const byStatus = new Map<string, Session>();
  for (const session of sessions) {
    if (!ENDED.includes(session.status) && !byStatus.has(session.status)) byStatus.set(session.status, session);
  }
  return [...byStatus.values()].slice(0, count);
}

/** The highest journal sequence number so far: entries after it are the client's. */
export function journalMark(mock: MockServer): number {
  return mock.requests().at(-1)?.seq ?? 0;
}

/** The client's requests after `mark` (the test's own reads excluded), as `METHOD path -> status` lines. */
export function clientRequests(mock: MockServer, mark: number): { line: string; status: number; client: string }[] {
  return mock
    .requests({ since: mark })
    .filter((entry) => entry.client !== SETUP['X-Mock-Client'])
    .map((entry) => ({
      line: `${entry.method} ${entry.path} -> ${entry.status}${entry.refusal ? ` (${entry.refusal})` : ''}`,
      status: entry.status,
      client: entry.client,
    }));
}

export interface Attachment {
  readonly sessionId: string;
  readonly attributeId: string;
}

/** A seeded session attachment (a batch session's CSV), found through the control API's stored records. */
export async function seededAttachment(mock: MockServer): Promise<Attachment> {
  const found = (await getJson(`${mock.origin}/__admin/records?api=nerm&collection=attachments&limit=1`)) as {
    records: { data: { session_id: string; attribute_id: string } }[];
  };
  const first = found.records[0];
  if (!first) throw new Error('the NERM seed holds no attachment');
  return { sessionId: first.data.session_id, attributeId: first.data.attribute_id };
}

/** The file behind an attachment, fetched the way a client does: the attachment URL, then that URL. */
export async function attachmentContent(mock: MockServer, attachment: Attachment): Promise<string> {
  const { url } = (await getJson(`${mock.url('nerm')}/api/workflow_sessions/${attachment.sessionId}/upload/${attachment.attributeId}`)) as { url: string };
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return res.text();
}
