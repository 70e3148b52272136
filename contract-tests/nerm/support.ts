import { expect } from 'vitest';
import examples from '../../fixtures/nerm/examples.json' with { type: 'json' };
import { schemaId } from '../../mocks/nerm/schema-ids.ts';
import { expectSchema } from '../support/schemas.ts';
import type { Target } from '../support/target.ts';

export const SESSIONS = '/api/workflow_sessions';
export const AUTH = { Authorization: 'Bearer contract-tests' };
export const EXAMPLE = examples.list.workflow_sessions[0] as unknown as Session;
export { examples, schemaId };

export type Session = {
  id: string;
  uid: string;
  workflow_id: string;
  requester_id: string;
  requester_type?: string;
  profile_id?: string;
  profile_ids: string[];
  status: string;
  attributes: Record<string, string>;
  created_at?: string;
  updated_at?: string;
};
export type Metadata = { limit: number; offset: number; total: number; next?: string; previous?: string };
export type ListBody = { workflow_sessions: Session[]; _metadata?: Metadata };

export async function list(target: Target, query: Record<string, string | number | boolean> | string = {}): Promise<ListBody> {
  const request = typeof query === 'string' ? target.get(`${SESSIONS}?${query}`) : target.get(SESSIONS).query(query);
  const res = await request.set(AUTH);
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(200);
  expectSchema(schemaId('workflow-session-list.json'), res.body);
  return res.body as ListBody;
}

/** Follows `_metadata.next` from the first page to the end, returning every page body. */
export async function followNext(target: Target, query: Record<string, string | number | boolean>): Promise<ListBody[]> {
  const pages = [await list(target, { ...query, metadata: true })];
  for (let next = pages[0]?._metadata?.next; next; next = pages.at(-1)?._metadata?.next) {
    // Links are path-absolute on this server; strip the mount so the target can prefix it again.
    const relative = next.replace(/^\/nerm/, '');
    expect(relative.startsWith(SESSIONS)).toBe(true);
    pages.push(await list(target, relative.slice(SESSIONS.length + 1)));
    if (pages.length > 500) throw new Error('next links do not end');
  }
  return pages;
}

export async function all(target: Target, query: Record<string, string | number | boolean> = {}): Promise<Session[]> {
  return (await followNext(target, { ...query, limit: 1000 })).flatMap((page) => page.workflow_sessions);
}

export const newSession = {
  workflow_id: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e',
  requester_id: '0f1d3f8e-6f4d-4c8e-9a55-3f6f8e2b7a10',
  requester_type: 'User',
  attributes: { job_title: 'Contractor', start_date: '12/01/2026' },
};
