import { Verifier } from '@pact-foundation/pact-core';
import * as comparatorModule from '@pactflow/openapi-pact-comparator';
import type { JsonObject } from '../core/json.ts';
import { reasonsOfVerifierError, type PactTarget, type Reason, type SchemaFinding } from './verify.ts';

// The two libraries behind `--pact` (decision 008), at the edge: PactFlow's comparator for the schema half, Pact's
// own verifier (pact-core, a native library shipped as an npm package) for the behaviour half.

interface Comparator {
  compare(pact: unknown): AsyncGenerator<SchemaFinding>;
}
// The package's type declarations use import aliases TypeScript cannot follow from here; this is its documented API.
const { Comparator: ComparatorClass } = comparatorModule as unknown as { Comparator: new (document: unknown) => Comparator };

export interface PactTargetOptions {
  readonly apis: readonly string[];
  baseUrl(api: string): string;
  /** The server's origin, where `/__admin/provider-states` is. */
  readonly origin: string;
  /** The OpenAPI document of an API (`openapi/<id>.json`). */
  openApi(api: string): JsonObject;
}

export function pactTarget(options: PactTargetOptions): PactTarget {
  // Pact's core reports anonymous usage over the network unless told not to; the project talks to loopback only.
  process.env['PACT_DO_NOT_TRACK'] = 'true';
  const comparators = new Map<string, Comparator>();
  const comparator = (api: string) => {
    let found = comparators.get(api);
    if (!found) {
      found = new ComparatorClass(options.openApi(api));
      comparators.set(api, found);
    }
    return found;
  };
  return {
    apis: options.apis,
    baseUrl: options.baseUrl,
    statesUrl: `${options.origin}/__admin/provider-states`,
    async compare(api, pact) {
      const findings: SchemaFinding[] = [];
      for await (const result of comparator(api).compare(pact)) findings.push(result);
      return findings;
    },
    async replay(file, providerBaseUrl, statesUrl, session): Promise<Reason[]> {
      try {
        await new Verifier({
          providerBaseUrl,
          pactUrls: [file],
          providerStatesSetupUrl: statesUrl,
          customProviderHeaders: [`X-Mock-Session: ${session}`],
          logLevel: 'error',
        }).verify();
        return [];
      } catch (error) {
        return reasonsOfVerifierError(error);
      }
    },
  };
}
