// SailPoint's Postman collection for NERM, cut down to its "workflow sessions" folder for newman. The requests and
// scripts stay exactly as the vendor wrote them; the only things filled in are what the collection leaves to its
// user: the environment (base URL, a still-valid token), the path variables it ships disabled, and the upload's file.

export const FOLDER = 'workflow sessions';

export const REQUESTS = {
  list: 'Get workflow sessions',
  create: 'Create a workflow session',
  find: 'Find workflow session',
  update: 'Update a workflow session',
  attachmentUrl: 'Retrieves workflow session attachment URL',
  upload: 'Uploads workflow session attachment',
} as const;

/** A Postman collection v2.1 item, as far as this file reads it. */
interface Item {
  name: string;
  item?: Item[];
  request?: {
    url: { path?: string[]; variable?: { key: string; value?: string; disabled?: boolean }[] };
    body?: { mode?: string; formdata?: { key: string; type?: string; src?: string }[] };
  };
}

interface Collection {
  info: unknown;
  item: Item[];
  [key: string]: unknown;
}

export interface Fill {
  /** Path variable values by request name, e.g. `{'Find workflow session': {id: '...'}}`. */
  readonly pathVariables: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The file sent as the upload's `file` form field (newman reads it from its working directory). */
  readonly uploadFile: string;
}

/**
 * The vendor's collection with only the workflow-sessions folder left, and its blanks filled. Collection-level
 * auth, variables and pre-request script are kept as they are. Throws when the vendor's folder no longer holds the
 * requests this test was written for, or leaves a path variable unfilled, so a changed collection is noticed.
 */
export function workflowSessionsCollection(vendor: unknown, fill: Fill): Collection {
  const collection = structuredClone(vendor) as Collection;
  const folder = collection.item.find((item) => item.name === FOLDER);
  if (!folder?.item) throw new Error(`the collection has no folder "${FOLDER}"`);
  const names = folder.item.map((item) => item.name).sort();
  const expected = Object.values(REQUESTS).sort();
  if (JSON.stringify(names) !== JSON.stringify(expected)) throw new Error(`folder "${FOLDER}" holds ${names.join(', ')}; expected ${expected.join(', ')}`);
  for (const item of folder.item) fillItem(item, fill);
  return { ...collection, item: [folder] };
}

function fillItem(item: Item, fill: Fill): void {
  const request = item.request;
  if (!request) return;
  const values = fill.pathVariables[item.name] ?? {};
  for (const variable of request.url.variable ?? []) {
    const value = values[variable.key];
    if (value === undefined) throw new Error(`no value for path variable :${variable.key} of "${item.name}"`);
    variable.value = value;
    variable.disabled = false;
  }
  if (request.body?.mode === 'formdata') {
    for (const field of request.body.formdata ?? []) {
      if (field.type === 'file' && field.src === undefined) field.src = fill.uploadFile;
    }
  }
}

/**
 * The environment: environment variables override the collection's, so `baseUrl` points at the mock. The
 * collection's pre-request script asks `https://{tenant}.api.{domain}.com/oauth/token` for a token unless
 * `accessToken` is set and `tokenExpTime` lies in the future: both are set so it never calls out.
 */
export function environmentFor(baseUrl: string, nowMs: number): object {
  const values = {
    baseUrl,
    accessToken: 'newman-real-client',
    tokenExpTime: new Date(nowMs + 12 * 3_600_000).toISOString(),
  };
  return {
    name: 'workflow-mocks',
    values: Object.entries(values).map(([key, value]) => ({ key, value, type: 'default', enabled: true })),
  };
}
