import { afterEach } from 'vitest';
import { startMockServer, type MockServer, type MockServerOptions } from '../../src/harness/mock-server.ts';

// Mocks on a manual clock for one test file, each stopped after its test: nothing moves until the test advances the
// clock. Call at the top of the file; the returned function starts one.

export function manualMocks(): (options?: MockServerOptions) => Promise<MockServer> {
  const servers: MockServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });
  return async (options = {}) => {
    const mock = await startMockServer({ clock: 'manual', rateLimits: false, ...options });
    servers.push(mock);
    return mock;
  };
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
