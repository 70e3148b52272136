import { readFileSync } from 'node:fs';
import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import type { ApiPack } from '../engine/pack.ts';
import { pactTarget } from './target.ts';
import { verifyPacts, type InteractionVerdict } from './verify.ts';

// `npm run contract -- --pact FILE... [--api ID] [--states FILE] [--base-url URL]`: reads the files and runs the
// verification against a server (the in-process mock by default).

export interface PactCommand {
  readonly files: readonly string[];
  readonly packs: readonly ApiPack[];
  /** The server's origin and each API's base URL on it. */
  readonly origin: string;
  baseUrl(api: string): string;
  readonly statesFile?: string | undefined;
  openApi(api: string): JsonObject;
}

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

export async function runPactCommand(command: PactCommand): Promise<InteractionVerdict[]> {
  const names = command.statesFile ? readJson(command.statesFile) : {};
  if (!isJsonObject(names) || Object.values(names).some((v) => typeof v !== 'string'))
    throw new Error(`${command.statesFile}: --states wants a JSON object of "your state name": "declared state name"`);
  return verifyPacts({
    files: command.files.map((name) => {
      const pact = readJson(name);
      if (!isJsonObject(pact)) throw new Error(`${name} is not a pact file (a JSON object)`);
      return { name, pact };
    }),
    stateNames: names as Record<string, string>,
    declarations: command.packs.flatMap((pack) => pack.providerStates ?? []),
    target: pactTarget({ apis: command.packs.map((pack) => pack.id), baseUrl: command.baseUrl, origin: command.origin, openApi: command.openApi }),
  });
}
