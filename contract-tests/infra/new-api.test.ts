import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrlProblem, idProblem, packNames, quote, titleProblem } from '../../scripts/new-api/names.ts';
import { GENERATORS, registryLines, skeletonFiles } from '../../scripts/new-api/skeleton.ts';
import { ROOT } from './files.ts';

// `npm run new-api` proven end to end: in a temporary copy of the project, the scaffold writes a pack; the test adds
// the registry line it prints and runs the generators it prints; then the skeleton must compile, pass Biome, and pass
// the generic tests for the new pack (its contract suites, generated requests, model, lifecycle, seeded timeline,
// generated files, console description, bench): the part of `npm test` that is about one pack, with fewer generated
// cases, in well under a minute on an idle machine.

const run = promisify(execFile);
const ID = 'scaffolded';
const TITLE = "Scaffold's workflow runs";
const BASE_URL = 'https://{tenant}.scaffold.example';
const COPIED = [
  'src',
  'mocks',
  'schemas',
  'fixtures',
  'contract-tests',
  'scripts',
  'bench',
  'openapi',
  'docs',
  'package.json',
  'tsconfig.json',
  'vitest.config.ts',
  'biome.jsonc',
  '.gitignore',
];
/** Generic test files with tests per pack, named by its id (and the skeleton's own unit test). */
const PER_PACK = [
  `mocks/${ID}/`,
  'mocks/input-types.test.ts',
  'src/clients/generated.test.ts',
  'src/openapi/build.test.ts',
  'src/docs/api-doc.test.ts',
  'contract-tests/contracts.test.ts',
  'contract-tests/robustness/properties.test.ts',
  'contract-tests/robustness/model.test.ts',
  'contract-tests/living/lifecycle.test.ts',
  'contract-tests/living/live-data.test.ts',
];
/** What vitest's JSON reporter writes, as far as the test reads it. */
interface VitestResults {
  readonly numFailedTests: number;
  readonly testResults: readonly { readonly name: string; readonly assertionResults: readonly { readonly fullName: string; readonly status: string }[] }[];
}
/** The child processes' environment, without the variables of the vitest run this test is in. */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));

let dir = '';

