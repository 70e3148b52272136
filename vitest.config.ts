import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './contract-tests/support/summary-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'mocks/**/*.test.ts', 'bench/**/*.test.ts'] } },
      { test: { name: 'contract', include: ['contract-tests/**/*.test.ts'], testTimeout: 20_000 } },
    ],
  },
});
