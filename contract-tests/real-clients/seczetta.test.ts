import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';
import { allSessions, attachmentContent, clientRequests, journalMark, openSessionsInDistinctStatuses, seededAttachment, type Session } from './mock-data.ts';
import { rewrite, rubyUnavailable, runRuby } from './ruby.ts';
import { vendorMissing, vendorPath } from '../support/vendor.ts';

// SecZetta's own NERM support scripts (Ruby) against the mock. They run from a temporary copy in which only the
// host (the real tenant over TLS -> the mock on loopback over plain HTTP) and the API token they leave blank are
// filled in; the vendor's files are never edited.

const SCRIPTS = 'real-clients/seczetta-nerm-support';
const skipReason = vendorMissing([`${SCRIPTS}/cancelSessions.rb`, `${SCRIPTS}/NEPAPIUtil.rb`]) ?? rubyUnavailable();
if (skipReason) console.log(skipReason);

const TOKEN = 'seczetta-real-client';
const RUBY_TIMEOUT_MS = 10_000;

/** NEPAPIUtil.rb requires the roo gem (spreadsheets) at load time; only its xlsx path uses it. */
const ROO_STUB = `# Stands in for the roo gem: NEPAPIUtil.rb requires it, and only its xlsx parsing would use it.
module Roo
  class Spreadsheet
    def self.open(*)
      raise NotImplementedError, 'roo is a stub in the real-client tests'
    end
  end
end
`;

/**
 * Written by the test (not the vendor's): what BatchScript.rb's run_workflow does for each profile, then a full
 * listing and an attachment download, through the rewritten NEPAPIUtil.rb. Its findings go to result.json.
 */
const DRIVER = `require 'json'
require_relative 'NEPAPIUtil.rb'

input = JSON.parse(File.read('input.json'))
api = NEProfileAPI.new(host: 'mock', authorization_hash: {'Authorization': 'Token token=${TOKEN}'})

created = input['profile_ids'].map do |profile_id|
  req_json = {
    "workflow_session"=> {
      "workflow_id"=> "#{input['workflow_id']}",
      "requester_id"=> "#{input['requester_id']}",
      "profile_id"=> "#{profile_id}",
      "requester_type": "NeprofileUser"
    }
  }
  response = api.make_request('POST', 'workflow_sessions', response_header: nil, param_hash: {}, request_json: req_json.to_json)
  {'code' => response['code'], 'session' => JSON.parse(response['body'])['workflow_session']}
end

listing = api.bulk_get_request('workflow_sessions')
attachment = api.get_attachment_data('workflow_sessions', input['session_id'], input['attribute_id'], 'csv')

File.write('result.json', JSON.generate({
  'created' => created,
  'listing_codes' => listing['codes'],
  'listed_ids' => listing['content'].map { |session| session['id'] },
  'attachment' => attachment
}))
`;

interface DriverResult {
  readonly created: { code: string; session: Session }[];
  readonly listing_codes: string[];
  readonly listed_ids: string[];
  readonly attachment: { data: Record<string, string>[]; error?: string };
}

/** The rows as RFC 4180 CSV (header line first), to compare with the file the mock serves. */
function asCsv(rows: readonly Record<string, string>[]): string[] {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const header = Object.keys(rows[0] ?? {});
  return [header.map(field).join(','), ...rows.map((row) => header.map((key) => field(row[key] ?? '')).join(','))];
}

