import { readFileSync } from 'node:fs';
import { allPacks } from '../mocks/index.ts';
import { isJsonObject, type Json } from '../src/core/json.ts';
import { checkerRules } from '../src/lifecycle/progress.ts';
import { checkLifecycle } from '../src/state/lifecycle-check.ts';

// `npm run lifecycle -- <api> <file.json>`: checks a JSON array of one run's successive representations (as a client
// logged them, or as a real server answered) against that API's lifecycle. Exit code 1 when anything is off.

const [api, file] = process.argv.slice(2);
const pack = allPacks.find((p) => p.id === api);
if (!pack?.lifecycle || !file) {
  console.error(
    `Usage: npm run lifecycle -- <${allPacks
      .filter((p) => p.lifecycle)
      .map((p) => p.id)
      .join('|')}> <observations.json>`,
  );
  process.exit(2);
}
const parsed = JSON.parse(readFileSync(file, 'utf8')) as Json;
const observations = (Array.isArray(parsed) ? parsed : []).filter(isJsonObject);
const findings = checkLifecycle(checkerRules(pack.lifecycle), observations);
for (const finding of findings) console.log(`#${finding.index} ${finding.kind}: ${finding.message}`);
console.log(`lifecycle: ${observations.length} observations, ${findings.length} finding${findings.length === 1 ? '' : 's'}`);
process.exit(findings.length > 0 ? 1 : 0);
