import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Child processes, not worker threads: tests start servers and spawn tsc and the CLI.
    pool: 'forks',
    // A tsc run over a generated project takes several seconds on two cores.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
})
