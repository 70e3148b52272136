import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { openApiDocument, startLifecycleTicker, testMock, type AssembleOptions } from '../assemble.ts';
import { createControlledClock, type ControlledClock } from '../core/clock.ts';
import { REFERENCE_DATE } from '../engine/seeding.ts';
import type { EngineAdmin } from '../engine/engine.ts';
import { createApp } from '../http/create-app.ts';
import { coverageOf, formatCoverage, type ApiCoverage } from '../journal/coverage.ts';
import { describeViolations, type JournalEntry, type JournalFilter } from '../journal/journal.ts';

// The in-process harness for a TypeScript test suite: start a mock on a free loopback port, point a client at
// `url(api)`, read what the client sent (journal, violations, coverage), reset between tests, stop at the end.

export interface MockServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The base URL of one API, e.g. `http://127.0.0.1:<port>/8x8`, to use in place of the vendor's host. */
  url(api: string): string;
  /** The mock's administration: journal, resets, fixtures, settings, stored records. */
  readonly admin: EngineAdmin;
  reset(api?: string): Promise<void>;
  requests(filter?: JournalFilter): JournalEntry[];
  /** Every request that broke the API's request schemas, with what it broke. */
  violations(filter?: JournalFilter): JournalEntry[];
  /** Throws an error naming each violating request, field and rule, if there is any. */
  assertNoViolations(filter?: JournalFilter): void;
  coverage(filter?: JournalFilter): ApiCoverage[];
  readonly clock: ControlledClock;
  /** Moves the clock forward and applies the lifecycle moves that fall due; returns how many. */
  advance(ms: number): Promise<number>;
  formatCoverage(filter?: JournalFilter): string;
  stop(): Promise<void>;
}

export interface MockServerOptions extends AssembleOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** `manual` freezes the clock at `clockStart` (the seed's reference date by default) until `advance`. */
  readonly clock?: 'real' | 'manual';
  readonly clockStart?: string;
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const clock =
    options.controlledClock ??
    createControlledClock(options.clock ?? 'real', options.clock === 'manual' ? Date.parse(options.clockStart ?? REFERENCE_DATE) : Date.now());
  // A test suite's mock: strict responses and frozen records (testMock), unless the options say otherwise.
  const { engine, admin } = testMock({ ...options, controlledClock: clock });
  await admin.ready();
  const stopTicker = startLifecycleTicker(admin, clock);
  const server: Server = createServer(createApp({ engine, admin, clock, openApi: openApiDocument }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const violations = (filter?: JournalFilter) => admin.journal.entries(filter).filter((entry) => entry.violations.length > 0);
  return {
    origin,
    admin,
    url: (api) => `${origin}/${api}`,
    async reset(api) {
      await admin.reset(api);
      admin.journal.clear(api);
    },
    requests: (filter) => admin.journal.entries(filter),
    violations,
    assertNoViolations(filter) {
      const lines = describeViolations(violations(filter));
      if (lines.length > 0) throw new Error(`The client broke the API contract:\n${lines.map((line) => `  - ${line}`).join('\n')}`);
    },
    coverage: (filter) => coverageOf(admin.packs, admin.registry, admin.journal.entries(filter)),
    formatCoverage: (filter) => formatCoverage(coverageOf(admin.packs, admin.registry, admin.journal.entries(filter))),
    clock,
    async advance(ms) {
      clock.advance(ms);
      return admin.tick();
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        stopTicker();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
