import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['{app,server,models,search,test}/**/*.test.{ts,tsx}'],
    globalSetup: ['./test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { LOG_LEVEL: 'silent' },
  },
})
