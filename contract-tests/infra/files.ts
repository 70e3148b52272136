import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const readProjectFile = (name: string): string => readFileSync(`${ROOT}${name}`, 'utf8');

/** The fenced `sh` block under the README's "Quick start" heading, one command per line. */
export function quickStartLines(): string[] {
  const readme = readProjectFile('README.md');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Quick start')) ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
