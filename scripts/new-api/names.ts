import { existsSync } from 'node:fs';

// What a new pack is called, and whether it may be: the id is a mount segment (`/<id>/...`), a folder name under
// schemas/, fixtures/, mocks/ and contract-tests/, and the suffix of its exported names (`packMyApi`).

export interface PackNames {
  /** Mount segment and folder name: `my-api`. */
  readonly id: string;
  /** The suffix of exported names: `MyApi` (`packMyApi`, `seedMyApi`, `consoleMyApi`). */
  readonly pascal: string;
  readonly title: string;
  readonly vendorBaseUrl: string;
}

/** Lower-case letters and digits, words joined by single hyphens: safe in a URL path, a folder name and an identifier. */
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_ID = 40;

/** The folders a pack owns; an id is taken when any of them exists (another pack, or a folder such as contract-tests/support). */
export const ownedFolders = (id: string): string[] => [`schemas/${id}`, `fixtures/${id}`, `mocks/${id}`, `contract-tests/${id}`];

/** Why `id` cannot name a new pack in the project at `root`, or undefined when it can. */
export function idProblem(id: string, root: string, mounted: readonly string[]): string | undefined {
  if (!ID.test(id) || id.length > MAX_ID)
    return `'${id}' is not a mount segment: use lower-case letters and digits, words joined by single hyphens, at most ${MAX_ID} characters (e.g. my-api)`;
  if (mounted.includes(id)) return `'${id}' is already mounted (mocks/index.ts)`;
  const taken = ownedFolders(id).filter((folder) => existsSync(`${root}${folder}`));
  if (taken.length > 0) return `'${id}' is taken: ${taken.join(', ')} already exists`;
  return undefined;
}

/** Why `url` cannot be the vendor's base URL, or undefined: http(s), no spaces or quotes; `{tenant}` placeholders are fine. */
export function baseUrlProblem(url: string): string | undefined {
  return /^https?:\/\/[^\s'"\\]+$/.test(url)
    ? undefined
    : `--base-url ${url} is not an http(s) URL (e.g. https://api.vendor.example or https://{tenant}.vendor.example)`;
}

/** The names a pack's files use, with the defaults for what the command line leaves out. */
export function packNames(id: string, options: { readonly title?: string | undefined; readonly baseUrl?: string | undefined } = {}): PackNames {
  const words = id.split('-');
  const capital = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
  return {
    id,
    pascal: words.map(capital).join(''),
    title: options.title?.trim() || `${capital(words.join(' '))} workflow runs`,
    vendorBaseUrl: (options.baseUrl ?? `https://${id}.example.com`).replace(/\/+$/, ''),
  };
}

/** A string literal as Biome writes it: single quotes unless the text holds more of them than double quotes. */
export function quote(value: string): string {
  const singles = value.split("'").length - 1;
  const doubles = value.split('"').length - 1;
  const mark = singles > doubles ? '"' : "'";
  return `${mark}${value.replaceAll('\\', '\\\\').replaceAll(mark, `\\${mark}`)}${mark}`;
}

/** Why a title cannot be used (it lands in string literals, JSON and a Markdown heading), or undefined. */
export function titleProblem(title: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  return /[\u0000-\u001f\u007f]/.test(title) ? '--title must be one line of text' : undefined;
}
