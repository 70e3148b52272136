import { create } from 'xmlbuilder2';
import type { Finding } from './classify.ts';
import type { ConformanceReport, RequestResult } from './run.ts';

// The conformance report in the contract runner's style: what each side lacks, then one line per operation and
// status (PASS, DRIFT, NOTE), each drifting request with its problems (JSON pointer, rule, actual value) and a curl
// line that repeats it, notes with their reason. Exit code 1 when any request drifts.

export function formatConformance(report: ConformanceReport, options: { readonly driftOnly?: boolean } = {}): string {
  const lines: string[] = [`Conformance of ${report.api} to ${report.spec} (OpenAPI ${report.version})`];
  if (!options.driftOnly) {
    lines.push(`Operations of the document the pack does not implement (${report.documentOnly.length}):`);
    for (const op of report.documentOnly) lines.push(`  ${op.method} ${op.path}${op.operationId ? `  (${op.operationId})` : ''}`);
    lines.push(`Operations of the pack the document lacks (${report.packOnly.length}):`);
    for (const op of report.packOnly) lines.push(`  ${op.method} ${op.path}  (${op.id})`);
    if (report.unsent.length > 0)
      lines.push(`Operations with no request to send (a required body the check cannot write, and no example) (${report.unsent.length}):`);
    for (const op of report.unsent) lines.push(`  ${op.method} ${op.path}${op.operationId ? `  (${op.operationId})` : ''}`);
  }
  lines.push('Requests (per operation and status):');
  for (const [key, results] of groups(report.results)) {
    if (options.driftOnly && !results.some((r) => r.verdict === 'drift')) continue;
    const drift = results.filter((r) => r.verdict === 'drift');
    const notes = results.filter((r) => r.verdict === 'note');
    const mark = drift.length > 0 ? 'DRIFT' : notes.length > 0 ? 'NOTE ' : 'PASS ';
    const reasons = noteReasons(results);
    lines.push(
      `  ${mark} ${key}  (${results.length} request${results.length === 1 ? '' : 's'}${drift.length ? `, ${drift.length} drift` : ''}${reasons.length ? `; notes: ${reasons.join(', ')}` : ''})`,
    );
    for (const result of drift) lines.push(...describeDrift(result));
  }
  lines.push(summaryLine(report));
  return lines.join('\n');
}

export function summaryLine(report: ConformanceReport): string {
  const count = (verdict: RequestResult['verdict']) => report.results.filter((r) => r.verdict === verdict).length;
  return (
    `conformance ${report.api}: ${report.results.length} requests, ${count('pass')} passed, ${count('drift')} drift, ${count('note')} with notes; ` +
    `${report.documentOnly.length} document operations not implemented, ${report.packOnly.length} pack operations not in the document`
  );
}

export function hasDrift(report: ConformanceReport): boolean {
  return report.results.some((result) => result.verdict === 'drift');
}

function groups(results: readonly RequestResult[]): [string, RequestResult[]][] {
  const byKey = new Map<string, RequestResult[]>();
  for (const result of results) {
    const key = `${result.method} ${result.path} ${result.status}  [${result.operationId || '-'} = ${result.packOperation}]`;
    byKey.set(key, [...(byKey.get(key) ?? []), result]);
  }
  return [...byKey];
}

/** Each note reason with the number of requests it explains. */
function noteReasons(results: readonly RequestResult[]): string[] {
  const reasons = new Map<string, number>();
  for (const result of results) {
    for (const reason of new Set(result.findings.map((f) => f.verdict).filter((v) => v !== 'drift'))) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  return [...reasons].map(([reason, count]) => `${reason} x${count}`);
}

function describeDrift(result: RequestResult): string[] {
  const drift = result.findings.filter((f) => f.verdict === 'drift');
  const lines = [`      ${result.label}:`, ...drift.slice(0, 8).map(describeFinding)];
  if (drift.length > 8) lines.push(`        ... and ${drift.length - 8} more`);
  lines.push(`        reproduce: ${result.curl}`);
  return lines;
}

export function describeFinding(finding: Finding): string {
  const where = finding.pointer === '' ? '(response)' : finding.pointer;
  const actual = finding.actual === undefined ? '' : `\n          actual: ${trim(JSON.stringify(finding.actual))}`;
  return `        at ${where}: ${finding.message} (rule ${finding.rule})${actual}`;
}

function trim(text: string | undefined, max = 300): string {
  if (text === undefined) return 'undefined';
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** JUnit XML: a testsuite per document, a testcase per request (failure on drift, notes in system-out), missing operations skipped. */
export function conformanceJunit(reports: readonly ConformanceReport[]): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const all = reports.flatMap((r) => r.results);
  const root = doc.ele('testsuites', { name: 'conformance', tests: String(all.length), failures: String(all.filter((r) => r.verdict === 'drift').length) });
  for (const report of reports) {
    const skipped = report.documentOnly.length + report.packOnly.length + report.unsent.length;
    const suite = root.ele('testsuite', {
      name: `${report.api}: ${report.spec}`,
      tests: String(report.results.length + skipped),
      failures: String(report.results.filter((r) => r.verdict === 'drift').length),
      skipped: String(skipped),
    });
    for (const result of report.results) {
      const testcase = suite.ele('testcase', {
        classname: `${report.api}.${result.operationId || result.packOperation}`,
        name: `${result.method} ${result.path} ${result.status} ${result.label}`,
      });
      const drift = result.findings.filter((f) => f.verdict === 'drift');
      if (drift.length > 0)
        testcase
          .ele('failure', { message: drift.map((f) => `${f.pointer || '(response)'}: ${f.message} (rule ${f.rule})`).join('; ') })
          .txt([...drift.map(describeFinding), `reproduce: ${result.curl}`].join('\n'));
      const notes = result.findings.filter((f) => f.verdict !== 'drift');
      if (notes.length > 0)
        testcase.ele('system-out').txt(notes.map((f) => `note ${f.verdict}: ${f.pointer || '(response)'} ${f.message} (rule ${f.rule})`).join('\n'));
    }
    for (const op of report.documentOnly)
      suite
        .ele('testcase', { classname: `${report.api}.${op.operationId ?? op.path}`, name: `${op.method} ${op.path}` })
        .ele('skipped', { message: 'in the document, not implemented by the pack' });
    for (const op of report.packOnly)
      suite
        .ele('testcase', { classname: `${report.api}.${op.id}`, name: `${op.method} ${op.path}` })
        .ele('skipped', { message: 'implemented by the pack, not in the document' });
    for (const op of report.unsent)
      suite
        .ele('testcase', { classname: `${report.api}.${op.operationId ?? op.path}`, name: `${op.method} ${op.path}` })
        .ele('skipped', { message: 'no request to send: a required body the check cannot write, and no example' });
  }
  return doc.end({ prettyPrint: true });
}
