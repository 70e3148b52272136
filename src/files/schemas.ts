import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../core/json.ts';
import { PROJECT_ROOT } from './root.ts';

/** The project's `schemas/` directory, wherever the process was started from. */
export const SCHEMA_DIR = join(PROJECT_ROOT, 'schemas');

/** Reads every `*.json` schema under `dir` (recursively), sorted by path so load order is stable. */
export function readSchemaFiles(dir: string = SCHEMA_DIR): JsonObject[] {
  const files = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((name) => name.endsWith('.json')).sort();
  return files.map((name) => {
    const schema = JSON.parse(readFileSync(join(dir, name), 'utf8')) as JsonObject;
    if (typeof schema['$id'] !== 'string') throw new Error(`Schema ${name} has no $id`);
    return schema;
  });
}
