import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { allPacks } from '../mocks/index.ts';
import { DocumentError, type OpenApiDocument } from '../src/conformance/document.ts';
import { loadDocument, packExamples } from '../src/conformance/files.ts';
import { RefError } from '../src/conformance/refs.ts';
import { conformanceJunit, formatConformance, hasDrift } from '../src/conformance/report.ts';
import { runConformance, type ConformanceTarget } from '../src/conformance/run.ts';
import { inProcessTarget, remoteTarget } from '../src/conformance/target.ts';
import { startMockServer } from '../src/harness/mock-server.ts';

// `npm run conformance -- --api ID --spec FILE`: checks a pack against a vendor's OpenAPI document (the vendor
// drift check, docs/decisions/004). Exit code 1 on drift in implemented operations, 2 on usage errors.

const USAGE = `Usage: npm run conformance -- --api ID --spec FILE [options]
  --api ID              the pack to check (${allPacks.map((p) => p.id).join(', ')})
  --spec FILE           the vendor's OpenAPI 3.0 or 3.1 document, JSON or YAML
  --base-url URL        a running server's base URL for the API (e.g. http://127.0.0.1:4010/nerm); default: an in-process mock
  --param NAME=VALUE    a value for every parameter of that name (path, query, header), or authorization; repeatable
  --generated N         requests generated from the request schemas per operation (default 3)
  --junit FILE          also write JUnit XML`;

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

function readFlags() {
  try {
    return parseArgs({
      options: {
        api: { type: 'string' },
        spec: { type: 'string' },
        'base-url': { type: 'string' },
        param: { type: 'string', multiple: true, default: [] },
        generated: { type: 'string', default: '3' },
        junit: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
}
const { values } = readFlags();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const pack = allPacks.find((p) => p.id === values.api);
if (!values.api || !values.spec) usage('--api and --spec are required');
if (!pack) usage(`unknown API: ${values.api}`);
const generated = Number(values.generated);
if (!Number.isInteger(generated) || generated < 0 || generated > 100) usage('--generated takes a whole number from 0 to 100');
const badParam = values.param.find((pair) => !pair.includes('=') || pair.startsWith('='));
if (badParam !== undefined) usage(`--param takes NAME=VALUE, got ${badParam}`);
const params = Object.fromEntries(values.param.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
let baseUrl: URL | undefined;
try {
  baseUrl = values['base-url'] === undefined ? undefined : new URL(values['base-url']);
} catch {
  usage(`--base-url is not a URL: ${values['base-url']}`);
}

let document: OpenApiDocument;
try {
  document = loadDocument(values.spec);
} catch (error) {
  if (error instanceof DocumentError || error instanceof RefError || (error as NodeJS.ErrnoException).code !== undefined)
    usage(`cannot read ${values.spec}: ${(error as Error).message}`);
  throw error;
}

const mock = baseUrl ? undefined : await startMockServer({ rateLimits: false, packs: [pack] });
let target: ConformanceTarget;
if (mock) target = inProcessTarget(pack, mock.url(pack.id), mock.admin.journal);
else {
  const remote = await remoteTarget(pack, String(baseUrl));
  target = remote.target;
  if (!remote.ours) console.log(`${baseUrl?.origin} is not one of our mock servers: refusals cannot be explained and count as drift.`);
}
try {
  const report = await runConformance({ pack, document, spec: basename(values.spec), target, params, generated, examples: packExamples(pack.id) });
  console.log(formatConformance(report));
  if (values.junit) writeFileSync(values.junit, conformanceJunit([report]));
  process.exitCode = hasDrift(report) ? 1 : 0;
} finally {
  await mock?.stop();
}
