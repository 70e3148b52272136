import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './generated/amperity.ts';

// A typed client for Amperity workflow runs, from openapi/amperity.json. Each call returns openapi-fetch's
// `{data, error, response}`: `data` typed by the 2xx schema, `error` by Amperity's `{status, message}` body;
// `runs()` walks every page and throws on an error instead.

export type Run = components['schemas']['RunListItem'];
export type RunView = components['schemas']['RunView'];
/** The verbose representation: what view=verbose, start and stop answer. */
export type RunVerbose = components['schemas']['RunVerbose'];
export type StartRun = components['schemas']['ParametersStartBody'];
export type ListRunsQuery = Omit<NonNullable<operations['listWorkflowRuns']['parameters']['query']>, 'next_token'>;
type Headers = operations['listWorkflowRuns']['parameters']['header'];
type ApiVersion = NonNullable<Headers['api-version']>;

export interface AmperityOptions {
  /** `http://127.0.0.1:4010/amperity` for the mock, `https://<tenant-id>.amperity.com` for the real service. */
  readonly baseUrl: string;
  readonly token: string;
  /** Seeded: `socktown`, `acme`. */
  readonly tenant: string;
  readonly apiVersion?: ApiVersion;
  readonly fetch?: ClientOptions['fetch'];
}

const RUNS = '/api/workflow/runs';

export function createAmperityClient(options: AmperityOptions) {
  const header: Headers = { 'amperity-tenant': options.tenant, 'api-version': options.apiVersion ?? '2024-04-01' };
  // The tenant and version are default headers too, for calls made through `client` directly.
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { authorization: `Bearer ${options.token}`, ...header },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const listRuns = (query: ListRunsQuery = {}, nextToken?: string) =>
    client.GET(RUNS, { params: { header, query: { ...query, ...(nextToken === undefined ? {} : { next_token: nextToken }) } } });
  return {
    client,
    listRuns,
    getRun: (id: string, view: 'overview' | 'verbose' = 'overview') => client.GET(`${RUNS}/{id}`, { params: { header, path: { id }, query: { view } } }),
    /** Schedules a run of a config: 201 with the run (verbose), `scheduled`. */
    startRun: (body: StartRun) => client.POST(RUNS, { params: { header }, body }),
    /** 200 with the run (verbose) `canceled`; 409 for a run that has ended or is already stopping. */
    stopRun: (id: string) => client.POST(`${RUNS}/{id}/stop`, { params: { header, path: { id } } }),
    /** Every run matching `query`, newest first, following next_token until the last page. */
    async *runs(query: ListRunsQuery = {}): AsyncGenerator<Run, void, undefined> {
      let token: string | undefined;
      do {
        const { data, error, response } = await listRuns(query, token);
        if (data === undefined) throw new Error(`Amperity ${response.status}: ${error?.message ?? response.statusText}`, { cause: error });
        yield* data.data;
        token = data.next_token;
      } while (token !== undefined);
    },
  };
}
