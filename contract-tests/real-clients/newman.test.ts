import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import newman, { type RunSummary } from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';
import { allSessions, clientRequests, ENDED, journalMark, seededAttachment, sessionById, type Attachment, type Session } from './mock-data.ts';
import { environmentFor, REQUESTS, workflowSessionsCollection } from './postman.ts';
import { vendorMissing, vendorPath } from '../support/vendor.ts';

// SailPoint's own Postman collection for NERM, its "workflow sessions" folder run by newman against the mock:
// the vendor's requests and scripts unchanged, only the blanks it leaves to its user filled in.

const COLLECTION = 'nerm/sailpoint-api-nerm.postman.json';
const skipReason = vendorMissing([COLLECTION]);

const CSV = 'first_name,last_name,email\nAda,Lovelace,ada@example.com\nAlan,Turing,alan@example.com\n';

interface Sent {
  readonly item: string;
  readonly method: string;
  readonly url: string;
  readonly host: string;
  readonly status?: number;
  readonly body?: string;
  readonly error?: string;
}

interface Run {
  readonly summary: RunSummary;
  readonly sent: readonly Sent[];
}

function runNewman(collection: object, environment: object, workingDir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const sent: Sent[] = [];
    // No reporter: newman stays silent; what it did is collected here and printed only in a failing assertion.
    newman
      .run({ collection, environment, reporters: [], workingDir, insecureFileRead: false, timeoutRequest: 5_000, timeout: 12_000 }, (error, summary) => {
        if (error) reject(error);
        else resolve({ summary, sent });
      })
      .on('request', (error, args) => {
        sent.push({
          item: args.item.name,
          method: args.request.method,
          url: args.request.url.toString(),
          host: args.request.url.getHost(),
          ...(args.response ? { status: args.response.code, body: args.response.text() } : {}),
          ...(error ? { error: error.message } : {}),
        });
      });
  });
}

const describeSent = (sent: readonly Sent[]) =>
  sent.map((s) => `${s.item}: ${s.method} ${s.url} -> ${s.status ?? s.error} ${(s.body ?? '').slice(0, 300)}`).join('\n');

describe.skipIf(skipReason !== undefined)('SailPoint NERM Postman collection (workflow sessions) with newman', () => {
  let mock: MockServer;
  let dir: string;
  let run: Run;
  let mark: number;
  let updated: Session;
  let attachment: Attachment;

  beforeAll(async () => {
    // A manual clock: no session moves on its own while the collection runs.
    mock = await startMockServer({ rateLimits: false, clock: 'manual' });
    dir = await mkdtemp(join(tmpdir(), 'newman-nerm-'));
    await writeFile(join(dir, 'people.csv'), CSV);
    const sessions = await allSessions(mock);
    attachment = await seededAttachment(mock);
    // The update request moves its session to `completed`: a session that is under way, as the vendor's would be.
    const open = sessions.find((session) => !ENDED.includes(session.status) && session.status !== 'new');
    if (!open) throw new Error('no session under way in the seed');
    updated = open;
    const vendor = JSON.parse(await readFile(vendorPath(COLLECTION), 'utf8')) as unknown;
    const id = { id: attachment.sessionId };
    const upload = { id: attachment.sessionId, attribute_id: attachment.attributeId };
    const collection = workflowSessionsCollection(vendor, {
      pathVariables: { [REQUESTS.find]: id, [REQUESTS.update]: { id: updated.id }, [REQUESTS.attachmentUrl]: upload, [REQUESTS.upload]: upload },
      uploadFile: 'people.csv',
    });
    mark = journalMark(mock);
    run = await runNewman(collection, environmentFor(`${mock.url('nerm')}/api`, Date.now()), dir);
  }, 15_000);

  afterAll(async () => {
    await mock?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sends every request of the folder to the mock on loopback and nowhere else', () => {
    expect(run.sent.map((s) => s.item).sort(), describeSent(run.sent)).toEqual(Object.values(REQUESTS).sort());
    const elsewhere = run.sent.filter((s) => s.host !== '127.0.0.1');
    expect(elsewhere, `newman sent requests beyond loopback:\n${describeSent(elsewhere)}`).toEqual([]);
  });

  it('gets a 2xx for every request, with no script failure', () => {
    const refused = run.sent.filter((s) => s.status === undefined || s.status < 200 || s.status > 299);
    expect(refused, describeSent(refused)).toEqual([]);
    expect(run.summary.run.failures.map((f) => `${f.source?.name ?? ''}: ${f.error.name} ${f.error.message}`)).toEqual([]);
    const journal = clientRequests(mock, mark);
    expect(journal.filter((entry) => entry.status >= 300).map((entry) => entry.line)).toEqual([]);
  });

  it("runs the collection's own pre-request script on every request", () => {
    // The script names the client in User-Agent, which the journal records as the client.
    const clients = clientRequests(mock, mark).map((entry) => entry.client);
    expect(clients).toEqual(Object.values(REQUESTS).map(() => 'SailPointPostmanCollection'));
  });

  it('breaks no request schema', () => {
    mock.assertNoViolations();
    expect(mock.violations()).toEqual([]);
  });

  it('moves the updated session to completed, as the collection asks', async () => {
    expect((await sessionById(mock, updated.id)).status).toBe('completed');
  });

  it('serves the uploaded file at the URL the upload answers', async () => {
    const upload = run.sent.find((s) => s.item === REQUESTS.upload);
    const url = (JSON.parse(upload?.body ?? '{}') as { url?: string }).url;
    expect(url, describeSent(run.sent)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const res = await fetch(url as string);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(CSV);
  });
});
