import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readProjectFile } from './files.ts';

type ComposeService = { build?: unknown; command?: string[]; ports?: string[]; environment?: Record<string, string>; healthcheck?: { test?: string[] } };

const compose = parse(readProjectFile('docker-compose.yml')) as { services?: Record<string, ComposeService> };
const dockerfile = readProjectFile('Dockerfile');
const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+\s/.test(line)).map((line) => {
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

  it('exposes the port compose publishes and starts with npm start', () => {
    expect(first('EXPOSE')).toBe('4010');
    expect(first('CMD')).toBe('["npm", "start"]');
    expect(packageJson.scripts['start']).toBeDefined();
  });

  it('binds all interfaces inside the container and runs as an unprivileged user', () => {
    expect(dockerfile).toMatch(/ENV HOST=0\.0\.0\.0/);
    expect(first('USER')).toBe('node');
  });

  it('uses only instructions Docker knows', () => {
    const known = new Set(['FROM', 'WORKDIR', 'ENV', 'COPY', 'RUN', 'EXPOSE', 'USER', 'HEALTHCHECK', 'CMD', 'ARG', 'LABEL']);
    expect(instructions.map((i) => i.keyword).filter((k) => !known.has(k))).toEqual([]);
  });
});
