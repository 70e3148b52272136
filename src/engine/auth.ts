import { mockError } from '../core/errors.ts';
import { fail, ok } from '../core/result.ts';
import type { AuthRule, Caller, Outcome } from './pack.ts';

/** Checks the caller's credential against the pack's rule. The mock accepts any well-formed credential. */
export function authenticate(rule: AuthRule, headers: Readonly<Record<string, string>>): Outcome<Caller> {
  if (rule.kind === 'none') return ok({ credential: '' });
  const header = headers['authorization'] ?? '';
  for (const scheme of rule.schemes) {
    const found = scheme.exec(header);
    if (found) return ok({ credential: found[1] ?? found[0] });
  }
  return fail(mockError('unauthenticated', rule.message));
}
