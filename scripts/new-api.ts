import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { baseUrlProblem, idProblem, packNames, titleProblem } from './new-api/names.ts';
import { GENERATORS, registryLines, skeletonFiles } from './new-api/skeleton.ts';

// `npm run new-api -- <id> [--title "..."] [--base-url https://...]`: writes a new API pack's skeleton (schemas,
// fixtures, the pack, its seed, machine, lifecycle, console view, test declarations and a contract suite) that passes
// the generic tests once it is registered and its files are generated, then prints those two steps. Refuses an id that
// is taken or is not a mount segment, and never overwrites a file. The checklist: docs/architecture.md.

const USAGE = `Usage: npm run new-api -- <id> [--title "Vendor workflow runs"] [--base-url https://api.vendor.example]
  <id>          the mount segment and folder name: lower-case letters and digits, words joined by hyphens`;

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { title: { type: 'string' }, 'base-url': { type: 'string' }, help: { type: 'boolean', default: false } },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [id, ...extra] = positionals;
if (id === undefined || extra.length > 0) refuse(id === undefined ? 'name the new API' : `one id only, not ${positionals.join(' ')}`);
const { allPacks } = await import('../mocks/index.ts');
const mounted = allPacks.map((pack) => pack.id);
const problem =
  idProblem(id, ROOT, mounted) ??
  (values.title === undefined ? undefined : titleProblem(values.title)) ??
  (values['base-url'] === undefined ? undefined : baseUrlProblem(values['base-url']));
if (problem) refuse(problem);

const names = packNames(id, { title: values.title, baseUrl: values['base-url'] });
const files = skeletonFiles(names);
for (const file of files) {
  mkdirSync(dirname(`${ROOT}${file.path}`), { recursive: true });
  // 'wx': never replace a file, even one that appeared since the id was checked.
  writeFileSync(`${ROOT}${file.path}`, file.text, { flag: 'wx' });
}
const registry = registryLines(names);
console.log(`wrote the ${names.id} pack (${names.title}, imitating ${names.vendorBaseUrl}):
${files.map((file) => `  ${file.path}`).join('\n')}

Next:
  1. Register it in mocks/index.ts: add
       ${registry.importLine}
     and ${registry.entry} to allPacks.
  2. Generate its OpenAPI document, client types, typed input and API page:
       ${GENERATORS}
  3. npm test: every cross-pack test now includes ${names.id}.
Then make it the vendor's, step by step: docs/architecture.md, "Adding an API pack".`);

function refuse(why: string): never {
  console.error(`new-api: ${why}\n${USAGE}`);
  process.exit(2);
}
