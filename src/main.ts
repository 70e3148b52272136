import { pino } from 'pino';
import { allPacks } from '../mocks/index.ts';
import { assembleEngine, openApiDocument } from './assemble.ts';
import { parseCli, USAGE } from './cli.ts';
import { createApp } from './http/create-app.ts';

/** Starts the mock server: parse flags, build the app, listen, and stop cleanly on SIGINT/SIGTERM. */
const logger = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime });

const parsed = parseCli(process.argv.slice(2), process.env, allPacks.map((pack) => pack.id));
if (!parsed.ok) {
  console.error(`${parsed.error}\n\n${USAGE}`);
  process.exit(2);
}
const config = parsed.value;
if (config.help) {
  console.log(USAGE);
  process.exit(0);
}

const engine = assembleEngine({
  seed: config.seed,
  ...(config.records === undefined ? {} : { records: config.records }),
  strictResponses: config.strict,
  rateLimits: config.rateLimits,
  profile: config.profile,
  onViolation: (violation) => logger.error({ violation }, `MOCK BUG: ${violation.api} ${violation.operation ?? ''} ${violation.status}: ${violation.detail}`),
});
await engine.ready();
const app = createApp({ engine, openApi: openApiDocument, mount: config.api ? { kind: 'root', api: config.api } : { kind: 'all' }, logger, ...(config.adminToken ? { adminToken: config.adminToken } : {}) });

const server = app.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const origin = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const mounts = allPacks
    .filter((p) => !config.api || p.id === config.api)
    .map((pack) => `  ${pack.title.padEnd(36)} ${origin}${config.api ? '' : `/${pack.id}`}  (imitates ${pack.vendorBaseUrl})`);
  // One write, so the mounts never arrive after the line that says the server is up.
  console.log([`workflow mocks listening on ${origin} (seed ${config.seed})`, ...mounts].join('\n'));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
