import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openApiDocument, testMock } from '../../src/assemble.ts';
import { createControlledClock } from '../../src/core/clock.ts';
import type { ApiPack } from '../../src/engine/pack.ts';
import type { ResponseViolation } from '../../src/engine/response-check.ts';
import { createApp } from '../../src/http/create-app.ts';

/**
 * One pack's mock for its contract suites, on a free loopback port: the tests' mock (strict responses, frozen records),
 * on the real clock but with no lifecycle ticker, so nothing moves by itself while a suite compares two reads. Every
 * response that broke its own schema is kept in `violations`.
 */
export interface SuiteTarget {
  readonly url: string;
  readonly violations: readonly ResponseViolation[];
  stop(): Promise<void>;
}

export async function startSuiteTarget(pack: ApiPack): Promise<SuiteTarget> {
  const violations: ResponseViolation[] = [];
  const clock = createControlledClock('real', Date.now());
  const { engine, admin } = testMock({ packs: [pack], rateLimits: false, controlledClock: clock, onViolation: (violation) => violations.push(violation) });
  await admin.ready();
  const server = createServer(createApp({ engine, admin, clock, openApi: openApiDocument }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${pack.id}`,
    violations,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
