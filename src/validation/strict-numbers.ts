import type { Json, JsonObject } from '../core/json.ts';
import type { SchemaIssue } from './registry.ts';

// Parameters arrive as text, and ajv's coercion takes whatever `Number()` takes: `0x10` becomes 16, `1e309` becomes
// Infinity (which then passes `integer`), `99999999999999999999` loses its last digits. The real APIs refuse those
// with a 400, so the mock does too: a number read from text must be a plain decimal that a double holds exactly.

const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function numberIssues(raw: JsonObject, coerced: JsonObject): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const inspect = (text: Json | undefined, value: Json | undefined, pointer: string) => {
    if (typeof value !== 'number' || typeof text !== 'string') return;
    const exact = DECIMAL.test(text) && Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value));
    if (!exact)
      issues.push({
        pointer,
        keyword: 'type',
        message: Number.isInteger(value) || !Number.isFinite(value) ? 'must be integer' : 'must be number',
        schemaPath: '',
        params: {},
        actual: text,
      });
  };
  for (const key of Object.keys(coerced)) {
    const text = raw[key];
    const value = coerced[key];
    if (Array.isArray(value) && Array.isArray(text)) for (const [index, item] of value.entries()) inspect(text[index], item, `/${key}/${index}`);
    else inspect(text, value, `/${key}`);
  }
  return issues;
}
