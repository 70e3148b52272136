import { expect } from 'vitest';
import type { Response } from 'supertest';
import type { Target } from '../support/target.ts';

// Calls for the LongJump tests that look inside the in-process mock (the contract suites use calls.ts).

export const REST = '/networking/rest';

export async function login(target: Target, userName: string, password = 'demo'): Promise<string> {
  const res = await target
    .post(`${REST}/login`)
    .set('Content-Type', 'application/xml')
    .send(`<platform><login><userName>${userName}</userName><password>${password}</password></login></platform>`);
  expect(res.status, res.text).toBe(200);
  const sessionId = /JSESSIONID=([^;]+)/.exec(String(res.headers['set-cookie'] ?? ''))?.[1] ?? '';
  expect(sessionId).not.toBe('');
  return `JSESSIONID=${sessionId}`;
}

export function changeBody(actionName: string): string {
  return `<platform><workflowChangeState><workflowIdOrName>workflow1</workflowIdOrName><actionName>${actionName}</actionName></workflowChangeState></platform>`;
}

export async function change(target: Target, cookie: string, objectName: string, recordId: string, body: string): Promise<Response> {
  return target
    .post(`${REST}/record/${objectName}/${recordId}/operation/changeWorkflowState`)
    .set('Cookie', cookie)
    .set('Content-Type', 'application/xml')
    .buffer(true)
    .send(body);
}
