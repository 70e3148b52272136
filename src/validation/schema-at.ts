import type { JsonObject } from '../core/json.ts';

// Reading a schema by id without compiling it (ajv's getSchema compiles what it returns, and compiling every schema a
// pack names costs the server a quarter of its start-up).

/**
 * `base#/json/pointer` (or `base`) among the added documents, as ajv's getSchema resolves it: a schema whose only
 * validating keyword (`isRule`) is `$ref` stands for what it refers to. Undefined for anything else (anchors, unknown
 * ids), which the caller leaves to ajv.
 */
export function schemaAt(documents: ReadonlyMap<string, JsonObject>, id: string, isRule: (keyword: string) => boolean, hops = 0): JsonObject | undefined {
  const hash = id.indexOf('#');
  const base = hash < 0 ? id : id.slice(0, hash);
  const document = documents.get(base);
  const pointer = hash < 0 ? '' : id.slice(hash + 1);
  if (!document || (pointer !== '' && !pointer.startsWith('/'))) return undefined;
  let node: unknown = document;
  for (const token of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
    node = Array.isArray(node)
      ? node[Number(key)]
      : typeof node === 'object' && node !== null && Object.hasOwn(node, key)
        ? (node as Record<string, unknown>)[key]
        : undefined;
    if (node === undefined) return undefined;
  }
  const schema = asRecord(node);
  const ref = schema?.['$ref'];
  if (typeof ref !== 'string' || Object.keys(schema ?? {}).some((key) => key !== '$ref' && isRule(key))) return schema as JsonObject | undefined;
  const target = new URL(ref, base).href.replace(/#$/, '');
  // ajv keeps a reference to its own document's root (`{"$ref": "#"}`, a recursive schema) as it is.
  if (target === base) return schema as JsonObject;
  return hops < 20 ? schemaAt(documents, target, isRule, hops + 1) : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
