import { mockError, type ErrorKind, type MockError } from '../core/errors.ts';
import type { PageReply } from '../pagination/dialect.ts';
import { reshape } from '../validation/shape.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import type { Operation, Reply } from './pack.ts';

export { maxPageSize } from './paging.ts';

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

/**
 * Rewrites a successful reply into the variant; the result is still checked against the schema before it leaves. A
 * page variant asks the list's dialect to rewrite the whole reply, so a last page also loses a `Link` rel="next".
 */
export function edgeReply(variant: string, operation: Operation, reply: Reply, registry: SchemaRegistry): Reply {
  if (reply.status >= 300 || reply.body === undefined) return reply;
  const schemaId = operation.responses[reply.status];
  if (variant === 'sparse' || variant === 'nulls') {
    return schemaId ? { ...reply, body: reshape(registry, schemaId, reply.body, variant) } : reply;
  }
  if (operation.action.kind !== 'list' || (variant !== 'last-page' && variant !== 'empty-page')) return reply;
  const dialect = operation.action.pagination;
  const page: PageReply = { body: reply.body, headers: reply.headers ?? {} };
  const rewritten = variant === 'last-page' ? dialect.lastPage(page) : dialect.emptyPage(page);
  const { headers: _before, ...rest } = reply;
  return { ...rest, body: rewritten.body, ...(Object.keys(rewritten.headers).length > 0 ? { headers: rewritten.headers } : {}) };
}
