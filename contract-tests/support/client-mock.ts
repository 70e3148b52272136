import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { ResponseViolation } from '../../src/engine/response-check.ts';
import type { ApiPack } from '../../src/engine/pack.ts';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';

/**
 * A mock for one typed client's tests (src/clients/<id>.ts), over real HTTP: after each test its journal must hold no
 * request that broke a request schema, and no response may have broken its own schema. Call at the top of the file.
 */
export function clientMock(pack: ApiPack): { readonly current: () => MockServer } {
  const violations: ResponseViolation[] = [];
  let mock: MockServer | undefined;
  beforeAll(async () => {
    mock = await startMockServer({ rateLimits: false, packs: [pack], onViolation: (v) => violations.push(v) });
  });
  afterAll(() => mock?.stop());
  afterEach(() => {
    mock?.assertNoViolations();
    expect(violations).toEqual([]);
  });
  return {
    current: () => {
      if (!mock) throw new Error('the client mock has not started');
      return mock;
    },
  };
}
