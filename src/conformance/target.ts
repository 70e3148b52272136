import { isJsonObject } from '../core/json.ts';
import type { ApiPack } from '../engine/pack.ts';
import type { Journal, JournalEntry } from '../journal/journal.ts';
import type { Refusal } from './classify.ts';
import type { ConformanceTarget } from './run.ts';
import { consolePathValues } from './targets.ts';

// The two kinds of target: the in-process mock (its journal read directly) and a server at a base URL. A server
// that answers `/__admin/health` naming the API is one of ours: its console headers and fixed path values are used, its journal is read
// over `/__admin/requests`, and each check's session is reset first. Anything else is a real provider: no admin
// calls beyond that one probe, refusals are unknown (so drift), and requests are paced below its rate limit.

export function inProcessTarget(pack: ApiPack, baseUrl: string, journal: Journal): ConformanceTarget {
  return {
    baseUrl,
    consoleHeaders: consoleHeaders(pack),
    consolePathValues: consolePathValues(pack.console),
    refusal: async (client) => refusalOf(journal.entries({ api: pack.id, client }).at(-1)),
  };
}

export async function remoteTarget(pack: ApiPack, baseUrl: string): Promise<{ target: ConformanceTarget; ours: boolean }> {
  const origin = new URL(baseUrl).origin;
  const ours = await isOurServer(origin, pack.id);
  const paceMs = pack.rateLimit ? Math.ceil(1000 / pack.rateLimit.perSecond) + 5 : 0;
  if (!ours) return { ours, target: { baseUrl, consoleHeaders: {}, paceMs, refusal: async () => undefined } };
  return {
    ours,
    target: {
      baseUrl,
      consoleHeaders: consoleHeaders(pack),
      consolePathValues: consolePathValues(pack.console),
      paceMs,
      async refusal(client) {
        try {
          const response = await fetch(`${origin}/__admin/requests?api=${encodeURIComponent(pack.id)}&client=${encodeURIComponent(client)}`);
          if (!response.ok) return undefined;
          const body = (await response.json()) as { requests?: JournalEntry[] };
          return refusalOf(body.requests?.at(-1));
        } catch {
          return undefined;
        }
      },
      async resetSession(session) {
        await fetch(`${origin}/__admin/reset?api=${encodeURIComponent(pack.id)}&session=${encodeURIComponent(session)}`, { method: 'POST' }).catch(
          () => undefined,
        );
      },
    },
  };
}

async function isOurServer(origin: string, api: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/__admin/health`, { signal: AbortSignal.timeout(3000) });
    const body: unknown = response.ok ? await response.json() : undefined;
    return isJsonObject(body) && body['status'] === 'ok' && Array.isArray(body['apis']) && body['apis'].includes(api);
  } catch {
    return false;
  }
}

function consoleHeaders(pack: ApiPack): Record<string, string> {
  return Object.fromEntries(Object.entries(pack.console?.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}

function refusalOf(entry: JournalEntry | undefined): Refusal | undefined {
  if (!entry) return undefined;
  return { ...(entry.refusal ? { kind: entry.refusal } : {}), violations: entry.violations };
}
