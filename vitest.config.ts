// Unit tests run in Node (core, kernels, catalogues); browser behaviour is Playwright's job.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/unit/**/*.test.ts'],
    // Some crypto cross-checks (wasm kernel against node:crypto over many random runs) are long.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
