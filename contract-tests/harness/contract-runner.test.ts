import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { formatReport, junitXml } from '../../src/contract/report.ts';
import { runContracts, type RunOptions } from '../../src/contract/run.ts';
import type { ContractReport, ContractSuite } from '../../src/contract/types.ts';
import { readSchemaFiles } from '../../src/files/schemas.ts';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';
import { createSchemaRegistry } from '../../src/validation/registry.ts';
import { ROOT } from '../infra/files.ts';
import { declaredPacks } from '../support/pack-testing.ts';
import { allSuites } from '../suites.ts';
import { startBrokenProvider } from './broken-provider.ts';

const registry = createSchemaRegistry(readSchemaFiles(), { allErrors: true });
const options = (baseUrl: (api: string) => string, external: boolean, extra: Partial<RunOptions> = {}): RunOptions => ({
  suites: allSuites,
  packs: allPacks,
  registry,
  target: { baseUrl, external },
  allowWrites: false,
  undocumented: 'fail',
  params: {},
  pace: false,
  ...extra,
});
const failures = (report: ContractReport) => report.results.filter((r) => !r.ok);
/** The 8x8 suites the broken provider below is made to fail: paging, the envelope, an illegal move. */
const BROKEN = ['read and page', 'start, command and list a workflow'];
const suitesForBroken = allSuites.filter((s) => s.api === '8x8' && BROKEN.includes(s.name));

