import { defineConfig } from 'vitest/config';

/** The contract tests, run a second time through the lean undici client (UPSTREAM_CLIENT=undici). */
const CONTRACT_TESTS = [
  'test/http/app.test.ts',
  'test/gateway/upstream-errors.test.ts',
  'test/e2e/**/*.test.ts',
  'test/reliability/failing-upstream.test.ts',
  'test/reliability/hostile-input.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    globalSetup: ['test/global-setup.ts'],
    // Not UTC on purpose: no answer may depend on the server's own time zone.
    env: { TZ: 'America/New_York' },
    projects: [
      { extends: true, test: { name: 'sdk', include: ['test/**/*.test.ts'], env: { UPSTREAM_CLIENT: 'sdk' } } },
      { extends: true, test: { name: 'undici', include: CONTRACT_TESTS, env: { UPSTREAM_CLIENT: 'undici' } } },
    ],
  },
});
