import type { PackNames } from './names.ts';
import { packFiles } from './pack-files.ts';
import { fixtureFiles, schemaFiles, type SkeletonFile } from './schema-files.ts';
import { testFiles } from './test-files.ts';

export type { SkeletonFile } from './schema-files.ts';

/** Every file of a new pack's skeleton, in the checklist's order (docs/architecture.md, "Adding an API pack"). */
export function skeletonFiles(names: PackNames): SkeletonFile[] {
  return [...schemaFiles(names), ...fixtureFiles(names), ...packFiles(names), ...testFiles(names)];
}

/** What registers the pack: an import and an entry in `allPacks` (mocks/index.ts). */
export function registryLines(names: PackNames): { readonly importLine: string; readonly entry: string } {
  return { importLine: `import { pack${names.pascal} } from './${names.id}/index.ts';`, entry: `pack${names.pascal}` };
}

/** The generators a new or changed pack needs, in order: OpenAPI documents, client types, typed input, API pages. */
export const GENERATORS = 'npm run openapi && npm run clients && npm run inputs && npm run docs';
