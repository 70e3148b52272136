import { suitesGithub } from '../../contract-tests/github/suites.ts';
import type { PackCall, PackTesting } from '../../contract-tests/support/pack-testing.ts';
import { list, numberParam, object } from '../../contract-tests/support/payload.ts';
import { getJson } from '../../bench/scenario.ts';
import settings from '../../fixtures/github/generation.json' with { type: 'json' };

// What the cross-pack tests, the bench and the soak need to know about GitHub (see contract-tests/support/pack-testing.ts).

const OWNER = settings.organization.login;
const REPO = settings.repositories[0]?.name ?? 'hello-world';
const RUNS = `/repos/${OWNER}/${REPO}/actions/runs`;
const TOKEN = { authorization: 'Bearer testing' };

async function runIds(call: PackCall): Promise<string[]> {
  const page = await call({ method: 'GET', path: RUNS, query: [['per_page', '20']], headers: TOKEN });
  if (page.status !== 200) throw new Error(`GitHub: could not list runs (${page.status})`);
  return list(object(page.payload)['workflow_runs']).map((run) => String(run['id']));
}

export const testing: PackTesting = {
  suites: suitesGithub,

  async context(call) {
    const workflows = settings.repositories[0]?.workflows ?? [];
    return {
      headers: TOKEN,
      query: {},
      pathValues: {
        owner: [OWNER],
        repo: [REPO],
        run_id: await runIds(call),
        workflow_id: [...workflows.map((workflow) => String(workflow.id)), ...workflows.map((workflow) => workflow.file)],
      },
    };
  },

  // GitHub's workflow-run API starts no runs (a workflow_dispatch is another API): the model works on the seeded runs,
  // cancelling those not completed and re-running completed ones.
  async model() {
    return {
      commands: ['cancel', 'rerun'],
      initial: 'queued',
      refusedStatus: 409,
      headers: TOKEN,
      transition: (id, command) => ({ method: 'POST', path: `${RUNS}/${id}/${command}`, query: [] }),
      get: (id) => ({ method: 'GET', path: `${RUNS}/${id}`, query: [] }),
      stateOf: (payload) => String(object(payload)['status']),
      firstPage: (limit) => ({
        method: 'GET',
        path: RUNS,
        query: [
          ['per_page', String(limit)],
          ['page', '1'],
        ],
      }),
      readPage(payload, limit, request) {
        const body = object(payload);
        const items = list(body['workflow_runs']).map((run) => ({ id: String(run['id']), state: String(run['status']) }));
        const page = numberParam(request.query, 'page');
        const total = Number(body['total_count']);
        const next = {
          ...request,
          query: [
            ['per_page', String(limit)],
            ['page', String(page + 1)],
          ] as [string, string][],
        };
        return { items, total, ...(page * limit < total ? { next } : {}) };
      },
    };
  },

  bench: [
    {
      name: 'page-number-link',
      description: 'GitHub: runs of a repository 100 per page with total_count and a Link header, pages 1 to 10 in turn',
      async prepare(origin) {
        const first = (await getJson(`${origin}/github${RUNS}?per_page=1`, TOKEN)) as { total_count?: number };
        const pages = Math.max(1, Math.min(10, Math.ceil((first.total_count ?? 0) / 100)));
        return {
          method: 'GET',
          headers: TOKEN,
          kind: 'json',
          next(state) {
            const page = (Number(state['page'] ?? 0) % pages) + 1;
            state['page'] = page;
            return { path: `/github${RUNS}?per_page=100&page=${page}` };
          },
        };
      },
    },
  ],

  seededRuns: {
    collection: 'runs',
    created: (data) => String(data['created_at']),
    active: (data) => data['status'] !== 'completed',
  },

  vendorDocument: 'github/actions-runs.openapi.json',
};
