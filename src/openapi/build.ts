import { STATUS_CODES } from 'node:http';
import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import { HEADER_CATALOGUE, type HeaderUse } from '../core/header-catalogue.ts';
import { declaredHeaders } from '../engine/declared-headers.ts';
import type { ApiPack, AuthRule, MediaKind, Operation } from '../engine/pack.ts';
import { bundleSchemas, type SchemaBundle } from './bundle.ts';

// The OpenAPI 3.1 description of one pack, derived from its declarations and its schema folder alone, so the
// exported document says exactly what the mock enforces (`npm run openapi` writes it to `openapi/<api>.json`).

const MEDIA_TYPE: Record<MediaKind, string> = { json: 'application/json', xml: 'application/xml' };

type ParameterLocation = 'path' | 'query' | 'header';

const RESPONSES = '#/components/responses/';
const METHOD_NOT_ALLOWED = 'MethodNotAllowed';
const TOO_MANY_REQUESTS = 'TooManyRequests';

export function buildOpenApi(pack: ApiPack, schemas: readonly JsonObject[]): JsonObject {
  const bundle = bundleSchemas(pack.id, schemas);
  const scheme = securityScheme(pack.auth);
  const paths: Record<string, JsonObject> = {};
  // Mock-only operations (the download behind an attachment URL) are not part of the vendor's API: a client follows the
  // links the API hands out and never calls them by path.
  for (const operation of pack.operations.filter((op) => !op.mockOnly)) {
    paths[operation.path] ??= {};
    const item = paths[operation.path] as JsonObject;
    item[operation.method.toLowerCase()] = operationObject(pack, operation, bundle, scheme !== undefined);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: pack.title,
      version: '1.0.0',
      description: `The workflow-mocks contract for ${pack.title}, imitating ${pack.vendorBaseUrl}: what the mock accepts and answers, derived from its schemas and pack declarations.`,
    },
    servers: [
      { url: `/${pack.id}`, description: 'this mock server' },
      { url: pack.vendorBaseUrl, description: 'the real service', ...serverVariables(pack.vendorBaseUrl) },
    ],
    ...(scheme ? { security: [{ [scheme.name]: [] }] } : {}),
    paths,
    components: {
      schemas: bundle.components,
      responses: errorResponses(pack, bundle),
      ...(scheme ? { securitySchemes: { [scheme.name]: scheme.object } } : {}),
    },
  };
}

function operationObject(pack: ApiPack, operation: Operation, bundle: SchemaBundle, secured: boolean): JsonObject {
  const request = operation.request ?? {};
  const parameters = [
    ...(request.params ? parametersOf(bundle, request.params, 'path') : []),
    ...(request.query ? withAliases(parametersOf(bundle, request.query, 'query'), pack.queryAliases ?? {}) : []),
    ...(request.headers ? parametersOf(bundle, request.headers, 'header') : []),
  ];
  const format = pack.media.formatParameter;
  if (format && !parameters.some((p) => p['in'] === 'query' && p['name'] === format)) {
    parameters.push({
      name: format,
      in: 'query',
      required: false,
      description: 'Picks the response format, over the Accept header.',
      schema: { type: 'string', enum: [...pack.media.produces] },
    });
  }
  const responses: JsonObject = {};
  for (const [status, id] of Object.entries(operation.responses)) {
    const description = STATUS_CODES[Number(status)] ?? `HTTP ${status}`;
    const headers = headersOf(declaredHeaders(pack, operation, Number(status)));
    responses[status] =
      id === null ? { description: `${description}, no body`, ...headers } : { description, ...headers, content: produced(pack, bundle.use(id)) };
  }
  // Engine answers with headers of their own: a path's other methods (every operation's path lacks some), a rate limit.
  responses['405'] ??= { $ref: `${RESPONSES}${METHOD_NOT_ALLOWED}` };
  if (pack.rateLimit) responses['429'] ??= { $ref: `${RESPONSES}${TOO_MANY_REQUESTS}` };
  responses['default'] = { description: "An error, in the vendor's error body.", content: produced(pack, bundle.use(pack.errors.schema)) };
  const paging = operation.action.kind === 'list' ? operation.action.pagination.description : undefined;
  return {
    operationId: operation.id,
    summary: operation.summary,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(request.body ? { requestBody: requestBody(pack, operation, bundle, request.body) } : {}),
    responses,
    // How a client pages through the list, as the dialect describes itself (src/pagination/dialect.ts).
    ...(paging ? { 'x-pagination': structuredClone(paging) as unknown as JsonObject } : {}),
    // Public operations (login) are the ones that work before any credential exists.
    ...(operation.public && secured ? { security: [] } : {}),
  };
}

const produced = (pack: ApiPack, schema: JsonObject): JsonObject => Object.fromEntries(pack.media.produces.map((kind) => [MEDIA_TYPE[kind], { schema }]));

/** A response's `headers` member for the catalogued headers it carries (none: no member). */
function headersOf(uses: readonly HeaderUse[]): JsonObject {
  if (uses.length === 0) return {};
  const headers: JsonObject = {};
  for (const use of uses) {
    const { name, description, schema } = HEADER_CATALOGUE[use.name];
    headers[name] = { description, required: use.required, schema: structuredClone(schema) as JsonObject };
  }
  return { headers };
}

