import { isJsonObject, type Json } from '../core/json.ts';
import { mockError, type ErrorKind, type MockError } from '../core/errors.ts';
import { reshape } from '../validation/shape.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import type { Operation, Reply } from './pack.ts';

/**
 * The client-robustness profile: instead of typical data the mock answers with schema-valid edge cases, so a
 * client's own test suite shows whether it copes. Variants rotate per client and operation, or one is asked for
 * by name (`X-Mock-Edge: empty-page`).
 */
const ERROR_KINDS: readonly ErrorKind[] = ['invalidRequest', 'unauthenticated', 'notFound', 'conflict', 'internal'];

/** The edge cases that make sense for an operation, in rotation order. */
export function edgeVariants(operation: Operation): string[] {
  const list = operation.action.kind === 'list';
  const withBody = Object.entries(operation.responses).some(([status, schema]) => Number(status) < 300 && schema !== null);
  const writes = operation.action.kind !== 'list' && operation.action.kind !== 'get';
  return [
    ...(list ? ['empty-page', 'max-page', 'last-page'] : []),
    ...(withBody ? ['sparse', 'nulls'] : []),
    'rate-limited',
    ...ERROR_KINDS.filter((kind) => kind !== 'conflict' || writes).map((kind) => `error:${kind}`),
  ];
}

/** A variant that answers without running the operation: a documented error, or the rate limit. */
export function edgeError(variant: string): MockError | undefined {
  if (variant === 'rate-limited') return mockError('rateLimited', 'Too many requests (edge-case profile).', { headers: { 'retry-after': '1' } });
  if (!variant.startsWith('error:')) return undefined;
  const kind = variant.slice('error:'.length) as ErrorKind;
  return ERROR_KINDS.includes(kind) ? mockError(kind, `Simulated ${kind} error (edge-case profile).`) : undefined;
}

/** Rewrites a successful reply into the variant; the result is still checked against the schema before it leaves. */
export function edgeReply(variant: string, operation: Operation, reply: Reply, registry: SchemaRegistry): Reply {
  if (reply.status >= 300 || reply.body === undefined) return reply;
  const schemaId = operation.responses[reply.status];
  if (variant === 'sparse' || variant === 'nulls') {
    return schemaId ? { ...reply, body: reshape(registry, schemaId, reply.body, variant) } : reply;
  }
  if (operation.action.kind !== 'list') return reply;
  const dialect = operation.action.pagination;
  if (variant === 'last-page') return { ...reply, body: dialect.lastPage(reply.body) };
  if (variant === 'empty-page') return { ...reply, body: dialect.lastPage(emptied(reply.body, dialect.itemsKey)) };
  return reply;
}

function emptied(body: Json, itemsKey: string | null): Json {
  if (itemsKey === null) return Array.isArray(body) ? [] : body;
  return isJsonObject(body) ? { ...body, [itemsKey]: [] } : body;
}

/** The largest page size the operation's query schema allows (or its dialect clamps to), for the max-page variant. */
export function maxPageSize(operation: Operation, registry: SchemaRegistry): { param: string; size: number } | undefined {
  if (operation.action.kind !== 'list' || !operation.request?.query) return undefined;
  const param = operation.action.pagination.limitParam;
  const properties = registry.schema(operation.request.query)?.['properties'];
  const limit = isJsonObject(properties) ? properties[param] : undefined;
  let maximum = isJsonObject(limit) ? limit['maximum'] : undefined;
  if (maximum === undefined && isJsonObject(limit) && typeof limit['$ref'] === 'string') {
    const target = registry.schema(new URL(limit['$ref'], operation.request.query).toString());
    maximum = target?.['maximum'];
  }
  if (typeof maximum === 'number') return { param, size: maximum };
  // A dialect that clamps any integer limit (the vendor bounds none) says its own largest page.
  const clamped = operation.action.pagination.maxLimit;
  return clamped === undefined ? undefined : { param, size: clamped };
}
