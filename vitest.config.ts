// Tests run on a 2-core machine where end-to-end runs (scenarios, crash
// tests, a live cluster) share the CPU: time limits are generous so a slow
// moment is not a failure. Speed targets live in `npm run bench`, never here.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // In CI, also a JSON report, from which .ci/run prints one plain "N passed, N failed" line.
    ...(process.env['CI'] === undefined ? {} : { reporters: ['default', 'json'], outputFile: { json: 'test-results.json' } }),
  },
});
