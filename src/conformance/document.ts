import { parse as parseYaml } from 'yaml';
import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import { followObject, followRef } from './refs.ts';

// A vendor's OpenAPI 3.0 or 3.1 document read into the operations the conformance check needs: method, full path
// (the first server's path prepended), parameters (path-level merged with operation-level), request body and
// responses, with every Reference Object outside schemas resolved. Schemas stay as the document wrote them (with
// their `$ref`s); `schemas.ts` converts them.

export type OpenApiVersion = '3.0' | '3.1';
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface NamedExample {
  /** `example`, or the key in `examples`. */
  readonly name: string;
  readonly value: Json;
}

export interface DocMedia {
  readonly schema?: JsonObject;
  /** `example`, then every `examples` entry's value (component examples followed). */
  readonly examples: readonly NamedExample[];
}

export interface DocParameter {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required: boolean;
  readonly schema?: JsonObject;
  /** The parameter's `example`/`examples`; without them, its schema's `example`. */
  readonly examples: readonly Json[];
  readonly style?: string;
  readonly explode?: boolean;
}

export interface DocRequestBody {
  readonly required: boolean;
  readonly content: Readonly<Record<string, DocMedia>>;
}

export interface DocResponse {
  readonly content: Readonly<Record<string, DocMedia>>;
}

export interface DocOperation {
  readonly method: string;
  /** The path as the document writes it. */
  readonly path: string;
  /** The server's base path plus the path: what follows the API's base URL on our server. */
  readonly fullPath: string;
  readonly operationId?: string;
  readonly parameters: readonly DocParameter[];
  readonly requestBody?: DocRequestBody;
  /** By status code as written: `200`, `4XX`, `default`. */
  readonly responses: Readonly<Record<string, DocResponse>>;
}

