import { urlOf, type ApiDescription, type Call, type Json, type Run } from './model.ts';

/** What came back from a call, whatever it was: the console shows vendor errors as they are. */
export interface Reply {
  readonly status: number;
  readonly ok: boolean;
  readonly contentType: string;
  readonly text: string;
  readonly json: Json | undefined;
  readonly location: string | null;
  /** Every response header, by lower-case name (a list's `Link`). */
  readonly headers: Record<string, string>;
}

const SESSION_KEY = 'workflow-mocks-console-session';

/** The `X-Mock-Session` the console works in ('' for the shared default); kept across reloads of this tab. */
export function currentSession(): string {
  return sessionStorage.getItem(SESSION_KEY) ?? '';
}

export function useSession(name: string): void {
  if (name) sessionStorage.setItem(SESSION_KEY, name);
  else sessionStorage.removeItem(SESSION_KEY);
}

async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let json: Json | undefined;
  if (contentType.includes('json') && text) {
    try {
      json = JSON.parse(text) as Json;
    } catch {
      json = undefined;
    }
  }
  const headers = Object.fromEntries(response.headers.entries());
  return { status: response.status, ok: response.ok, contentType, text, json, location: response.headers.get('location'), headers };
}

/** A call to a mocked API, as a client of it would make it (the API's headers, the session, JSON or XML). */
export async function callApi(
  api: ApiDescription,
  call: Call,
  options: { run?: Run; query?: Record<string, string>; body?: Json; accept?: 'json' | 'xml'; url?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...api.headers };
  const session = currentSession();
  if (session) headers['x-mock-session'] = session;
  if (options.accept) headers['accept'] = `application/${options.accept}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const url = options.url ?? urlOf(api, call, options.run ?? {}, options.query ?? {});
  const init: RequestInit = {
    method: call.method,
    headers,
    credentials: 'same-origin',
    ...(options.body === undefined || options.body === null ? {} : { body: JSON.stringify(options.body) }),
  };
  return reply(await fetch(url, init));
}

/** A call to the control API (`/__admin/...`). */
export async function admin(path: string, init: { method?: string; body?: Json } = {}): Promise<Reply> {
  return reply(
    await fetch(`/__admin${path}`, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      ...(init.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
    }),
  );
}

/** The session as a query parameter for the session-aware control routes. */
export function sessionQuery(prefix: '?' | '&'): string {
  const session = currentSession();
  return session ? `${prefix}session=${encodeURIComponent(session)}` : '';
}
