import { isJsonObject, omitKeys, type Json, type JsonObject } from '../core/json.ts';

// Turns one API's schema files into OpenAPI `components.schemas`: each file's root is a component named from
// the file (`workflow-instance.json` -> `WorkflowInstance`), each `$defs` entry one more (`WorkflowInstanceStatus`).
// Every `$ref` is resolved against its document's `$id` and pointed at the component it names; a pointer deeper
// than a `$defs` entry names no component, so its target is copied in place.

export interface SchemaBundle {
  readonly components: Record<string, JsonObject>;
  /** A schema for use in the document: a `$ref` to the id's component, or an inlined copy of a deeper target. */
  readonly use: (id: string) => JsonObject;
  /** The schema an id points at, with its refs rewritten (to read a parameter schema's properties). */
  readonly resolve: (id: string) => JsonObject;
}

export const SCHEMA_HOST = 'https://workflow-mocks.local/schemas/';
const COMPONENTS = '#/components/schemas/';

/** Keywords whose values are data, not schemas: a `$ref` key inside them is not a reference. */
const VALUE_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);
/** Keywords whose values map names (not keywords) to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

export function bundleSchemas(apiId: string, schemas: readonly JsonObject[]): SchemaBundle {
  const folder = `${SCHEMA_HOST}${apiId}/`;
  const documents = new Map<string, JsonObject>();
  for (const schema of schemas) {
    const id = String(schema['$id']);
    if (id.startsWith(folder)) documents.set(id, schema);
  }

  const componentOf = (target: URL): string | undefined => {
    const file = documentUrl(target);
    if (!file.startsWith(folder)) throw new Error(`${apiId}: $ref ${target.href} leaves ${folder}`);
    const fileName = fileComponent(file.slice(folder.length));
    const pointer = decodeURIComponent(target.hash);
    if (pointer === '' || pointer === '#') return fileName;
    const def = /^#\/\$defs\/([^/]+)$/.exec(pointer)?.[1];
    return def === undefined ? undefined : fileName + pascal(def.replaceAll('~1', '/').replaceAll('~0', '~'));
  };

  const lookup = (target: URL): JsonObject => {
    const document = documents.get(documentUrl(target));
    const found = document && pointerTarget(document, decodeURIComponent(target.hash));
    if (!isJsonObject(found)) throw new Error(`${apiId}: nothing at ${target.href}`);
    return found;
  };

  // `inlining` holds the deep pointers being copied, so a target that contains itself fails instead of looping.
  const rewrite = (schema: Json, base: string, inlining: readonly string[]): Json => {
    if (Array.isArray(schema)) return schema.map((item) => rewrite(item, base, inlining));
    if (!isJsonObject(schema)) return schema;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref') continue;
      const copied =
        VALUE_KEYWORDS.has(key) || key.startsWith('x-') || key === '$comment'
          ? structuredClone(value)
          : SCHEMA_MAPS.has(key) && isJsonObject(value)
            ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, rewrite(sub, base, inlining)]))
            : rewrite(value, base, inlining);
      // defineProperty: a property literally named "__proto__" stays data.
      Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
    }
    const ref = schema['$ref'];
    if (typeof ref !== 'string') return out;
    const target = new URL(ref, base);
    const name = componentOf(target);
    if (name !== undefined) return { $ref: COMPONENTS + name, ...out };
    if (inlining.includes(target.href)) throw new Error(`${apiId}: $ref ${target.href} contains itself`);
    const inlined = rewrite(lookup(target), documentUrl(target), [...inlining, target.href]);
    // Keywords beside the ref still apply: keep them, and the target as one more allOf branch.
    if (Object.keys(out).length === 0) return inlined;
    return { ...out, allOf: [...(Array.isArray(out['allOf']) ? out['allOf'] : []), inlined] };
  };
  const rewriteObject = (schema: JsonObject, base: string): JsonObject => {
    const result = rewrite(schema, base, []);
    return isJsonObject(result) ? result : {};
  };

  const components: Record<string, JsonObject> = {};
  const add = (name: string, schema: JsonObject, base: string) => {
    if (Object.hasOwn(components, name)) throw new Error(`${apiId}: two schemas are both named ${name}`);
    components[name] = rewriteObject(omitKeys(schema, ['$id', '$schema', '$defs']), base);
  };
  for (const [id, document] of documents) {
    const name = fileComponent(id.slice(folder.length));
    add(name, document, id);
    const defs = document['$defs'];
    for (const [def, schema] of Object.entries(isJsonObject(defs) ? defs : {})) {
      if (isJsonObject(schema)) add(name + pascal(def), schema, id);
    }
  }

  return {
    components,
    use(id) {
      const target = new URL(id);
      const name = componentOf(target);
      return name === undefined ? rewriteObject(lookup(target), documentUrl(target)) : { $ref: COMPONENTS + name };
    },
    resolve(id) {
      const target = new URL(id);
      return rewriteObject(lookup(target), documentUrl(target));
    },
  };
}

function documentUrl(url: URL): string {
  return url.href.slice(0, url.href.length - url.hash.length).replace(/#$/, '');
}

/** `workflow-instance.json` -> `WorkflowInstance`; component names may only use `[A-Za-z0-9._-]`. */
function fileComponent(path: string): string {
  return path
    .replace(/\.json$/, '')
    .split(/[^A-Za-z0-9]+/)
    .map(pascal)
    .join('');
}

function pascal(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Follows a JSON pointer (`#/$defs/A/properties/b`, already percent-decoded) inside a document. */
function pointerTarget(document: JsonObject, pointer: string): Json | undefined {
  const tokens = pointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
  let current: Json | undefined = document;
  for (const token of tokens) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isJsonObject(current) && Object.hasOwn(current, token)) current = current[token];
    else return undefined;
  }
  return current;
}
