import request from 'supertest';
import type { Test } from 'supertest';
import { testMock, type AssembleOptions } from '../../src/assemble.ts';
import type { ResponseViolation } from '../../src/engine/response-check.ts';
import { createApp } from '../../src/http/create-app.ts';
import type { StoredRecord } from '../../src/store/store.ts';

// Where a contract suite sends its requests. By default a fresh in-process mock (every API mounted, strict
// response checking on, so a response that breaks its own schema fails the test as a 500); with
// CONTRACT_BASE_URL set, any running server, e.g. `http://127.0.0.1:4010/8x8` or a real provider.

export interface Target {
  readonly external: boolean;
  readonly describe: string;
  get(path: string): Test;
  post(path: string): Test;
  put(path: string): Test;
  patch(path: string): Test;
  delete(path: string): Test;
  head(path: string): Test;
  /** Responses the in-process mock reported as breaking their schema (always empty for external targets). */
  readonly violations: readonly ResponseViolation[];
  /** Reads a stored record of the in-process mock, for what no endpoint shows; absent for external targets. */
  readonly inspect?: (api: string, collection: string, id: string) => Promise<StoredRecord | undefined>;
}

export function targetFor(api: string, options: AssembleOptions = {}): Target {
  const baseUrl = process.env['CONTRACT_BASE_URL'];
  if (baseUrl) return wrap(request(baseUrl.replace(/\/$/, '')), '', true, baseUrl, []);
  const violations: ResponseViolation[] = [];
  // The tests' one mock (strict responses, frozen records: decision 003).
  const { engine, admin } = testMock({ onViolation: (v) => violations.push(v), ...options });
  const app = createApp({ engine, admin });
  return {
    ...wrap(request(app), `/${api}`, false, `in-process mock /${api}`, violations),
    inspect: async (pack, collection, id) => (await admin.records(pack, collection, { ids: [id] }))?.records[0],
  };
}

type Agent = ReturnType<typeof request>;

function wrap(agent: Agent, prefix: string, external: boolean, describe: string, violations: ResponseViolation[]): Target {
  return {
    external,
    describe,
    violations,
    get: (path) => agent.get(prefix + path),
    post: (path) => agent.post(prefix + path),
    put: (path) => agent.put(prefix + path),
    patch: (path) => agent.patch(prefix + path),
    delete: (path) => agent.delete(prefix + path),
    head: (path) => agent.head(prefix + path),
  };
}
