// Path-template routing as a pure function. Templates use `{name}` for a parameter; a segment may mix a
// literal prefix with one parameter (`workflows{workflowId}`) because a vendor document spells a path that way.

export interface RouteEntry<T> {
  readonly method: string;
  readonly path: string;
  readonly payload: T;
}

type Segment = { readonly literal: string } | { readonly prefix: string; readonly param: string };

interface CompiledRoute<T> extends RouteEntry<T> {
  readonly segments: readonly Segment[];
  readonly specificity: number;
}

export type RouteMatch<T> =
  | { readonly kind: 'match'; readonly payload: T; readonly params: Record<string, string> }
  | { readonly kind: 'methodNotAllowed'; readonly allow: readonly string[] }
  | { readonly kind: 'notFound' };

export interface RouteTable<T> {
  readonly routes: readonly CompiledRoute<T>[];
}

export function compileRoutes<T>(entries: readonly RouteEntry<T>[]): RouteTable<T> {
  const routes = entries.map((entry) => {
    const segments = splitPath(entry.path).map(compileSegment);
    const specificity = segments.reduce((score, s) => score * 3 + ('literal' in s ? 2 : s.prefix ? 1 : 0), 0);
    return { ...entry, method: entry.method.toUpperCase(), segments, specificity };
  });
  // Literal segments win over parameters, so `/definitions/{id}` never shadows a literal sibling.
  routes.sort((a, b) => b.segments.length - a.segments.length || b.specificity - a.specificity);
  return { routes };
}

export function matchRoute<T>(table: RouteTable<T>, method: string, path: string): RouteMatch<T> {
  const parts = splitPath(path);
  const allow = new Set<string>();
  const upper = method.toUpperCase();
  for (const route of table.routes) {
    const params = matchSegments(route.segments, parts);
    if (!params) continue;
    if (route.method === upper || (upper === 'HEAD' && route.method === 'GET')) return { kind: 'match', payload: route.payload, params };
    allow.add(route.method);
  }
  return allow.size > 0 ? { kind: 'methodNotAllowed', allow: [...allow].sort() } : { kind: 'notFound' };
}

function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0);
}

function compileSegment(raw: string): Segment {
  const found = /^([^{}]*)\{(\w+)\}$/.exec(raw);
  return found ? { prefix: found[1] ?? '', param: found[2] ?? '' } : { literal: raw };
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index] ?? '';
    if ('literal' in segment) {
      if (part !== segment.literal) return undefined;
      continue;
    }
    if (!part.startsWith(segment.prefix) || part.length === segment.prefix.length) return undefined;
    const decoded = safeDecode(part.slice(segment.prefix.length));
    if (decoded === undefined) return undefined;
    params[segment.param] = decoded;
  }
  return params;
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
