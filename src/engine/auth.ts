import { parse as parseCookies } from 'cookie';
import { mockError } from '../core/errors.ts';
import { fail, ok } from '../core/result.ts';
import type { StoredRecord } from '../store/store.ts';
import type { AuthRule, Caller, Outcome } from './pack.ts';

/** Looks a record up in the request's space (for sessions). */
export type RecordLookup = (collection: string, id: string) => Promise<StoredRecord | undefined>;

/** Checks the caller's credential against the pack's rule. Any well-formed token is accepted; sessions must exist. */
export async function authenticate(rule: AuthRule, headers: Readonly<Record<string, string>>, lookup: RecordLookup): Promise<Outcome<Caller>> {
  switch (rule.kind) {
    case 'none':
      return ok({ credential: '' });
    case 'authorization': {
      const header = headers['authorization'] ?? '';
      for (const scheme of rule.schemes) {
        const found = scheme.exec(header);
        if (found) return ok({ credential: found[1] ?? found[0] });
      }
      return fail(mockError('unauthenticated', rule.message));
    }
    case 'session': {
      const cookies = parseCookies(headers['cookie'] ?? '');
      for (const name of rule.cookies) {
        const sessionId = cookies[name];
        if (!sessionId) continue;
        const session = await lookup(rule.collection, sessionId);
        const userId = session?.data['userId'];
        if (typeof userId === 'string') return ok({ credential: sessionId, principal: userId });
      }
      return fail(mockError('unauthenticated', rule.message));
    }
  }
}