describe('contract runner', () => {
  let mock: MockServer;

  beforeAll(async () => {
    mock = await startMockServer({ rateLimits: false });
  });
  afterAll(async () => {
    await mock.stop();
  });

  it("gathers every pack's declared suites, each naming a mounted API", async () => {
    const declared = await declaredPacks();
    expect(allSuites).toEqual(declared.flatMap(({ testing }) => testing.suites ?? []));
    expect(allSuites.filter((suite) => !allPacks.some((pack) => pack.id === suite.api))).toEqual([]);
  });

  it('skips suites that write, or rely on the seed, against an external target unless told they may', async () => {
    const ran: string[] = [];
    const suite = (name: string, extra: Partial<ContractSuite>): ContractSuite => ({
      api: allPacks[0]?.id ?? '',
      name,
      writes: false,
      async run(ctx) {
        ran.push(name);
        ctx.check(true, `${name} ran`);
      },
      ...extra,
    });
    const suites = [suite('reads', {}), suite('writes', { writes: true }), suite('seeded', { seeded: true })];
    const skipped = (report: ContractReport) => report.results.filter((r) => r.kind === 'skipped').map((r) => `${r.suite}: ${r.description}`);
    const external = await runContracts(options((api) => mock.url(api), true, { suites }));
    expect(skipped(external)).toEqual([
      'writes: changes data on the target: run with --allow-writes',
      "seeded: relies on the mock's seeded data: run with --seeded against a mock started with the same seed",
    ]);
    expect(ran).toEqual(['reads']);
    const allowed = await runContracts(options((api) => mock.url(api), true, { suites, allowWrites: true, seeded: true }));
    expect(skipped(allowed)).toEqual([]);
    const inProcess = await runContracts(options((api) => mock.url(api), false, { suites }));
    expect(skipped(inProcess)).toEqual([]);
    expect(ran).toEqual(['reads', 'reads', 'writes', 'seeded', 'reads', 'writes', 'seeded']);
  });

  it('catches a broken provider: wrong envelope, skipped items, illegal transition accepted', async () => {
    const broken = await startBrokenProvider();
    try {
      const report = await runContracts(options(() => broken.url, true, { suites: suitesForBroken, allowWrites: true }));
      const failed = failures(report).map((r) => r.description);
      expect(failed).toContain('GET /api/v1/accounts/{accountId}/definitions/{definitionId}/workflows -> 400');
      expect(failed).toContain('a non-uuid definition id is error 1000');
      expect(failed).toContain('pages of 50 visit exactly the workflows pages of 500 do, in the same order');
      expect(failed).toContain('a terminated workflow cannot be resumed (error 1000)');
      expect(failed).toContain('the observed run follows the 8x8 lifecycle');
      const lifecycle = report.results.find((r) => r.description === 'the observed run follows the 8x8 lifecycle');
      expect(lifecycle?.problems).toEqual(
        expect.arrayContaining([
          { pointer: '/3', message: "illegalMove: 'Terminated' cannot become 'Runnable'" },
          { pointer: '/3', message: "terminalField: completedAt is set in active state 'Runnable'" },
        ]),
      );
      expect(failed).toContain('PATCH /api/v1/accounts/{accountId}/definitions/{definitionId}/workflows/{workflowId} -> 200');
      const envelope = report.results.find((r) => r.description.endsWith('-> 400') && !r.ok);
      expect(envelope?.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ pointer: '/code', message: "must have required property 'code'" }),
          expect.objectContaining({ pointer: '/error', message: 'must NOT have additional properties', actual: { error: 'bad id' } }),
        ]),
      );
      expect(envelope?.curl).toMatch(new RegExp(`^curl -sS -X GET '${broken.url}/api/v1/accounts/test_account_id/definitions/not-a-uuid/workflows'`));
      const text = formatReport(report);
      expect(text).toMatch(/FAIL {2}8x8 listWorkflowInstances 400/);
      expect(text).toMatch(/at \/code: must have required property 'code'\n {10}expected: \{"type":"object"/);
      expect(text).toMatch(/reproduce: curl/);
    } finally {
      await broken.stop();
    }
  });

  it('lists undocumented fields instead of failing on them when asked', async () => {
    const broken = await startBrokenProvider();
    try {
      const report = await runContracts(options(() => broken.url, true, { suites: suitesForBroken.filter((s) => !s.writes), undocumented: 'report' }));
      const envelope = report.results.find((r) => r.description.endsWith('-> 400') && r.undocumented.length > 0);
      expect(envelope?.undocumented).toContain('/error');
      expect(envelope?.problems.map((p) => p.pointer)).not.toContain('/error');
      expect(formatReport(report)).toMatch(/undocumented fields: \/error/);
    } finally {
      await broken.stop();
    }
  });

  it('writes JUnit XML with a failure per failed check', async () => {
    const broken = await startBrokenProvider();
    try {
      const report = await runContracts(options(() => broken.url, true, { suites: suitesForBroken, allowWrites: true }));
      const xml = junitXml(report);
      expect(xml).toMatch(new RegExp(`<testsuites name="contract" tests="${report.results.length}" failures="${failures(report).length}"`));
      expect((xml.match(/<failure /g) ?? []).length).toBe(failures(report).length);
      expect(xml).toContain('classname="8x8.listWorkflowInstances"');
    } finally {
      await broken.stop();
    }
  });

  it('runs from the command line against a base URL and exits 1 on failures, writing JUnit', async () => {
    const broken = await startBrokenProvider();
    const dir = mkdtempSync(join(tmpdir(), 'contract-'));
    try {
      // Asynchronous: the servers under test live in this process and must keep answering while the CLI runs.
      const cli = (args: string[]) =>
        new Promise<{ status: number | null; stdout: string }>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'contract-tests/run.ts', ...args], { cwd: ROOT });
          let stdout = '';
          child.stdout.on('data', (chunk) => (stdout += String(chunk)));
          child.once('exit', (status) => resolve({ status, stdout }));
        });
      const bad = await cli(['--base-url', broken.url, '--api', '8x8', ...BROKEN.flatMap((name) => ['--suite', name]), '--junit', join(dir, 'bad.xml')]);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toMatch(/contract: \d+ checks passed, [1-9]\d* failed, 1 skipped/);
      expect(existsSync(join(dir, 'bad.xml'))).toBe(true);
      // LongJump's records move only when asked, so its suites see the same data all the way through.
      const good = await cli(['--base-url', mock.url('longjump'), '--api', 'longjump', '--allow-writes', '--seeded']);
      expect(good.stdout).toMatch(/contract: \d+ checks passed, 0 failed, 0 skipped/);
      expect(good.status).toBe(0);
      expect(readFileSync(join(dir, 'bad.xml'), 'utf8')).toMatch(/<failure/);
      expect((await cli(['--base-url', broken.url])).status).toBe(2);
    } finally {
      await broken.stop();
    }
  });
});
