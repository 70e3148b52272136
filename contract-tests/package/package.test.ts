import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { ROOT } from '../infra/files.ts';
import { BEARER, CALLS, cleanEnv, serve } from './outside.ts';

// The package as a team would use it from its own repository (issue 20): `npm pack` here (the prepack script builds
// lib/), then `npm install <tarball>` in a fresh project in a temporary folder, and everything below runs there with
// plain Node and only the package's own dependencies: the CLI, its subcommands, a node:test file importing the package,
// the type declarations, and `require` from CommonJS. npm reaches only the npm registry, from its cache when it can.

const HERE = join(ROOT, 'contract-tests/package');
const SETUP_MS = 240_000;

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, timeout = SETUP_MS): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: cleanEnv(), timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('the packed package, installed in a fresh project', () => {
  let dir = '';
  let project = '';
  const bin = () => join(project, 'node_modules/.bin/workflow-run-mocks');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'workflow-run-mocks-package-'));
    project = join(dir, 'project');
    mkdirSync(project);
    const packed = await run('npm', ['pack', '--pack-destination', dir], ROOT);
    if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stdout}${packed.stderr}`);
    const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack wrote no tarball:\n${packed.stdout}${packed.stderr}`);
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'a-team-project', private: true, type: 'module' }, null, 2)}\n`);
    const installed = await run('npm', ['install', join(dir, tarball), '--prefer-offline', '--no-audit', '--no-fund'], project);
    if (installed.code !== 0) throw new Error(`npm install of the tarball failed:\n${installed.stdout}${installed.stderr}`);
  }, SETUP_MS);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves every API with a 200 from the installed command', async () => {
    const server = await serve(bin(), ['--port', '0', '--clock', 'manual'], project);
    try {
      expect(Object.keys(CALLS).sort()).toEqual(allPacks.map((pack) => pack.id).sort());
      const statuses = await Promise.all(
        Object.entries(CALLS).map(async ([api, call]) => [api, (await fetch(`${server.origin}/${api}${call.path}`, call.init)).status] as const),
      );
      expect(Object.fromEntries(statuses)).toEqual(Object.fromEntries(Object.keys(CALLS).map((api) => [api, 200])));
    } finally {
      await server.stop();
    }
  });

  it('serves one API at the root with npx workflow-run-mocks --api nerm', async () => {
    const server = await serve('npx', ['--no-install', 'workflow-run-mocks', '--api', 'nerm', '--port', '0'], project);
    try {
      expect((await fetch(`${server.origin}${CALLS['nerm']?.path}`, { headers: BEARER })).status).toBe(200);
      expect(server.output()).not.toMatch(/tsx|sources through/);
    } finally {
      await server.stop();
    }
  });

  it('runs the contract subcommand against its own in-process mock', async () => {
    const contract = await run(bin(), ['contract', '--api', 'nerm'], project, 60_000);
    expect(contract.stdout).toMatch(/contract: [1-9]\d* checks passed, 0 failed/);
    expect(contract.code).toBe(0);
  });

  it('fails a node:test file whose hand-written client breaks the contract, naming the field', async () => {
    copyFileSync(join(HERE, 'client-test.mjs'), join(project, 'client-test.mjs'));
    const tested = await run(process.execPath, ['--test', '--test-reporter=spec', 'client-test.mjs'], project, 60_000);
    const output = tested.stdout + tested.stderr;
    expect(output).toMatch(/✔ the typed client lists sessions within the contract/);
    expect(output).toMatch(/✖ the hand-written client starts an onboarding session/);
    expect(output).toContain('The client broke the API contract');
    expect(output).toMatch(/workflow_session\.requester_type.*required/);
    expect(tested.code).toBe(1);
  });

  it('type-checks a TypeScript test against the declarations, which are real types and not any', async () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      [
        "import { startMockServer, type MockServer } from 'workflow-run-mocks';",
        "import { createNermClient } from 'workflow-run-mocks/clients/nerm';",
        "import type { paths } from 'workflow-run-mocks/clients/generated/github';",
        "const mock: MockServer = await startMockServer({ clock: 'manual' });",
        "const sessions = await createNermClient({ baseUrl: mock.url('nerm'), token: 't' }).listSessions({ limit: 1 });",
        'const id: string | undefined = sessions.data?.workflow_sessions?.[0]?.id;',
        "const runs: keyof paths = '/repos/{owner}/{repo}/actions/runs';",
        '// @ts-expect-error the options are typed: a number is no base URL',
        "createNermClient({ baseUrl: 1, token: 't' });",
        '// @ts-expect-error the harness is typed: there is no such method',
        'mock.teleport();',
        'console.log(id, runs);',
        'await mock.stop();',
        '',
      ].join('\n'),
    );
    const typeRoots = join(ROOT, 'node_modules/@types');
    const compilerOptions = {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      types: ['node'],
      typeRoots: [typeRoots],
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
    const checked = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], project, 120_000);
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.code).toBe(0);
  }, 120_000);

  it('loads from CommonJS through require', async () => {
    writeFileSync(join(project, 'consumer.cjs'), "const { startMockServer } = require('workflow-run-mocks');\nconsole.log(typeof startMockServer);\n");
    const required = await run(process.execPath, ['consumer.cjs'], project, 30_000);
    expect(required.stdout.trim()).toBe('function');
  });
});
