import { getJson, rotation } from '../../bench/scenario.ts';
import { suitesNerm } from '../../contract-tests/nerm/suites.ts';
import type { PackTesting } from '../../contract-tests/support/pack-testing.ts';
import { idsOf, jsonBody, list, numberParam, object } from '../../contract-tests/support/payload.ts';
import settings from '../../fixtures/nerm/generation.json' with { type: 'json' };

// What the cross-pack tests, the bench and the soak need to know about NERM (see contract-tests/support/pack-testing.ts).

const SESSIONS = '/api/workflow_sessions';
const BEARER = { authorization: 'Bearer testing' };

export const testing: PackTesting = {
  suites: suitesNerm,

  async context(call) {
    const sessions = await call({ method: 'GET', path: SESSIONS, query: [['limit', '20']], headers: BEARER });
    if (sessions.status !== 200) throw new Error(`NERM: could not list sessions (${sessions.status})`);
    // Seeded batch sessions carry an attachment: their download tokens let valid download requests succeed. They come
    // from sessions past the ids the other operations use, so a generated upload never replaces (and unsigns) them.
    const later = await call({
      method: 'GET',
      path: SESSIONS,
      query: [
        ['limit', '20'],
        ['offset', '20'],
      ],
      headers: BEARER,
    });
    const tokens: string[] = [];
    for (const id of idsOf(object(later.payload)['workflow_sessions'], 'id')) {
      const found = await call({ method: 'GET', path: `${SESSIONS}/${id}/upload/${settings.attachment.attributeId}`, headers: BEARER });
      if (found.status === 200) tokens.push(String(object(found.payload)['url']).split('/').at(-1) ?? '');
    }
    if (tokens.length === 0) throw new Error('NERM: no seeded attachment among the first sessions');
    return {
      headers: BEARER,
      query: {},
      pathValues: {
        id: idsOf(object(sessions.payload)['workflow_sessions'], 'id'),
        attribute_id: [settings.attachment.attributeId],
        session: ['default'],
        token: tokens,
      },
    };
  },

  async model() {
    return {
      commands: ['processing', 'pending_approval', 'approved', 'completed', 'rejected', 'failed', 'closed', 'new'],
      initial: 'new',
      refusedStatus: 400,
      currentStateIsNoMove: true,
      headers: BEARER,
      create: () => ({
        method: 'POST',
        path: SESSIONS,
        query: [],
        headers: { 'content-type': 'application/json' },
        body: jsonBody({
          workflow_session: {
            workflow_id: '6fe6ad93-3211-4ca9-a5a8-fc7e9bece4e3',
            requester_id: '5b565e11-f681-4494-8550-05b4c4776a54',
            requester_type: 'NeprofileUser',
          },
        }),
      }),
      idOfCreated: (response) => String(object(object(response.payload)['workflow_session'])['id']),
      transition: (id, command) => ({
        method: 'PATCH',
        path: `${SESSIONS}/${id}`,
        query: [],
        headers: { 'content-type': 'application/json' },
        body: jsonBody({ workflow_session: { status: command } }),
      }),
      get: (id) => ({ method: 'GET', path: `${SESSIONS}/${id}`, query: [] }),
      stateOf: (payload) => String(object(object(payload)['workflow_session'])['status']),
      runOf: (payload) => object(payload)['workflow_session'],
      firstPage: (limit) => ({
        method: 'GET',
        path: SESSIONS,
        query: [
          ['limit', String(limit)],
          ['offset', '0'],
          ['metadata', 'true'],
        ],
      }),
      readPage(payload, limit, request) {
        const body = object(payload);
        const items = list(body['workflow_sessions']).map((item) => ({ id: String(item['id']), state: String(item['status']) }));
        const metadata = object(body['_metadata']);
        const offset = numberParam(request.query, 'offset');
        // The last page has no next link (left out, never null).
        const next = {
          ...request,
          query: [
            ['limit', String(limit)],
            ['offset', String(offset + limit)],
            ['metadata', 'true'],
          ] as [string, string][],
        };
        return { items, total: Number(metadata['total']), ...(typeof metadata['next'] === 'string' ? { next } : {}) };
      },
    };
  },

  bench: [
    {
      name: 'filtered-page',
      description: 'NERM page of 100 sessions filtered by status, sorted by created_at desc, with _metadata total; statuses and offsets rotate',
      async prepare(origin) {
        const candidates = ['processing', 'completed', 'pending approval', 'approved', 'failed', 'rejected', 'new'];
        const pages: string[] = [];
        for (const status of candidates) {
          const first = (await getJson(`${origin}/nerm${SESSIONS}?limit=1&status=${encodeURIComponent(status)}&metadata=true`, BEARER)) as {
            _metadata?: { total?: number };
          };
          const total = first._metadata?.total ?? 0;
          // Offsets up to 1,000 deep, so pages come from all over the index, not one hot slice.
          for (let offset = 0; offset + 100 <= Math.min(total, 1000); offset += 100) {
            pages.push(`/nerm${SESSIONS}?limit=100&offset=${offset}&status=${encodeURIComponent(status)}&order=-created_at&metadata=true`);
          }
        }
        if (pages.length === 0) throw new Error('no NERM status has 100 sessions to page through');
        const next = rotation(pages);
        return { method: 'GET', headers: BEARER, kind: 'json', next: () => ({ path: next().item }) };
      },
    },
  ],

  seededRuns: {
    collection: 'sessions',
    created: (data) => String(data['created_at']),
    active: (data) => !['completed', 'rejected', 'failed', 'closed'].includes(String(data['status'])),
    example: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e',
  },

  vendorDocument: 'nerm/deref-sailpoint-api.nerm.json',
};
