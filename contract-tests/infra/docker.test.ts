import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RANDOM_TOKEN } from '../../src/http/admin-token.ts';
import { readProjectFile } from './files.ts';

type ComposeService = {
  build?: unknown;
  image?: string;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  profiles?: string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] };
};

// Compose resolves YAML merge keys (`<<: *replica`), so the test must too.
const compose = parse(readProjectFile('docker-compose.yml'), { merge: true }) as {
  services?: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};
const dockerfile = readProjectFile('Dockerfile');
const instructions = dockerfile
  .split('\n')
  .filter((line) => /^[A-Z]+\s/.test(line))
  .map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    return { keyword, args: rest.join(' ') };
  });
const packageJson = JSON.parse(readProjectFile('package.json')) as { scripts: Record<string, string>; engines: { node: string } };

describe('docker-compose.yml', () => {
  const mock = compose.services?.['mock'];

  it('has a default service "mock" built from the Dockerfile', () => {
    expect(mock?.build).toBe('.');
  });

  it('runs the README start command, bound to all interfaces on port 4010', () => {
    expect(mock?.command?.slice(0, 2)).toEqual(['npm', 'start']);
    expect(mock?.command).toEqual(['npm', 'start', '--', '--host', '0.0.0.0', '--port', '4010']);
    expect(readProjectFile('README.md')).toContain('npm start');
  });

  it('publishes the port the server listens on', () => {
    expect(mock?.ports).toEqual(['4010:4010']);
  });

  it('checks health through the health endpoint the server serves', () => {
    expect(mock?.healthcheck?.test?.join(' ')).toContain('http://127.0.0.1:4010/__admin/health');
  });

  it('opens the console and control API to a token drawn at start, never to the bridge network without one', () => {
    // Compose's own interpolation: the caller's ADMIN_TOKEN, else the value the server reads as "draw one".
    const fallback = ['${', `ADMIN_TOKEN:-${RANDOM_TOKEN}}`].join('');
    for (const service of [mock, compose.services?.['mock-a'], compose.services?.['mock-b']]) {
      expect(service?.environment?.['ADMIN_TOKEN']).toBe(fallback);
    }
  });
});

describe('docker-compose.yml profile "replicated"', () => {
  const services = compose.services ?? {};
  const replicas = ['mock-a', 'mock-b'].map((name) => ({ name, service: services[name] }));
  const redis = services['redis'];

  it('keeps Redis and the replicas out of the default `docker compose up`', () => {
    expect(services['mock']?.profiles).toBeUndefined();
    for (const { service } of [...replicas, { service: redis }]) expect(service?.profiles).toEqual(['replicated']);
  });

  it('runs Redis with a ping healthcheck and append-only persistence on a named volume', () => {
    expect(redis?.image).toMatch(/^redis:7/);
    expect(redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(redis?.command).toContain('--appendonly');
    expect(Object.keys(compose.volumes ?? {})).toContain('redis-data');
  });

  it('points both replicas at the Redis service and starts them only once Redis is healthy', () => {
    for (const { service } of replicas) {
      expect(service?.build).toBe('.');
      const command = service?.command ?? [];
      expect(command.slice(0, 3)).toEqual(['npm', 'start', '--']);
      expect(command[command.indexOf('--redis') + 1]).toBe('redis://redis:6379');
      expect(command[command.indexOf('--port') + 1]).toBe('4010');
      expect(service?.depends_on?.['redis']?.condition).toBe('service_healthy');
      expect(service?.healthcheck?.test?.join(' ')).toContain('http://127.0.0.1:4010/__admin/health');
    }
  });

  it('publishes each replica on its own host port and gives them the same seed', () => {
    expect(replicas.map(({ service }) => service?.ports)).toEqual([['4011:4010'], ['4012:4010']]);
    expect(new Set(replicas.map(({ service }) => service?.environment?.['SEED'])).size).toBe(1);
  });

  it('passes only flags the CLI accepts', () => {
    const usage = readProjectFile('src/cli.ts');
    const flags = Object.values(services).flatMap((s) => (s.command ?? []).filter((part) => part.startsWith('--') && part !== '--'));
    for (const flag of new Set(flags.filter((f) => !['--appendonly', '--appendfsync'].includes(f)))) expect(usage).toContain(`${flag} `);
  });

  it('is shown in the README', () => {
    const readme = readProjectFile('README.md');
    expect(readme).toContain('docker compose up');
    expect(readme).toContain('docker compose --profile replicated up');
  });
});

describe('Dockerfile', () => {
  const first = (keyword: string) => instructions.find((i) => i.keyword === keyword)?.args;

  it('builds on the Node major version the project runs on', () => {
    expect(first('FROM')).toMatch(/^node:20(-|$)/);
    expect(packageJson.engines.node).toMatch(/20/);
  });

  it('installs from the lockfile and copies everything the server reads at run time', () => {
    expect(dockerfile).toMatch(/RUN npm ci/);
    const copied = instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args.split(' ')[0]);
    for (const needed of ['src', 'mocks', 'schemas', 'fixtures', 'tsconfig.json']) expect(copied).toContain(needed);
  });

  it('builds the server bundle npm start runs while it may still write dist/, before dropping to the unprivileged user', () => {
    const copied = instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copied).toContain('scripts/start.mjs scripts/build-server.ts ./scripts/');
    const at = (keyword: string, args: string) => instructions.findIndex((i) => i.keyword === keyword && i.args === args);
    const build = at('RUN', 'npm run build');
    expect(build).toBeGreaterThan(Math.max(...['src ./src', 'mocks ./mocks', 'schemas ./schemas', 'fixtures ./fixtures'].map((args) => at('COPY', args))));
    expect(build).toBeLessThan(at('USER', 'node'));
    expect(packageJson.scripts['build']).toContain('scripts/build-server.ts');
    expect(packageJson.scripts['start']).toContain('scripts/start.mjs');
  });

  it('exposes the port compose publishes and starts with npm start', () => {
    expect(first('EXPOSE')).toBe('4010');
    expect(first('CMD')).toBe('["npm", "start"]');
    expect(packageJson.scripts['start']).toBeDefined();
  });

  it('binds all interfaces inside the container and runs as an unprivileged user', () => {
    expect(dockerfile).toMatch(/ENV HOST=0\.0\.0\.0/);
    expect(first('USER')).toBe('node');
  });

  it('takes a proxy CA for the build only, as a build argument', () => {
    expect(first('ARG')).toBe('NODE_EXTRA_CA_CERTS');
    expect(instructions.findIndex((i) => i.keyword === 'ARG')).toBeLessThan(instructions.findIndex((i) => i.keyword === 'RUN'));
  });

  it('uses only instructions Docker knows', () => {
    const known = new Set(['FROM', 'WORKDIR', 'ENV', 'COPY', 'RUN', 'EXPOSE', 'USER', 'HEALTHCHECK', 'CMD', 'ARG', 'LABEL']);
    expect(instructions.map((i) => i.keyword).filter((k) => !known.has(k))).toEqual([]);
  });
});
