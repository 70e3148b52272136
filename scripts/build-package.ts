import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { allPacks } from '../mocks/index.ts';
import { PROJECT_ROOT } from '../src/files/root.ts';

// What `npm pack` ships (the `prepack` script; `npm run build:package` runs it by hand): the package's JavaScript in
// `lib/` (gitignored) and its type declarations in `lib/types/`. The JavaScript is esbuild's: our own modules
// bundled, TypeScript stripped, one ES module per entry with shared chunks, every package left to node_modules (they
// are the package's dependencies), so a user's project runs it with plain Node and no tsx. The declarations are
// tsc's (`tsconfig.build.json`). Schemas, fixtures, OpenAPI documents and the console's files are shipped as they are
// (package.json `files`) and found at run time from the package root (src/files/root.ts).

export const OUT_DIR = 'lib';

/** `lib/<name>.js` for each entry: the root export, the CLI's commands, and each API's typed client. */
function entries(root: string): Record<string, string> {
  const clients = readdirSync(join(root, 'src/clients')).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
  const generated = readdirSync(join(root, 'src/clients/generated')).filter((name) => name.endsWith('.ts'));
  return {
    index: 'src/index.ts',
    'cli/server': 'src/main.ts',
    'cli/contract': 'contract-tests/run.ts',
    'cli/conformance': 'scripts/conformance.ts',
    'cli/lifecycle': 'scripts/check-lifecycle.ts',
    ...Object.fromEntries(clients.map((name) => [`clients/${name.slice(0, -3)}`, `src/clients/${name}`])),
    ...Object.fromEntries(generated.map((name) => [`clients/generated/${name.slice(0, -3)}`, `src/clients/generated/${name}`])),
  };
}

/**
 * The contract suites are found at run time by a computed `import()` of each pack's `mocks/<id>/testing.ts`
 * (contract-tests/support/pack-testing.ts), which a bundler cannot follow: in the package, `contract-tests/suites.ts`
 * becomes the same list with each pack's module imported by name, in mount order.
 */
function staticSuites(root: string): Plugin {
  const suitesFile = resolve(root, 'contract-tests/suites.ts');
  return {
    name: 'static-suites',
    setup(plugin) {
      plugin.onLoad({ filter: /contract-tests[\\/]suites\.ts$/ }, (args) => {
        if (resolve(args.path) !== suitesFile) return undefined;
        const ids = allPacks.map((pack) => pack.id).filter((id) => existsSync(join(root, 'mocks', id, 'testing.ts')));
        const imports = ids.map((id, i) => `import { testing as t${i} } from '../mocks/${id}/testing.ts';`);
        const list = ids.map((_, i) => `t${i}`).join(', ');
        return {
          contents: `${imports.join('\n')}\nexport const allSuites = [${list}].flatMap((testing) => testing?.suites ?? []);\n`,
          loader: 'ts',
          resolveDir: dirname(suitesFile),
        };
      });
    },
  };
}

type Outputs = Metafile['outputs'];

/** The packages each output imports when it loads, following static imports only (a dynamic import loads on demand). */
function staticExternals(outputs: Outputs, entryFiles: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const edge of outputs[file]?.imports ?? []) {
      if (edge.kind === 'dynamic-import') continue;
      if (edge.external) found.add(edge.path);
      else visit(edge.path);
    }
  };
  // esbuild makes each dynamically imported module an entry point of its own: start from the package's entries only.
  for (const [file, output] of Object.entries(outputs)) if (output.entryPoint !== undefined && entryFiles.has(output.entryPoint)) visit(file);
  return found;
}

/**
 * A package the output imports must be one the package depends on: a devDependency is not installed for users. One
 * loaded only on demand (a dynamic import, e.g. `contract --pact`) is reported, not refused: the command that needs it
 * must say so.
 */
function checkExternals(outputs: Outputs, entryFiles: ReadonlySet<string>, root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const builtins = new Set(builtinModules);
  const packageOf = (specifier: string) =>
    specifier
      .split('/')
      .slice(0, specifier.startsWith('@') ? 2 : 1)
      .join('/');
  const undeclared = (specifiers: Iterable<string>) =>
    new Set(
      [...specifiers]
        .filter((specifier) => !specifier.startsWith('node:') && !builtins.has(specifier) && !manifest.dependencies?.[packageOf(specifier)])
        .map(packageOf),
    );
  const atLoad = undeclared(staticExternals(outputs, entryFiles));
  if (atLoad.size > 0) throw new Error(`the package's code imports packages that are not dependencies: ${[...atLoad].join(', ')}`);
  const all = Object.values(outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));
  return [...undeclared(all)];
}

/** tsc writes `import x from '../../fixtures/a.json'` into a declaration as it was: the JSON goes beside it. */
function copyJsonTypes(root: string, typesDir: string): void {
  for (const name of readdirSync(typesDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.d.ts'))) {
    const declaration = join(typesDir, name);
    for (const [, specifier = ''] of readFileSync(declaration, 'utf8').matchAll(/from '(\.[^']+\.json)'/g)) {
      const target = resolve(dirname(declaration), specifier);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(root, relative(typesDir, target)), target);
    }
  }
}

export async function buildPackage(root: string = PROJECT_ROOT): Promise<{ files: number; ms: number; onDemand: string[] }> {
  const started = performance.now();
  const outdir = join(root, OUT_DIR);
  rmSync(outdir, { recursive: true, force: true });
  const entryPoints = entries(root);
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: true,
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [staticSuites(root)],
  });
  const onDemand = checkExternals(result.metafile.outputs, new Set(Object.values(entryPoints)), root);
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed:\n${tsc.stdout}${tsc.stderr}`);
  const typesDir = join(outdir, 'types');
  copyJsonTypes(root, typesDir);
  const files = readdirSync(outdir, { recursive: true, encoding: 'utf8' }).length;
  return { files, ms: Math.round(performance.now() - started), onDemand };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const built = await buildPackage();
  console.log(`package built in ${OUT_DIR}/ (${built.files} files) in ${built.ms} ms`);
  if (built.onDemand.length > 0) console.warn(`warning: loaded on demand but not dependencies, so missing for users: ${built.onDemand.join(', ')}`);
}
