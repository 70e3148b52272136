import { HEADER_CATALOGUE, isCatalogued } from '../core/header-catalogue.ts';
import type { SchemaIssue, SchemaRegistry } from '../validation/registry.ts';
import { declaredHeaders } from './declared-headers.ts';
import type { ApiPack, Operation, Reply } from './pack.ts';

/** A response the mock was about to send that breaks its own contract: always a bug in a pack or the engine. */
export interface ResponseViolation {
  readonly kind: 'schema' | 'header' | 'undocumentedStatus' | 'unexpectedBody' | 'exception';
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
  const header = headerProblem(pack, operation, reply);
  if (header) return { ...base, kind: 'header', detail: header };
  if (schemaId === null) {
    return reply.body === undefined ? undefined : { ...base, kind: 'unexpectedBody', detail: `status ${reply.status} is declared without a body` };
  }
  const action = operation?.action;
  const itemsKey = reply.status < 400 && action?.kind === 'list' ? action.pagination.description.items : undefined;
  const issues = registry.checkOwn(schemaId, reply.body ?? null, itemsKey);
  if (issues.length === 0) return undefined;
  const detail = issues.map((issue) => `${issue.pointer || '/'} ${issue.message}`).join('; ');
  return { ...base, kind: 'schema', detail: `${schemaId}: ${detail}`, issues };
}

/**
 * Holds a reply to its declared headers (declared-headers.ts): each one declared as always sent is there and well
 * formed; a success carries no catalogued header its declaration leaves out. Errors share the envelope's undeclared
 * `default` response, so only their declared headers are checked.
 */
function headerProblem(pack: ApiPack, operation: Operation | undefined, reply: Reply): string | undefined {
  const declared = declaredHeaders(pack, operation, reply.status);
  const sent = reply.headers ?? {};
  for (const use of declared) {
    const value = sent[use.name];
    const definition = HEADER_CATALOGUE[use.name];
    if (value === undefined) {
      if (use.required) return `${definition.name} is declared for status ${reply.status} but missing`;
    } else if ('pattern' in definition.schema && !patternOf(definition.schema.pattern).test(value)) {
      return `${definition.name} ${JSON.stringify(value)} does not match ${definition.schema.pattern}`;
    }
  }
  if (reply.status >= 400) return undefined;
  const undeclared = Object.keys(sent).filter((name) => isCatalogued(name) && !declared.some((use) => use.name === name));
  return undeclared.length > 0 ? `status ${reply.status} carries ${undeclared.join(', ')}, which its operation does not declare` : undefined;
}

const patterns = new Map<string, RegExp>();
const patternOf = (source: string): RegExp => {
  let compiled = patterns.get(source);
  if (!compiled) {
    compiled = new RegExp(source);
    patterns.set(source, compiled);
  }
  return compiled;
};
