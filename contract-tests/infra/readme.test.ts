import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quickStartLines, readProjectFile, ROOT } from './files.ts';

const scripts = (JSON.parse(readProjectFile('package.json')) as { scripts: Record<string, string> }).scripts;

describe('README', () => {
  it('gives exactly two Quick start lines: start the server, run the tests', () => {
    expect(quickStartLines()).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });

  it('names only npm scripts that exist', () => {
    const readme = readProjectFile('README.md');
    const named = [...readme.matchAll(/npm (?:run )?([a-z:-]+)/g)]
      .map((m) => m[1] ?? '')
      .filter((name) => !['ci', 'install', 'pack', 'start', 'test'].includes(name));
    for (const name of named) expect(Object.keys(scripts), `npm run ${name}`).toContain(name);
    expect(scripts['start']).toBeDefined();
    expect(scripts['test']).toBeDefined();
  });

  it('links only files that exist', () => {
    const readme = readProjectFile('README.md');
    for (const [, link] of readme.matchAll(/\]\(((?!https?:)[^)#]+)\)/g)) expect(existsSync(`${ROOT}${link}`), String(link)).toBe(true);
  });

  it('is what CI runs', () => {
    expect(readProjectFile('.ci/run')).toContain('npm ci && npm test');
  });
});
