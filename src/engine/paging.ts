import { isJsonObject } from '../core/json.ts';
import type { PagingDescription } from '../pagination/dialect.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import type { Operation } from './pack.ts';

/**
 * A list's paging as clients are told it (the console, the edge profile): its dialect's description, with the largest
 * page filled in from the query schema where the schema bounds the page size and the dialect does not.
 */
export function pagingOf(operation: Operation, registry: SchemaRegistry): PagingDescription | undefined {
  if (operation.action.kind !== 'list') return undefined;
  const description = operation.action.pagination.description;
  const largest = maxPageSize(operation, registry);
  return largest ? { ...description, pageSize: { ...description.pageSize, max: largest.size } } : description;
}

/**
 * The largest page size a list allows, for the max-page variant: its query schema's maximum for the page-size
 * parameter, or, where the schema bounds none, the largest page its dialect holds a request to.
 */
export function maxPageSize(operation: Operation, registry: SchemaRegistry): { param: string; size: number } | undefined {
  if (operation.action.kind !== 'list') return undefined;
  const { param, max } = operation.action.pagination.description.pageSize;
  const maximum = operation.request?.query ? schemaMaximum(registry, operation.request.query, param) : undefined;
  const size = maximum ?? max;
  return size === undefined ? undefined : { param, size };
}

/** A query parameter's `maximum`, read through one `$ref`. */
function schemaMaximum(registry: SchemaRegistry, querySchemaId: string, param: string): number | undefined {
  const properties = registry.schema(querySchemaId)?.['properties'];
  const limit = isJsonObject(properties) ? properties[param] : undefined;
  let maximum = isJsonObject(limit) ? limit['maximum'] : undefined;
  if (maximum === undefined && isJsonObject(limit) && typeof limit['$ref'] === 'string') {
    maximum = registry.schema(new URL(limit['$ref'], querySchemaId).toString())?.['maximum'];
  }
  return typeof maximum === 'number' ? maximum : undefined;
}