export interface OpenApiDocument {
  readonly version: OpenApiVersion;
  readonly root: JsonObject;
  /** The first server URL's path, without a trailing slash (`/api`), or ''. */
  readonly basePath: string;
  readonly operations: readonly DocOperation[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export class DocumentError extends Error {}

/** JSON or YAML text (YAML is tried when the text is not JSON). */
export function parseDocumentText(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    try {
      return parseYaml(text) as Json;
    } catch (error) {
      throw new DocumentError(`neither JSON nor YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export function readDocument(root: Json): OpenApiDocument {
  if (!isJsonObject(root)) throw new DocumentError('the document is not an object');
  const declared = typeof root['openapi'] === 'string' ? root['openapi'] : '';
  const version: OpenApiVersion | undefined = declared.startsWith('3.0') ? '3.0' : declared.startsWith('3.1') ? '3.1' : undefined;
  if (!version) throw new DocumentError(`not an OpenAPI 3.0 or 3.1 document (openapi: ${JSON.stringify(root['openapi'] ?? null)})`);
  const basePath = serverBasePath(root['servers']);
  const operations: DocOperation[] = [];
  const paths = isJsonObject(root['paths']) ? root['paths'] : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = followObject(root, rawItem);
    if (!item) continue;
    const shared = parameterList(root, item['parameters']);
    for (const method of METHODS) {
      const operation = followObject(root, item[method]);
      if (!operation) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        fullPath: `${basePath}${path}`,
        ...(typeof operation['operationId'] === 'string' ? { operationId: operation['operationId'] } : {}),
        parameters: mergeParameters(shared, parameterList(root, operation['parameters'])),
        ...requestBodyOf(root, operation['requestBody']),
        responses: responsesOf(root, operation['responses']),
      });
    }
  }
  return { version, root, basePath, operations };
}

/** The path of the first server URL, server variables replaced by their defaults: `https://{t}.x.com/api` -> `/api`. */
export function serverBasePath(servers: Json | undefined): string {
  const first = Array.isArray(servers) ? servers[0] : undefined;
  if (!isJsonObject(first) || typeof first['url'] !== 'string') return '';
  const variables = isJsonObject(first['variables']) ? first['variables'] : {};
  const url = first['url'].replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const variable = variables[name];
    return isJsonObject(variable) && typeof variable['default'] === 'string' ? variable['default'] : 'x';
  });
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '') : url;
  return path.replace(/[?#].*$/, '').replace(/\/+$/, '');
}

/** Operation-level parameters win over path-level ones with the same name and location. */
export function mergeParameters(shared: readonly DocParameter[], own: readonly DocParameter[]): DocParameter[] {
  const key = (p: DocParameter) => `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
  const ownKeys = new Set(own.map(key));
  return [...shared.filter((p) => !ownKeys.has(key(p))), ...own];
}

function parameterList(root: JsonObject, raw: Json | undefined): DocParameter[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const p = followObject(root, entry);
    if (!p || typeof p['name'] !== 'string' || !isLocation(p['in'])) return [];
    // A parameter described by `content` instead of `schema` (JSON in a query string): its media type's schema.
    const media = isJsonObject(p['content']) ? mediaOf(root, Object.values(p['content'])[0]) : undefined;
    const schema = isJsonObject(p['schema']) ? p['schema'] : media?.schema;
    const own = [
      ...(p['example'] !== undefined ? [p['example']] : []),
      ...exampleValues(root, p['examples']).map((e) => e.value),
      ...(media?.examples ?? []).map((e) => e.value),
    ];
    const fromSchema = own.length === 0 ? schemaExample(root, schema) : [];
    return [
      {
        name: p['name'],
        in: p['in'],
        required: p['in'] === 'path' || p['required'] === true,
        ...(schema ? { schema } : {}),
        examples: [...own, ...fromSchema],
        ...(typeof p['style'] === 'string' ? { style: p['style'] } : {}),
        ...(typeof p['explode'] === 'boolean' ? { explode: p['explode'] } : {}),
      },
    ];
  });
}

function isLocation(value: Json | undefined): value is ParameterLocation {
  return value === 'path' || value === 'query' || value === 'header' || value === 'cookie';
}

function schemaExample(root: JsonObject, schema: JsonObject | undefined): Json[] {
  const target = schema ? followObject(root, schema) : undefined;
  if (!target) return [];
  if (target['example'] !== undefined) return [target['example']];
  return Array.isArray(target['examples']) && target['examples'].length > 0 ? [target['examples'][0] as Json] : [];
}

/** The values of an `examples` map (Example Objects, possibly `$ref`s to component examples); `externalValue`s are skipped. */
function exampleValues(root: JsonObject, raw: Json | undefined): NamedExample[] {
  if (!isJsonObject(raw)) return [];
  return Object.entries(raw).flatMap(([name, entry]) => {
    const example = followObject(root, entry);
    return example && example['value'] !== undefined ? [{ name, value: example['value'] }] : [];
  });
}

function mediaOf(root: JsonObject, raw: Json | undefined): DocMedia | undefined {
  const media = followObject(root, raw);
  if (!media) return undefined;
  return {
    ...(isJsonObject(media['schema']) ? { schema: media['schema'] } : {}),
    examples: [...(media['example'] !== undefined ? [{ name: 'example', value: media['example'] }] : []), ...exampleValues(root, media['examples'])],
  };
}

function contentOf(root: JsonObject, raw: Json | undefined): Record<string, DocMedia> {
  const content: Record<string, DocMedia> = {};
  if (!isJsonObject(raw)) return content;
  for (const [type, entry] of Object.entries(raw)) {
    const media = mediaOf(root, entry);
    if (media) content[type] = media;
  }
  return content;
}

function requestBodyOf(root: JsonObject, raw: Json | undefined): { requestBody?: DocRequestBody } {
  const body = followObject(root, raw);
  if (!body) return {};
  return { requestBody: { required: body['required'] === true, content: contentOf(root, body['content']) } };
}

function responsesOf(root: JsonObject, raw: Json | undefined): Record<string, DocResponse> {
  const responses: Record<string, DocResponse> = {};
  if (!isJsonObject(raw)) return responses;
  for (const [status, entry] of Object.entries(raw)) {
    const response = followRef(root, entry);
    if (isJsonObject(response)) responses[/^[1-5]xx$/i.test(status) ? status.toUpperCase() : status] = { content: contentOf(root, response['content']) };
  }
  return responses;
}
