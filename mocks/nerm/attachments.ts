import { createHmac, timingSafeEqual } from 'node:crypto';
import type { JsonObject } from '../../src/core/json.ts';

// Workflow-session attachments (NERM OpenAPI: /workflow_sessions/{id}/upload/{attribute_id}). NERM answers an upload,
// and a GET of the same path, with `{url}` where the file can be fetched; real clients (SecZetta's NEPAPIUtil.rb
// `get_attachment_data`) then download that URL with no credentials. The mock's URL is served by the mock itself:
// `{origin}{mount}/__attachments/{session}/{token}`, the token being `{session id}.{attribute id}.{expires}.{signature}`,
// signed with the attachment's own key and expiring an hour after it was issued, as an S3 presigned URL does.

export const DOWNLOAD_PATH = '/__attachments/{session}/{token}';
export const LINK_LIFETIME_SECONDS = 3600;

export const attachmentId = (sessionId: string, attributeId: string): string => `${sessionId}/${attributeId}`;

export interface Link {
  readonly sessionId: string;
  readonly attributeId: string;
  /** Seconds since the epoch. */
  readonly expires: number;
  readonly signature: string;
}

function sign(key: string, session: string, sessionId: string, attributeId: string, expires: number): string {
  return createHmac('sha256', key).update(`${session}\n${sessionId}\n${attributeId}\n${expires}`).digest('hex');
}

/** The download URL of a stored attachment, for a caller that reached this server at `origin` in `session`. */
export function downloadUrl(
  where: { readonly origin: string; readonly base: string; readonly session: string },
  attachment: JsonObject,
  issuedMs: number,
): string {
  const sessionId = String(attachment['session_id']);
  const attributeId = String(attachment['attribute_id']);
  const expires = Math.floor(issuedMs / 1000) + LINK_LIFETIME_SECONDS;
  const signature = sign(String(attachment['key']), where.session, sessionId, attributeId, expires);
  return `${where.origin}${where.base}/__attachments/${where.session}/${sessionId}.${attributeId}.${expires}.${signature}`;
}

/** The parts of a token, or undefined when it is not one. */
export function readToken(token: string): Link | undefined {
  const parts = token.split('.');
  if (parts.length !== 4) return undefined;
  const [sessionId = '', attributeId = '', expires = '', signature = ''] = parts;
  if (!sessionId || !/^[0-9a-f-]{36}$/.test(attributeId) || !/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature)) return undefined;
  return { sessionId, attributeId, expires: Number(expires), signature };
}

/** Whether a link may download the attachment now: signed with its current key for this session, and not expired. */
export function linkProblem(link: Link, attachment: JsonObject, session: string, nowMs: number): 'forged' | 'expired' | undefined {
  const expected = Buffer.from(sign(String(attachment['key']), session, link.sessionId, link.attributeId, link.expires), 'hex');
  const given = Buffer.from(link.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
  return nowMs >= link.expires * 1000 ? 'expired' : undefined;
}

/**
 * Headers of a download: the file is offered as a download, never rendered (the QA console shares this origin, so an
 * uploaded HTML file must not run as a page of it).
 */
export function downloadHeaders(filename: string): Record<string, string> {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': 'sandbox',
  };
}

/** A CSV (RFC 4180: CRLF lines, fields quoted when they hold a comma, quote or line break) with a header row. */
export function csv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return `${[header, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