/** The errors the engine answers with headers of their own, declared once and referred to by every operation. */
function errorResponses(pack: ApiPack, bundle: SchemaBundle): JsonObject {
  const content = produced(pack, bundle.use(pack.errors.schema));
  return {
    [METHOD_NOT_ALLOWED]: {
      description: 'Method Not Allowed: the path exists, but not with the method sent.',
      ...headersOf(declaredHeaders(pack, undefined, 405)),
      content,
    },
    ...(pack.rateLimit
      ? {
          [TOO_MANY_REQUESTS]: {
            description: `Too Many Requests: over the API's rate limit (${pack.rateLimit.perSecond} requests per second by default).`,
            ...headersOf(declaredHeaders(pack, undefined, 429)),
            content,
          },
        }
      : {}),
  };
}

/** One parameter per property of a parameter-object schema, each with that property's schema. */
function parametersOf(bundle: SchemaBundle, schemaId: string, where: ParameterLocation): JsonObject[] {
  const schema = bundle.resolve(schemaId);
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  const properties = isJsonObject(schema['properties']) ? schema['properties'] : {};
  return Object.entries(properties).map(([name, property]) => {
    const description = isJsonObject(property) ? property['description'] : undefined;
    return {
      name,
      in: where,
      required: where === 'path' || required.includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: property,
    };
  });
}

/** Each alias the pack maps to a declared query parameter becomes one more optional parameter beside it. */
function withAliases(query: readonly JsonObject[], aliases: Readonly<Record<string, string>>): JsonObject[] {
  return query.flatMap((parameter) => {
    const canonical = String(parameter['name']);
    const spellings = Object.entries(aliases)
      .filter(([, name]) => name === canonical)
      .map(([alias]) => ({
        name: alias,
        in: 'query',
        required: false,
        description: alias.includes('[')
          ? `The deepObject spelling of \`${canonical}\`; \`${canonical}\` wins when both are sent.`
          : `Another spelling of \`${canonical}\`; \`${canonical}\` wins when both are sent.`,
        schema: parameter['schema'] ?? {},
      }));
    return [parameter, ...spellings];
  });
}

function requestBody(pack: ApiPack, operation: Operation, bundle: SchemaBundle, schemaId: string): JsonObject {
  if (operation.accepts?.includes('multipart')) {
    return { required: !acceptsNull(bundle.resolve(schemaId)), content: { 'multipart/form-data': { schema: formSchema(bundle, schemaId) } } };
  }
  const types = pack.media.contentTypes ?? pack.media.accepts.map((kind) => MEDIA_TYPE[kind]);
  const schema = bundle.use(schemaId);
  return {
    // The engine checks a missing body as null: the body is optional only when its schema lets null through.
    required: !acceptsNull(bundle.resolve(schemaId)),
    content: Object.fromEntries(types.map((type) => [type, { schema }])),
  };
}

/**
 * A multipart body as a form: the engine reads each file part into `{filename, contentType, size, content}` (content
 * base64) for its schemas, but on the wire that part is the file's bytes, which OpenAPI writes as a binary string.
 */
function formSchema(bundle: SchemaBundle, schemaId: string): JsonObject {
  const schema = bundle.resolve(schemaId);
  const properties = isJsonObject(schema['properties']) ? schema['properties'] : {};
  const form = Object.fromEntries(
    Object.entries(properties).map(([name, property]): [string, Json] => {
      const ref = isJsonObject(property) ? property['$ref'] : undefined;
      const resolved = typeof ref === 'string' ? bundle.components[ref.split('/').at(-1) ?? ''] : property;
      const content = isJsonObject(resolved) && isJsonObject(resolved['properties']) ? resolved['properties']['content'] : undefined;
      const isFile = isJsonObject(content) && content['contentEncoding'] === 'base64';
      return [name, isFile ? { type: 'string', format: 'binary', description: "A file: the part's bytes, with its filename and Content-Type." } : property];
    }),
  );
  return { type: 'object', ...(Array.isArray(schema['required']) ? { required: schema['required'] } : {}), properties: form };
}

/** Conservative: a schema with no type and nothing else constraining it (8x8's "any JSON payload") takes null. */
function acceptsNull(schema: JsonObject): boolean {
  const type: Json | undefined = schema['type'];
  if (type === undefined) return !('$ref' in schema || 'allOf' in schema || 'anyOf' in schema || 'oneOf' in schema || 'const' in schema || 'enum' in schema);
  return type === 'null' || (Array.isArray(type) && type.includes('null'));
}

function securityScheme(auth: AuthRule): { name: string; object: JsonObject } | undefined {
  switch (auth.kind) {
    case 'authorization':
      return { name: 'bearerAuth', object: { type: 'http', scheme: 'bearer', description: auth.message } };
    case 'session': {
      // The first cookie is the one login sets; the others are spellings the mock also reads.
      const [cookie] = auth.cookies;
      if (cookie === undefined) throw new Error('A session auth rule names no cookie');
      return {
        name: 'sessionCookie',
        object: { type: 'apiKey', in: 'cookie', name: cookie, description: `The session cookie that login sets; without it: "${auth.message}".` },
      };
    }
    case 'none':
      return undefined;
  }
}

/** `https://{tenant}.nonemployee.com`: OpenAPI wants each `{name}` of a server URL declared with a default. */
function serverVariables(url: string): JsonObject {
  const names = [...url.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] ?? '');
  if (names.length === 0) return {};
  return { variables: Object.fromEntries(names.map((name) => [name, { default: name, description: `Your ${name} in the vendor's host name.` }])) };
}

/** The exact text `npm run openapi` writes, so the drift test compares like with like. */
export const openApiText = (document: JsonObject): string => `${JSON.stringify(document, null, 2)}\n`;