describe.skipIf(skipReason !== undefined)('SecZetta NERM support scripts (Ruby) against the mock', () => {
  let mock: MockServer;
  let dir: string;
  let base: string;

  beforeAll(async () => {
    // A manual clock: only the scripts change sessions while they run.
    mock = await startMockServer({ rateLimits: false, clock: 'manual' });
    base = `${mock.url('nerm')}/api/`;
    dir = await mkdtemp(join(tmpdir(), 'seczetta-nerm-'));
    await mkdir(join(dir, 'lib'));
    await mkdir(join(dir, 'ids'));
    await writeFile(join(dir, 'lib', 'roo.rb'), ROO_STUB);
  });

  afterAll(async () => {
    await mock?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('cancelSessions.rb closes exactly the sessions it names', async () => {
    const source = await readFile(vendorPath(`${SCRIPTS}/cancelSessions.rb`), 'utf8');
    await writeFile(
      join(dir, 'cancelSessions.rb'),
      rewrite(source, 'cancelSessions.rb', [
        ['@API_Token = ""', `@API_Token = "${TOKEN}"`],
        ['"https://#{@Tenant}#{@url}/api/#{uriEnd}"', `"${base}#{uriEnd}"`],
        ['use_ssl: true', 'use_ssl: false'],
      ]),
    );
    const before = await allSessions(mock);
    const targets = openSessionsInDistinctStatuses(before, 4);
    expect(new Set(targets.map((session) => session.status)).size).toBeGreaterThanOrEqual(3);
    await writeFile(join(dir, 'ids', 'IDs_to_cancel.txt'), targets.map((session) => `${session.id}\n`).join(''));
    const mark = journalMark(mock);

    await runRuby('cancelSessions.rb', { cwd: dir, includeDir: join(dir, 'lib'), timeoutMs: RUBY_TIMEOUT_MS });

    const requests = clientRequests(mock, mark);
    expect(requests.map((entry) => entry.line)).toEqual(targets.map((session) => `PATCH /nerm/api/workflow_sessions/${session.id} -> 200`));
    const after = new Map((await allSessions(mock)).map((session) => [session.id, session]));
    for (const session of targets) expect(after.get(session.id)?.status, `${session.id} was ${session.status}`).toBe('closed');
    const named = new Set(targets.map((session) => session.id));
    const others = before.filter((session) => !named.has(session.id));
    expect(others.map((session) => after.get(session.id))).toEqual(others);
    mock.assertNoViolations();
  });

  it('NEPAPIUtil.rb creates sessions, lists every session and downloads a seeded attachment', async () => {
    const source = await readFile(vendorPath(`${SCRIPTS}/NEPAPIUtil.rb`), 'utf8');
    await writeFile(
      join(dir, 'NEPAPIUtil.rb'),
      rewrite(source, 'NEPAPIUtil.rb', [
        ['"https://#{@host_url}/api/#{endpoint}?', `"${base}#{endpoint}?`],
        ['use_ssl: uri.scheme == "https"', 'use_ssl: false'],
      ]),
    );
    await writeFile(join(dir, 'driver.rb'), DRIVER);
    const sessions = await allSessions(mock);
    // BatchScript.rb runs an update workflow (one with profile_id) for each profile, credited to a requester.
    const update = sessions.find((session) => typeof session.profile_id === 'string' && !session.profile_ids?.length);
    const requester = sessions.find((session) => session.requester_type === 'NeprofileUser');
    const profileIds = [...new Set(sessions.flatMap((session) => session.profile_ids ?? []))].slice(0, 3);
    if (!update || !requester || profileIds.length < 3) throw new Error('the seed lacks an update workflow, a NeprofileUser requester or profiles');
    const attachment = await seededAttachment(mock);
    await writeFile(
      join(dir, 'input.json'),
      JSON.stringify({
        workflow_id: update.workflow_id,
        requester_id: requester.requester_id,
        profile_ids: profileIds,
        session_id: attachment.sessionId,
        attribute_id: attachment.attributeId,
      }),
    );
    const mark = journalMark(mock);

    await runRuby('driver.rb', { cwd: dir, includeDir: join(dir, 'lib'), timeoutMs: RUBY_TIMEOUT_MS });

    const result = JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as DriverResult;
    expect(result.created.map((entry) => entry.code)).toEqual(['200', '200', '200']);
    const stored = new Map((await allSessions(mock)).map((session) => [session.id, session]));
    for (const [i, { session }] of result.created.entries()) {
      expect(stored.get(session.id)).toMatchObject({
        workflow_id: update.workflow_id,
        requester_id: requester.requester_id,
        requester_type: 'NeprofileUser',
        profile_id: profileIds[i],
      });
    }
    expect(result.listing_codes.every((code) => code === '200')).toBe(true);
    expect([...result.listed_ids].sort()).toEqual([...stored.keys()].sort());
    expect(result.attachment.error).toBeUndefined();
    expect(asCsv(result.attachment.data)).toEqual((await attachmentContent(mock, attachment)).split(/\r?\n/).filter((line) => line !== ''));
    expect(result.attachment.data.length).toBeGreaterThan(0);
    expect(
      clientRequests(mock, mark)
        .filter((entry) => entry.status !== 200)
        .map((entry) => entry.line),
    ).toEqual([]);
    mock.assertNoViolations();
  });
});
