import { expect } from 'vitest';
import { readSchemaFiles } from '../../src/files/schemas.ts';
import { createSchemaRegistry } from '../../src/validation/registry.ts';

// Checks bodies against `schemas/` independently of the server under test, reporting every issue.

const registry = createSchemaRegistry(readSchemaFiles(), { allErrors: true });

export function schemaIssues(schemaId: string, body: unknown): string[] {
  return registry.check(schemaId, body).map((issue) => `${issue.pointer || '/'} ${issue.message} (${issue.schemaPath})`);
}

export function expectSchema(schemaId: string, body: unknown): void {
  expect(schemaIssues(schemaId, body), `response breaks ${schemaId}`).toEqual([]);
}
