import { isJsonObject, type Json } from '../core/json.ts';
import type { ConsoleCall, ConsoleView } from '../engine/pack.ts';
import type { DocOperation, OpenApiDocument } from './document.ts';
import { normalisePath } from './match.ts';
import { followObject } from './refs.ts';

// Values for path parameters that address resources that exist, so a request is judged on its own merits and not
// refused for a stale id. In order: `--param NAME=VALUE`; the parameter's example (or, when the document gives none,
// the value our mock's console sends: `consolePathValues`) when the document's GET on that
// resource answers 2xx; an id read from the document's list on the parent collection (the first item of the first
// array in the 2xx body, its field named like the parameter, else `id`); the example (or default) as it is. Only
// operations the document has are called, so a real provider sees no request it does not document.

export type Getter = (path: string) => Promise<{ readonly status: number; readonly body?: Json | undefined }>;

export async function resolveTargets(
  operation: DocOperation,
  document: OpenApiDocument,
  params: Readonly<Record<string, string>>,
  get: Getter,
  /** Values known to address resources on the target (our mock's console values), for parameters the document gives no example. */
  known: Readonly<Record<string, string>> = {},
): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const name of pathParameterNames(operation.fullPath)) {
    const fixed = params[name];
    if (fixed !== undefined) {
      values[name] = fixed;
      continue;
    }
    const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name);
    const schema = followObject(document.root, parameter?.schema);
    const documented = [...(parameter?.examples ?? []), schema?.['default']].filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
    const candidates = documented.length === 0 && known[name] !== undefined ? [known[name]] : documented;
    const template = operation.fullPath.slice(0, operation.fullPath.indexOf(`{${name}}`) + name.length + 2);
    const resource = fill(template, values);
    let found: string | undefined;
    for (const candidate of documentHasGet(document, template) ? candidates : []) {
      const { status, body } = await get(resource.replace(`{${name}}`, encodeURIComponent(candidate)));
      // 8x8 answers a definition's versions for an unknown id with 200 and []: nothing is there.
      if (status >= 200 && status < 300 && !(Array.isArray(body) && body.length === 0)) {
        found = candidate;
        break;
      }
    }
    if (found === undefined && documentHasGet(document, template.slice(0, template.lastIndexOf('/')))) {
      const collection = resource.slice(0, resource.lastIndexOf('/'));
      const listed = await get(collection);
      if (listed.status >= 200 && listed.status < 300) found = idFromList(listed.body, name);
    }
    values[name] = found ?? candidates[0] ?? name;
  }
  return values;
}

function documentHasGet(document: OpenApiDocument, template: string): boolean {
  return document.operations.some((op) => op.method === 'GET' && normalisePath(op.fullPath) === normalisePath(template));
}

export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
}

/** The path with the given parameters filled in (URI-encoded); others stay as templates. */
export function fill(path: string, values: Readonly<Record<string, string>>): string {
  return path.replace(/\{([^}]+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : encodeURIComponent(values[name])));
}

/** The first item of the first array in a list body, and its id: the field named like the parameter, else `id`. */
export function idFromList(body: Json | undefined, parameter: string): string | undefined {
  const item = firstArray(body)?.[0];
  if (typeof item === 'string' || typeof item === 'number') return String(item);
  if (!isJsonObject(item)) return undefined;
  const simple = (key: string) => key.toLowerCase().replace(/[-_]/g, '');
  const key = Object.keys(item).find((k) => simple(k) === simple(parameter)) ?? (Object.hasOwn(item, 'id') ? 'id' : undefined);
  const value = key === undefined ? undefined : item[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Breadth first: a page's items are nearer the top than any array inside an item. */
function firstArray(body: Json | undefined): Json[] | undefined {
  const queue: (Json | undefined)[] = [body];
  while (queue.length > 0) {
    const value = queue.shift();
    if (Array.isArray(value)) return value;
    if (isJsonObject(value)) queue.push(...Object.values(value));
  }
  return undefined;
}

/**
 * The fixed path values a pack's console sends (`{value}` params of its list, detail, create and command calls: the
 * seeded account or repository it shows), first one per name: on our own mock they address resources that exist when
 * the vendor's document gives a parameter no example.
 */
export function consolePathValues(view: ConsoleView | undefined): Record<string, string> {
  if (!view) return {};
  const commands = view.commands;
  const calls: (Partial<ConsoleCall> | undefined)[] = [
    view.list,
    view.detail,
    view.create,
    ...(commands?.kind === 'machine' ? [commands, ...Object.values(commands.calls ?? {})] : commands ? [commands.list, commands.take, commands.login] : []),
  ];
  const values: Record<string, string> = {};
  for (const call of calls)
    for (const [name, value] of Object.entries(call?.params ?? {})) if ('value' in value && values[name] === undefined) values[name] = value.value;
  return values;
}
