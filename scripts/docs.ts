import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allPacks } from '../mocks/index.ts';
import { schemaRegistry } from '../src/assemble.ts';
import { apiDoc } from '../src/docs/api-doc.ts';

// Writes docs/apis/<api>.md for every pack; src/docs/api-doc.test.ts fails when a committed page is stale.

const dir = fileURLToPath(new URL('../docs/apis/', import.meta.url));
mkdirSync(dir, { recursive: true });
const registry = schemaRegistry();
for (const pack of allPacks) {
  writeFileSync(`${dir}${pack.id}.md`, apiDoc(pack, registry));
  console.log(`wrote docs/apis/${pack.id}.md`);
}
