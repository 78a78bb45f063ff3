// Tests run on a 2-core machine where end-to-end runs (scenarios, crash
// tests, a live cluster) share the CPU: time limits are generous so a slow
// moment is not a failure. Speed targets live in `npm run bench`, never here.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
