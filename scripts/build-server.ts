import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../src/files/root.ts';

// The server bundle `npm start` runs (`scripts/start.mjs` calls this when a source changed): `src/main.ts` and
// everything it imports, TypeScript stripped, packages included, in one ES module under `dist/` (gitignored), so the
// server starts without transpiling 400 files or resolving and reading 300 package files at run time. A module the
// source imports with `await import()` becomes a chunk of its own, loaded when used; packages the source loads
// later through `loadLater` (src/files/load-later.ts) are required from node_modules when first used.
// `dist/server.json` names the entry file and every input with its modification time and size: the launcher
// compares them to decide whether to build again. Output files are named by their content and written whole
// (temporary file, then rename), the manifest last, so a server starting while another process builds never reads
// half a file.

export const MANIFEST = 'server.json';

export interface ServerBuild {
  /** The entry module, relative to the output directory. */
  readonly entry: string;
  /** Input path (relative to the project root) -> [mtimeMs, size] when it was built. */
  readonly inputs: Readonly<Record<string, readonly [number, number]>>;
  readonly ms: number;
}

/** Files that change the output without being imported by it: build settings and the bundler itself. */
const SETTINGS = ['scripts/build-server.ts', 'tsconfig.json', 'package-lock.json', 'node_modules/esbuild/package.json'];

/**
 * Packages left in node_modules: esbuild runs its own binary (and only the console needs it), ioredis reads its own
 * files through `__dirname`, which an ES module bundle does not have.
 */
const EXTERNAL = ['esbuild', 'ioredis', 'tsx'];

/** Bundled CommonJS packages call `require` for Node's built-in modules; an ES module has none of its own. */
const REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export async function buildServer(root: string = PROJECT_ROOT, outdir: string = join(root, 'dist')): Promise<ServerBuild> {
  const started = performance.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: REQUIRE_SHIM },
    splitting: true,
    outdir,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const written = new Set<string>();
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = join(dirname(file.path), `.${process.pid}.tmp`);
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    written.add(file.path);
  }
  const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint === 'src/main.ts')?.[0];
  if (!entry) throw new Error('esbuild produced no entry for src/main.ts');
  // Bundled packages are not listed one by one: package-lock.json stands for them.
  const sources = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/'));
  const inputs = Object.fromEntries(
    [...sources, ...SETTINGS].map((file) => {
      const stat = statSync(join(root, file));
      return [file, [stat.mtimeMs, stat.size] as const];
    }),
  );
  const manifest: ServerBuild = { entry: relative(outdir, join(root, entry)), inputs, ms: Math.round(performance.now() - started) };
  const manifestPath = join(outdir, MANIFEST);
  writeFileSync(`${manifestPath}.${process.pid}.tmp`, `${JSON.stringify(manifest)}\n`);
  renameSync(`${manifestPath}.${process.pid}.tmp`, manifestPath);
  written.add(manifestPath);
  prune(outdir, written);
  return manifest;
}

/** Earlier builds' files go; a temporary file goes only when old enough not to belong to a build still running. */
function prune(outdir: string, keep: ReadonlySet<string>): void {
  for (const name of readdirSync(outdir, { recursive: true, encoding: 'utf8' })) {
    const path = join(outdir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile() || keep.has(path)) continue;
    if (path.endsWith('.tmp') && Date.now() - stat.mtimeMs < 60_000) continue;
    rmSync(path, { force: true });
  }
}

// `npm run build`: build now (the Docker image does, so its read-only copy never needs to).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const built = await buildServer();
  console.log(`server bundle dist/${built.entry} built in ${built.ms} ms from ${Object.keys(built.inputs).length} files`);
}
