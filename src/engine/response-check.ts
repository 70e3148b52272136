import type { ApiPack, Operation, Reply } from './pack.ts';
import type { SchemaIssue, SchemaRegistry } from '../validation/registry.ts';

/** A response the mock was about to send that breaks its own contract: always a bug in a pack or the engine. */
export interface ResponseViolation {
  readonly kind: 'schema' | 'undocumentedStatus' | 'unexpectedBody' | 'exception';
  readonly api: string;
  readonly operation: string | undefined;
  readonly status: number;
  readonly detail: string;
  readonly issues?: readonly SchemaIssue[];
}

export function checkResponse(registry: SchemaRegistry, pack: ApiPack, operation: Operation | undefined, reply: Reply): ResponseViolation | undefined {
  const base = { api: pack.id, operation: operation?.id, status: reply.status };
  const schemaId = reply.status >= 400 ? pack.errors.schema : operation?.responses[reply.status];
  if (schemaId === undefined) return { ...base, kind: 'undocumentedStatus', detail: `status ${reply.status} is not declared` };
  if (schemaId === null) {
    return reply.body === undefined ? undefined : { ...base, kind: 'unexpectedBody', detail: `status ${reply.status} is declared without a body` };
  }
  const action = operation?.action;
  const itemsKey = reply.status < 400 && action?.kind === 'list' ? action.pagination.itemsKey : undefined;
  const issues = registry.checkOwn(schemaId, reply.body ?? null, itemsKey);
  if (issues.length === 0) return undefined;
  const detail = issues.map((issue) => `${issue.pointer || '/'} ${issue.message}`).join('; ');
  return { ...base, kind: 'schema', detail: `${schemaId}: ${detail}`, issues };
}
