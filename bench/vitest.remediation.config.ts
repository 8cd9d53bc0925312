import { defineConfig } from 'vitest/config';

// The remediation bench runs the App's TypeScript against the fake GitHub in test/helpers, so vitest runs it.
export default defineConfig({
  test: {
    include: [process.env['BENCH_FILE'] ?? 'bench/remediation.run.ts'],
    testTimeout: 3_600_000,
    pool: 'forks',
  },
});
