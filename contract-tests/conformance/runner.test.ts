import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { readDocument } from '../../src/conformance/document.ts';
import { runConformance } from '../../src/conformance/run.ts';
import { inProcessTarget } from '../../src/conformance/target.ts';
import { ROOT } from '../../src/harness/server-process.ts';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';

// The conformance check against small made-up documents for the 8x8 pack, so what it finds is known: a response
// that breaks the document, a status the document leaves out, a valid request the mock refuses, a stateful refusal,
// and what each side lacks. Then the command itself: usage errors, YAML, exit codes, JUnit.

const pack = allPacks.find((p) => p.id === '8x8');
if (!pack) throw new Error('no 8x8 pack');
const DEFINITIONS = '/api/v1/accounts/{accountId}/definitions';
const accountId = { name: 'accountId', in: 'path', required: true, schema: { type: 'string', example: 'test_account_id' } };

function documentWith(paths: JsonObject): JsonObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, servers: [{ url: 'https://automation.8x8.com' }], paths };
}

describe('the conformance check', () => {
  let mock: MockServer;

  beforeAll(async () => {
    mock = await startMockServer({ rateLimits: false, packs: [pack] });
  });

  afterAll(async () => {
    await mock?.stop();
  });

  const run = (paths: JsonObject) =>
    runConformance({
      pack,
      document: readDocument(documentWith(paths)),
      spec: 'made-up.json',
      target: inProcessTarget(pack, mock.url('8x8'), mock.admin.journal),
      params: {},
      generated: 1,
      examples: null,
    });

  it('reports a response that breaks the document with pointer, rule, actual value and curl', async () => {
    const report = await run({
      [DEFINITIONS]: {
        get: {
          parameters: [accountId],
          responses: {
            200: {
              description: 'ok',
              content: {
                'application/json': {
                  schema: { type: 'array', items: { type: 'object', required: ['neverSent'], properties: { version: { type: 'string' } } } },
                },
              },
            },
          },
        },
      },
    });
    const [first] = report.results;
    expect(first?.verdict).toBe('drift');
    expect(first?.findings).toContainEqual(expect.objectContaining({ pointer: '/0/neverSent', rule: 'required', verdict: 'drift' }));
    expect(first?.findings).toContainEqual(expect.objectContaining({ pointer: '/0/version', rule: 'type', verdict: 'drift', actual: expect.any(Number) }));
    expect(first?.curl).toContain(`-H 'x-mock-session: conformance-1'`);
    expect(first?.curl).toContain('/8x8/api/v1/accounts/test_account_id/definitions');
  });

  it('reports a status the operation does not document', async () => {
    const report = await run({ [DEFINITIONS]: { get: { parameters: [accountId], responses: { 206: { description: 'partial' } } } } });
    expect(report.results[0]?.findings).toEqual([expect.objectContaining({ rule: 'status', actual: 200, verdict: 'drift' })]);
  });

  it('reports a request the document allows that the mock refuses, with the field and the value sent', async () => {
    const limit = { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100000, example: 99999 } };
    const report = await run({
      [DEFINITIONS]: { get: { parameters: [accountId, limit], responses: { 200: { description: 'ok' }, 400: { description: 'bad' } } } },
    });
    const refused = report.results.find((r) => r.status === 400);
    expect(refused?.findings).toContainEqual(expect.objectContaining({ pointer: '/query/limit', rule: 'maximum', actual: '99999', verdict: 'drift' }));
  });

  it('notes a refusal by the mock state rules instead of counting it as drift', async () => {
    const path = `${DEFINITIONS}/{definitionId}`;
    const definitionId = { name: 'definitionId', in: 'path', required: true, schema: { type: 'string', example: '00000000-0000-4000-8000-000000000000' } };
    const report = await run({
      [path]: {
        put: {
          parameters: [accountId, definitionId],
          requestBody: {
            required: true,
            content: { 'application/json': { example: { accountId: 'test_account_id', trigger: 'http_request', definition: { name: 'n', steps: [] } } } },
          },
          responses: { 200: { description: 'ok' }, 404: { description: 'gone' } },
        },
      },
    });
    // The made-up id does not exist and the document has no list to read another from: the pack's 404 is its state.
    expect(report.results.map((r) => [r.status, r.verdict, r.findings[0]?.verdict])).toEqual([[404, 'note', 'refused-by-state']]);
  });

  it('lists the operations each side lacks', async () => {
    const report = await run({ '/api/v1/accounts/{accountId}/usage': { get: { operationId: 'get-usage', responses: {} } } });
    expect(report.documentOnly).toEqual([{ method: 'GET', path: '/api/v1/accounts/{accountId}/usage', operationId: 'get-usage' }]);
    expect(report.packOnly.map((op) => op.id)).toContain('listWorkflowInstances');
    expect(report.results).toEqual([]);
  });
});

describe('a list paged by cursor', () => {
  const amperity = allPacks.find((p) => p.id === 'amperity');
  let mock: MockServer;

  beforeAll(async () => {
    mock = await startMockServer({ rateLimits: false, packs: amperity ? [amperity] : [] });
  });

  afterAll(async () => {
    await mock?.stop();
  });

  it('sends the cursor only with a token the server issued', async () => {
    if (!amperity) throw new Error('no amperity pack');
    const nextToken = { name: 'next_token', in: 'query', schema: { type: 'string', example: 'ZVEy1iwsKBs9a6H' } };
    const limit = { name: 'limit', in: 'query', schema: { type: 'integer' }, example: 2 };
    const doc = {
      openapi: '3.0.3',
      servers: [{ url: 'https://app.amperity.com/api' }],
      paths: { '/workflow/runs': { get: { parameters: [limit, nextToken], responses: { 200: { description: 'ok' } } } } },
    };
    const report = await runConformance({
      pack: amperity,
      document: readDocument(doc),
      spec: 'made-up.json',
      target: inProcessTarget(amperity, mock.url('amperity'), mock.admin.journal),
      params: {},
      generated: 0,
      examples: null,
    });
    expect(report.results.map((r) => [r.kind, r.status, r.verdict])).toEqual([
      ['example', 200, 'pass'],
      ['cursor', 200, 'pass'],
    ]);
    expect(report.results.some((r) => r.curl.includes('ZVEy1iwsKBs9a6H'))).toBe(false);
    expect(report.results[1]?.curl).toContain('next_token=');
  });
});

describe('npm run conformance', () => {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/conformance.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

  it('exits 2 on a usage error', () => {
    const result = cli(['--api', 'nowhere', '--spec', 'x.json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown API: nowhere');
    expect(result.stderr).toContain('Usage: npm run conformance');
  });

  it('reads a YAML document, exits 1 on drift and writes JUnit', () => {
    const spec = join(dir, 'drift.yaml');
    const junit = join(dir, 'drift.xml');
    writeFileSync(spec, stringify(documentWith({ [DEFINITIONS]: { get: { parameters: [accountId], responses: { 206: { description: 'partial' } } } } })));
    const result = cli(['--api', '8x8', '--spec', spec, '--generated', '0', '--junit', junit]);
    expect(result.stdout).toContain('DRIFT GET /api/v1/accounts/{accountId}/definitions 200');
    expect(result.status).toBe(1);
    expect(readFileSync(junit, 'utf8')).toContain('<failure message="(response): status 200 is not documented');
  }, 30_000);
});
