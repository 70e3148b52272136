import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allPacks } from '../mocks/index.ts';
import { readSchemaFiles } from '../src/files/schemas.ts';
import { buildOpenApi, openApiText } from '../src/openapi/build.ts';

// Writes openapi/<api>.json for every pack; src/openapi/build.test.ts fails when a committed file is stale.

const dir = fileURLToPath(new URL('../openapi/', import.meta.url));
mkdirSync(dir, { recursive: true });
const schemas = readSchemaFiles();
for (const pack of allPacks) {
  writeFileSync(`${dir}${pack.id}.json`, openApiText(buildOpenApi(pack, schemas)));
  console.log(`wrote openapi/${pack.id}.json`);
}
