import { create } from 'xmlbuilder2';
import type { CheckResult, ContractReport } from './types.ts';

/** Response checks grouped by API, operation and status; behavioural checks by suite. One line per group. */
export function formatReport(report: ContractReport): string {
  const lines: string[] = [];
  const responses = new Map<string, CheckResult[]>();
  for (const result of report.results.filter((r) => r.kind === 'response')) {
    const key = `${result.api} ${result.operation ?? ''} ${result.status ?? ''}`;
    responses.set(key, [...(responses.get(key) ?? []), result]);
  }
  lines.push('Responses (per operation and status):');
  for (const [key, results] of [...responses].sort(([a], [b]) => a.localeCompare(b))) {
    const failed = results.filter((r) => !r.ok);
    lines.push(
      `  ${failed.length === 0 ? 'PASS' : 'FAIL'}  ${key}  (${results.length} call${results.length === 1 ? '' : 's'}${failed.length ? `, ${failed.length} failed` : ''})`,
    );
    const first = failed[0];
    if (first) lines.push(...describeFailure(first));
    const undocumented = [...new Set(results.flatMap((r) => r.undocumented))];
    if (undocumented.length) lines.push(`        undocumented fields: ${undocumented.slice(0, 10).join(', ')}${undocumented.length > 10 ? ', ...' : ''}`);
  }
  lines.push('Behaviour:');
  for (const result of report.results.filter((r) => r.kind !== 'response')) {
    const mark = result.kind === 'skipped' ? 'SKIP' : result.ok ? 'PASS' : 'FAIL';
    lines.push(`  ${mark}  ${result.api} / ${result.suite}: ${result.description}`);
    if (!result.ok) lines.push(...result.problems.filter((p) => p.actual !== undefined).map((p) => `        actual: ${JSON.stringify(p.actual)}`));
  }
  const { passed, failed, skipped } = counts(report);
  lines.push(`contract: ${passed} checks passed, ${failed} failed, ${skipped} skipped`);
  return lines.join('\n');
}

function describeFailure(result: CheckResult): string[] {
  const lines = result.problems.slice(0, 5).map((problem) => {
    const where = problem.pointer === '' ? '(response)' : problem.pointer;
    const expected = problem.expected === undefined ? '' : `\n          expected: ${JSON.stringify(problem.expected)}`;
    const actual = problem.actual === undefined ? '' : `\n          actual:   ${JSON.stringify(problem.actual)}`;
    return `        at ${where}: ${problem.message}${expected}${actual}`;
  });
  if (result.problems.length > 5) lines.push(`        ... and ${result.problems.length - 5} more`);
  if (result.curl) lines.push(`        reproduce: ${result.curl}`);
  return lines;
}

export function counts(report: ContractReport): { passed: number; failed: number; skipped: number } {
  return {
    passed: report.results.filter((r) => r.ok && r.kind !== 'skipped').length,
    failed: report.results.filter((r) => !r.ok).length,
    skipped: report.results.filter((r) => r.kind === 'skipped').length,
  };
}

/** JUnit XML for CI: a testsuite per contract suite, a testcase per check. */
export function junitXml(report: ContractReport): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const { failed, skipped } = counts(report);
  const root = doc.ele('testsuites', { name: 'contract', tests: String(report.results.length), failures: String(failed), skipped: String(skipped) });
  const bySuite = new Map<string, CheckResult[]>();
  for (const result of report.results) bySuite.set(`${result.api}: ${result.suite}`, [...(bySuite.get(`${result.api}: ${result.suite}`) ?? []), result]);
  for (const [name, results] of bySuite) {
    const suite = root.ele('testsuite', {
      name,
      tests: String(results.length),
      failures: String(results.filter((r) => !r.ok).length),
      skipped: String(results.filter((r) => r.kind === 'skipped').length),
    });
    for (const result of results) {
      const testcase = suite.ele('testcase', { classname: `${result.api}.${result.operation ?? result.suite}`, name: result.description });
      if (result.kind === 'skipped') testcase.ele('skipped', { message: result.description });
      else if (!result.ok) {
        const message = result.problems.map((p) => `${p.pointer || '(response)'}: ${p.message}`).join('; ') || result.description;
        testcase.ele('failure', { message }).txt([...describeFailure(result)].join('\n'));
      }
    }
  }
  return doc.end({ prettyPrint: true });
}
