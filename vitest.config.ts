import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Not UTC on purpose: no answer may depend on the server's own time zone.
    env: { TZ: 'America/New_York' },
  },
});
