import { create } from 'xmlbuilder2';
import type { InteractionVerdict } from './verify.ts';

// The per-interaction verdicts of `--pact`, printed and as JUnit (a testsuite per pact file).

const MARK = { pass: 'PASS', fail: 'FAIL', skipped: 'SKIP', 'vendor-differs': 'FAIL' } as const;

function reasonLines(verdict: InteractionVerdict): string[] {
  const lines: string[] = [];
  if (verdict.outcome === 'vendor-differs') lines.push('valid for the schema, but the vendor behaves otherwise:');
  for (const reason of verdict.reasons.slice(0, 8)) {
    lines.push(`[${reason.half}] at ${reason.pointer || '(response)'}: ${reason.message}`);
    if (reason.expected !== undefined) lines.push(`  expected: ${JSON.stringify(reason.expected)}`);
    if (reason.actual !== undefined) lines.push(`  actual:   ${JSON.stringify(reason.actual)}`);
  }
  if (verdict.reasons.length > 8) lines.push(`... and ${verdict.reasons.length - 8} more`);
  if (verdict.curl) lines.push(`reproduce: ${verdict.curl}`);
  return lines;
}

export function formatPactReport(verdicts: readonly InteractionVerdict[]): string {
  const lines: string[] = [];
  let file = '';
  for (const verdict of verdicts) {
    if (verdict.file !== file) {
      file = verdict.file;
      lines.push(`${file} (${verdict.consumer} -> ${verdict.provider}, pact v${verdict.spec}):`);
    }
    lines.push(`  ${MARK[verdict.outcome]}  ${verdict.api ? `${verdict.api}: ` : ''}${verdict.description}`);
    if (verdict.outcome !== 'pass') lines.push(...reasonLines(verdict).map((line) => `        ${line}`));
  }
  const count = (outcome: InteractionVerdict['outcome']) => verdicts.filter((v) => v.outcome === outcome).length;
  lines.push(
    `pact: ${count('pass')} passed, ${count('fail')} failed, ${count('vendor-differs')} valid for the schema but not the vendor's behaviour, ${count('skipped')} skipped`,
  );
  return lines.join('\n');
}

export function pactFailed(verdicts: readonly InteractionVerdict[]): boolean {
  return verdicts.some((v) => v.outcome === 'fail' || v.outcome === 'vendor-differs');
}

export function pactJunit(verdicts: readonly InteractionVerdict[]): string {
  const failed = verdicts.filter((v) => v.outcome === 'fail' || v.outcome === 'vendor-differs');
  const skipped = verdicts.filter((v) => v.outcome === 'skipped');
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc.ele('testsuites', { name: 'pact', tests: String(verdicts.length), failures: String(failed.length), skipped: String(skipped.length) });
  for (const file of [...new Set(verdicts.map((v) => v.file))]) {
    const mine = verdicts.filter((v) => v.file === file);
    const suite = root.ele('testsuite', {
      name: file,
      tests: String(mine.length),
      failures: String(mine.filter((v) => failed.includes(v)).length),
      skipped: String(mine.filter((v) => v.outcome === 'skipped').length),
    });
    for (const verdict of mine) {
      const testcase = suite.ele('testcase', { classname: `${verdict.consumer}.${verdict.api ?? 'unmatched'}`, name: verdict.description });
      if (verdict.outcome === 'skipped') testcase.ele('skipped', { message: verdict.reasons[0]?.message ?? 'skipped' });
      else if (verdict.outcome !== 'pass') {
        const message =
          verdict.outcome === 'vendor-differs' ? 'valid for the schema, but the vendor behaves otherwise' : (verdict.reasons[0]?.message ?? 'failed');
        testcase.ele('failure', { message }).txt(reasonLines(verdict).join('\n'));
      }
    }
  }
  return doc.end({ prettyPrint: true });
}
