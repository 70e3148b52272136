// @ts-check
import { readFileSync, statSync } from 'node:fs';

// `npm start`: runs the server bundle in `dist/` with plain Node, building it first when it is missing or any of its
// inputs changed since it was built (`scripts/build-server.ts`, through tsx, about half a second). Plain JavaScript,
// so that a start with nothing to build loads neither tsx nor esbuild: reading the manifest and comparing the inputs'
// modification times and sizes takes a few milliseconds. When `dist/` cannot be written (a read-only checkout), the
// sources run through tsx instead, as the tests run them. The server's own flags pass through untouched.

const ROOT = new URL('../', import.meta.url);
const DIST = new URL('dist/', ROOT);

/** The entry of a build whose inputs are all unchanged, or undefined. */
function freshEntry() {
  /** @type {{ entry: string, inputs: Record<string, [number, number]> }} */
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('server.json', DIST), 'utf8'));
  } catch {
    return undefined;
  }
  for (const [file, [mtimeMs, size]] of Object.entries(manifest.inputs)) {
    const stat = statSync(new URL(file, ROOT), { throwIfNoEntry: false });
    // Whole seconds: a container image's layers keep modification times to the second only, so the bundle built in
    // the image would otherwise look stale when the image runs (and its user cannot write dist/ to build again).
    if (!stat || Math.floor(stat.mtimeMs / 1000) !== Math.floor(mtimeMs / 1000) || stat.size !== size) return undefined;
  }
  return manifest.entry;
}

let entry = freshEntry();
if (!entry) {
  const { tsImport } = await import('tsx/esm/api');
  /** @type {{ buildServer: () => Promise<{ entry: string, ms: number }> }} */
  const builder = await tsImport('./build-server.ts', import.meta.url);
  try {
    const built = await builder.buildServer();
    process.stderr.write(`server bundle built in ${built.ms} ms (sources changed since the last build)\n`);
    entry = built.entry;
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw error;
    process.stderr.write(`cannot write dist/ (${code}): running the sources through tsx, which starts slower\n`);
  }
}
if (entry) {
  await import(new URL(entry, DIST).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('src/main.ts', ROOT).href);
}
