import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { allPacks } from '../mocks/index.ts';
import { openApiDocument } from '../src/assemble.ts';
import { readSchemaFiles } from '../src/files/schemas.ts';
import { startMockServer } from '../src/harness/mock-server.ts';
import { formatReport, junitXml, counts } from '../src/contract/report.ts';
import { runContracts } from '../src/contract/run.ts';
import type { ContractTarget } from '../src/contract/types.ts';
import { createSchemaRegistry } from '../src/validation/registry.ts';
import { allSuites } from './suites.ts';

// `npm run contract` runs every contract suite against a fresh mock; `-- --base-url URL --api ID` runs one API's
// suites against any server (suites that write only with --allow-writes). Exit code 1 when a check fails.

const USAGE = `Usage: npm run contract -- [options]
  --base-url URL        the API's base URL (e.g. http://127.0.0.1:4010/8x8 or the vendor's); env CONTRACT_BASE_URL
  --api ID[,ID]         which APIs (required with --base-url: one)
  --suite NAME          only the suites with this name (repeatable)
  --allow-writes        also run suites that create or change data on an external target
  --seeded              the external target serves the mock's own seed (npm start, same --seed): also run the suites that rely on it
  --param NAME=VALUE    a value a suite needs from the target (accountId, tenant, token...); repeatable
  --undocumented MODE   fail (default) or report: list response fields the schemas do not document instead of failing
  --junit FILE          also write JUnit XML
  --pact FILE           verify a Pact file (v2-v4) against the schemas and the stateful mock (repeatable)
  --states FILE         with --pact: a JSON map of your provider-state names onto the declared ones`;

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    api: { type: 'string' },
    'allow-writes': { type: 'boolean', default: false },
    seeded: { type: 'boolean', default: false },
    suite: { type: 'string', multiple: true, default: [] },
    param: { type: 'string', multiple: true, default: [] },
    undocumented: { type: 'string', default: 'fail' },
    junit: { type: 'string' },
    pact: { type: 'string', multiple: true, default: [] },
    states: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const baseUrl = values['base-url'] ?? process.env['CONTRACT_BASE_URL'];
const apis =
  values.api
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean) ?? allPacks.map((pack) => pack.id);
const unknown = apis.filter((id) => !allPacks.some((pack) => pack.id === id));
if (unknown.length > 0 || (baseUrl && apis.length !== 1) || (values.undocumented !== 'fail' && values.undocumented !== 'report')) {
  console.error(
    `${unknown.length ? `unknown API: ${unknown.join(', ')}\n` : ''}${baseUrl && apis.length !== 1 ? 'with --base-url name exactly one --api\n' : ''}${USAGE}`,
  );
  process.exit(2);
}
for (const id of apis.filter((api) => !allSuites.some((suite) => suite.api === api))) console.log(`no contract suites for ${id} (mocks/${id}/testing.ts)`);
const params = Object.fromEntries(values.param.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));

if (values.pact.length > 0) {
  const { runPactCommand } = await import('../src/pact/command.ts').catch((error: unknown) => {
    // An installed package has Pact's libraries only when its user added them (optional peers): say so.
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    console.error(
      `--pact needs Pact's verifier and PactFlow's comparator: npm install --save-dev @pact-foundation/pact-core @pactflow/openapi-pact-comparator\n(${(error as Error).message})`,
    );
    return process.exit(2);
  });
  const { formatPactReport, pactFailed, pactJunit } = await import('../src/pact/report.ts');
  const packs = allPacks.filter((pack) => apis.includes(pack.id));
  const server = baseUrl ? undefined : await startMockServer({ rateLimits: false, packs });
  const verdicts = await runPactCommand({
    files: values.pact,
    packs,
    origin: server?.origin ?? new URL(baseUrl ?? '').origin,
    baseUrl: (api) => server?.url(api) ?? baseUrl ?? '',
    statesFile: values.states,
    // The document the server serves at /{api}/openapi.json (openapi/*.json is the same, written out): built, not
    // read from a path beside this module, which in the package's lib/ is another folder.
    openApi: (api) => {
      const pack = packs.find((candidate) => candidate.id === api);
      if (!pack) throw new Error(`no API ${api}`);
      return openApiDocument(pack);
    },
  });
  await server?.stop();
  console.log(formatPactReport(verdicts));
  if (values.junit) writeFileSync(values.junit, pactJunit(verdicts));
  process.exit(pactFailed(verdicts) ? 1 : 0);
}
const mock = baseUrl ? undefined : await startMockServer({ rateLimits: false, packs: allPacks.filter((pack) => apis.includes(pack.id)) });
const target: ContractTarget = baseUrl ? { baseUrl: () => baseUrl, external: true } : { baseUrl: (api) => mock?.url(api) ?? '', external: false };
const report = await runContracts({
  suites: allSuites.filter((suite) => apis.includes(suite.api) && (values.suite.length === 0 || values.suite.includes(suite.name))),
  packs: allPacks,
  registry: createSchemaRegistry(readSchemaFiles(), { allErrors: true }),
  target,
  allowWrites: values['allow-writes'],
  seeded: values.seeded,
  undocumented: values.undocumented === 'report' ? 'report' : 'fail',
  params,
  pace: Boolean(baseUrl),
});
await mock?.stop();
console.log(formatReport(report));
if (values.junit) writeFileSync(values.junit, junitXml(report));
process.exit(counts(report).failed > 0 ? 1 : 0);
