import type { Reporter, TestModule } from 'vitest/node';

/** Ends a run with one plain line per project, e.g. `contract: 57 passed, 0 failed`, for CI logs. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = new Map<string, { passed: number; failed: number; skipped: number }>();
    for (const module of testModules) {
      const name = module.project.name || 'tests';
      const count = counts.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') count.passed++;
        else if (state === 'failed') count.failed++;
        else count.skipped++;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) count.failed++;
      counts.set(name, count);
    }
    // Unit first and contract last, so the run ends with the contract line CI readers look for.
    const order = (name: string) => (name === 'unit' ? 0 : name === 'contract' ? 2 : 1);
    for (const name of [...counts.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b))) {
      const { passed, failed, skipped } = counts.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      console.log(`${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    }
  }
}