/** Runs a command in the copy; a failure shows its output. */
async function inCopy(file: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd: dir, env: { ...ENV, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    return { code: 0, out: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const scaffold = (...args: string[]) => inCopy('node', ['--import', 'tsx', 'scripts/new-api.ts', ...args]);
const bin = (name: string) => join(dir, 'node_modules', '.bin', name);

/** Adds the printed import after the registry's imports and the entry at the end of allPacks. */
function register(printed: string): void {
  const names = packNames(ID);
  const { importLine, entry } = registryLines(names);
  expect(printed).toContain(importLine);
  expect(printed).toContain(`${entry} to allPacks`);
  const file = join(dir, 'mocks/index.ts');
  const source = readFileSync(file, 'utf8');
  const lastImport = source.lastIndexOf('\nimport ');
  const afterImports = source.indexOf('\n', lastImport + 1);
  const withImport = `${source.slice(0, afterImports)}\n${importLine}${source.slice(afterImports)}`;
  const close = withImport.lastIndexOf('];');
  writeFileSync(file, `${withImport.slice(0, close)}, ${entry}${withImport.slice(close)}`);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'new-api-'));
  for (const name of COPIED) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run new-api', () => {
  it('accepts only ids that are mount segments and not taken', () => {
    for (const bad of ['', 'Demo', 'my_api', '-api', 'api-', 'my--api', 'a/b', '__admin', 'run s', 'x'.repeat(41)])
      expect(idProblem(bad, ROOT, []), bad).toMatch(/mount segment/);
    expect(idProblem('amperity', ROOT, ['amperity'])).toMatch(/already mounted/);
    // Folders that are no pack's are taken too.
    expect(idProblem('support', ROOT, [])).toMatch(/contract-tests\/support already exists/);
    expect(idProblem('admin', ROOT, [])).toMatch(/schemas\/admin already exists/);
    expect(idProblem('my-api2', ROOT, [])).toBeUndefined();
  });

  it('accepts an http(s) base URL, placeholders included, and a one-line title', () => {
    expect([baseUrlProblem('https://api.acme.example'), baseUrlProblem('https://{tenant}.acme.example'), titleProblem("Acme's runs")]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    for (const bad of ['api.acme.example', 'ftp://acme.example', "https://acme.example/'", 'https://acme example'])
      expect(baseUrlProblem(bad), bad).toBeDefined();
    expect(titleProblem('two\nlines')).toBeDefined();
  });

  it('names the pack from its id, and quotes text as Biome does', () => {
    expect(packNames('my-api')).toEqual({ id: 'my-api', pascal: 'MyApi', title: 'My api workflow runs', vendorBaseUrl: 'https://my-api.example.com' });
    expect(packNames('x', { title: ' Acme runs ', baseUrl: 'https://api.acme.test/' })).toMatchObject({
      title: 'Acme runs',
      vendorBaseUrl: 'https://api.acme.test',
    });
    expect([quote('plain'), quote("it's"), quote(`"it's"`), quote('a\\b')]).toEqual(["'plain'", `"it's"`, `'"it\\'s"'`, "'a\\\\b'"]);
  });

  it("writes the checklist's files, all in the pack's own folders", () => {
    expect(skeletonFiles(packNames('my-api')).map((file) => file.path)).toEqual([
      'schemas/my-api/run.json',
      'schemas/my-api/run-list.json',
      'schemas/my-api/error.json',
      'schemas/my-api/parameters.json',
      'schemas/my-api/PROVENANCE.md',
      'fixtures/my-api/examples.json',
      'fixtures/my-api/generation.json',
      'mocks/my-api/index.ts',
      'mocks/my-api/schema-ids.ts',
      'mocks/my-api/machine.ts',
      'mocks/my-api/machine.test.ts',
      'mocks/my-api/lifecycle.ts',
      'mocks/my-api/seed.ts',
      'mocks/my-api/console.ts',
      'mocks/my-api/testing.ts',
      'contract-tests/my-api/suites.ts',
      'contract-tests/my-api/suites/runs.ts',
    ]);
  });

  it('scaffolds a pack that compiles, passes Biome and the generic tests once registered and generated', async () => {
    const refused = await scaffold('Not-An-Id');
    expect(refused.code, refused.out).toBe(2);
    expect((await scaffold('amperity')).out).toMatch(/already mounted/);
    mkdirSync(join(dir, 'fixtures', 'half'));
    writeFileSync(join(dir, 'fixtures', 'half', 'keep.json'), '{}');
    expect((await scaffold('half')).out).toMatch(/fixtures\/half already exists/);
    expect(existsSync(join(dir, 'mocks', 'half'))).toBe(false);

    const made = await scaffold(ID, '--title', TITLE, '--base-url', BASE_URL);
    expect(made.code, made.out).toBe(0);
    const files = skeletonFiles(packNames(ID, { title: TITLE, baseUrl: BASE_URL }));
    for (const file of files) expect(readFileSync(join(dir, file.path), 'utf8'), file.path).toBe(file.text);
    expect(made.out).toContain(GENERATORS);
    // Again, without the title: refused, and the pack keeps its title.
    const again = await scaffold(ID);
    expect(again.code).toBe(2);
    expect(readFileSync(join(dir, `mocks/${ID}/index.ts`), 'utf8')).toContain(TITLE);

    register(made.out);
    const generated = await inCopy('sh', ['-c', GENERATORS]);
    expect(generated.code, generated.out).toBe(0);
    for (const file of [`openapi/${ID}.json`, `src/clients/generated/${ID}.ts`, `mocks/${ID}/inputs.generated.ts`, `docs/apis/${ID}.md`])
      expect(existsSync(join(dir, file)), file).toBe(true);

    const sources = files.map((file) => file.path).filter((path) => path.endsWith('.ts'));
    writeFileSync(join(dir, 'tsconfig.new-api.json'), JSON.stringify({ extends: './tsconfig.json', include: [], files: ['mocks/index.ts', ...sources] }));
    const compiled = await inCopy(bin('tsc'), ['--noEmit', '-p', 'tsconfig.new-api.json']);
    expect(compiled.code, compiled.out).toBe(0);
    const linted = await inCopy(bin('biome'), ['check', ...sources]);
    expect(linted.code, linted.out).toBe(0);

    // The generic tests, for the new pack only (their names carry the pack's id), with fewer generated cases: each file
    // must pass at least one test about it, and none may fail.
    const perPack = await inCopy(bin('vitest'), ['run', ...PER_PACK, '-t', `${ID}|the run machine`, '--reporter=json', '--outputFile=results.json'], {
      MODEL_RUNS: '5',
      ROBUSTNESS_VALID_RUNS: '20',
      ROBUSTNESS_MUTATED_RUNS: '40',
    });
    expect(perPack.code, perPack.out).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as VitestResults;
    const passedIn = (file: string) =>
      results.testResults
        .filter((result) => result.name.includes(file))
        .flatMap((result) => result.assertionResults.filter((test) => test.status === 'passed'));
    expect(PER_PACK.filter((file) => passedIn(file).length === 0)).toEqual([]);
    expect(results.numFailedTests).toBe(0);

    // Tests over every pack at once: the console's description and state counts, the bench's scenarios.
    const crossPack = await inCopy(bin('vitest'), ['run', 'contract-tests/console/serving.test.ts', 'src/console/describe.test.ts', 'bench/scenarios.test.ts']);
    expect(crossPack.code, crossPack.out).toBe(0);
  }, 240_000);
});
