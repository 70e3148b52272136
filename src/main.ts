import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { allPacks } from '../mocks/index.ts';
import { assembleMock, openApiDocument, startLifecycleTicker } from './assemble.ts';
import { parseCli, USAGE } from './cli.ts';
import { createControlledClock } from './core/clock.ts';
import { REFERENCE_DATE } from './engine/seeding.ts';
import type { FaultRule } from './faults/faults.ts';
import { createApp } from './http/create-app.ts';
import { openBackend } from './backend.ts';
import { requestLine } from './http/request-log.ts';
import { isUnavailable } from './store/unavailable.ts';
import { consoleLine, resolveAdminToken } from './http/admin-token.ts';

// Starts the mock server: parse flags, build the app, listen, and stop cleanly on SIGINT/SIGTERM.

// Request lines are buffered (4 KB) and flushed at least every 100 ms: one write per batch, not per request.
const logOutput = pino.destination({ dest: 1, sync: false, minLength: 4096 });
setInterval(() => logOutput.flush(), 100).unref();
const logger = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, logOutput);

const parsed = parseCli(
  process.argv.slice(2),
  process.env,
  allPacks.map((pack) => pack.id),
);
if (!parsed.ok) {
  console.error(`${parsed.error}\n\n${USAGE}`);
  process.exit(2);
}
const config = parsed.value;
if (config.help) {
  console.log(USAGE);
  process.exit(0);
}

const readJson = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return process.exit(2);
  }
};

const localClock = createControlledClock(config.clock, config.clockStart ?? (config.clock === 'manual' ? Date.parse(REFERENCE_DATE) : Date.now()));
const backend = await openBackend(config, localClock);
const clock = backend.clock;
const { engine, admin } = assembleMock({
  ...(backend.store ? { store: backend.store } : {}),
  ...(backend.rateLimiter ? { rateLimiter: backend.rateLimiter } : {}),
  seed: config.seed,
  // Replicas share the store, so each draws its own runtime ids; alone, the same seed gives the same ids.
  ...(config.redis ? { runtimeSalt: randomUUID() } : {}),
  ...(config.records === undefined ? {} : { records: config.records }),
  strictResponses: config.strict,
  rateLimits: config.rateLimits,
  profile: config.profile,
  controlledClock: clock,
  onViolation: (violation) => logger.error({ violation }, `MOCK BUG: ${violation.api} ${violation.operation ?? ''} ${violation.status}: ${violation.detail}`),
});
if (config.faultsFile) {
  const rules = readJson(config.faultsFile);
  const issues = admin.registry.check('https://workflow-mocks.local/schemas/admin/faults.json#/$defs/Rules', rules);
  if (issues.length > 0) {
    console.error(`${config.faultsFile}: ${issues.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ')}`);
    process.exit(2);
  }
  admin.faults.set(rules as FaultRule[]);
}
try {
  await admin.ready();
} catch (error) {
  // A replica starting while Redis is away still starts: its spaces are seeded on first use once Redis is back.
  if (!isUnavailable(error)) throw error;
  console.error(`[redis] not ready at start (${error.message}): APIs answer 503 until it is`);
}
if (config.fixturesFile) {
  const documents = readJson(config.fixturesFile);
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    const { api, session, collections } = (document ?? {}) as { api?: unknown; session?: unknown; collections?: unknown };
    const loaded = await admin.loadFixtures(String(api), collections, typeof session === 'string' ? session : undefined);
    if (!loaded.ok) {
      console.error(`${config.fixturesFile}: ${loaded.error.join('\n')}`);
      process.exit(2);
    }
  }
}
const stopTicker = startLifecycleTicker(admin, clock);
const adminToken = resolveAdminToken(config.adminToken);
const app = createApp({
  engine,
  admin,
  clock,
  openApi: openApiDocument,
  logRequest: (entry) => logOutput.write(requestLine(entry, new Date())),
  mount: config.api ? { kind: 'root', api: config.api } : { kind: 'all' },
  ...(adminToken ? { adminToken } : {}),
  health: () => backend.health(),
});

const server = app.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const origin = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const mounts = allPacks
    .filter((p) => !config.api || p.id === config.api)
    .map((pack) => `  ${pack.title.padEnd(36)} ${origin}${config.api ? '' : `/${pack.id}`}  (imitates ${pack.vendorBaseUrl})`);
  // One write, so the mounts never arrive after the line that says the server is up.
  console.log(
    [
      `workflow mocks listening on ${origin} (seed ${config.seed}, ${clock.mode} clock at ${new Date(clock.now()).toISOString()})`,
      ...mounts,
      consoleLine(origin, adminToken),
    ].join('\n'),
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopTicker();
    server.close(() => {
      void backend.close().finally(() => {
        logOutput.flushSync();
        process.exit(0);
      });
    });
    server.closeAllConnections();
  });
}
