import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

describe('loadConfig', () => {
  it('runs on embedded defaults with no configuration at all', () => {
    const config = loadConfig({}, '/srv/vsi')
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      dataDir: '/srv/vsi/data',
      uploadDir: '/srv/vsi/data/uploads',
    })
    expect(config.MONGODB_URI).toBeUndefined()
    expect(config.MEILI_HOST).toBeUndefined()
  })

  it('requires PUBLIC_URL in production, unless the server listens on loopback only', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL: is required/)
    expect(loadConfig({ NODE_ENV: 'production', HOST: '127.0.0.1' }).PUBLIC_URL).toBeUndefined()
    expect(
      loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://vsi.example.vn' }).PUBLIC_URL,
    ).toBe('https://vsi.example.vn')
  })

  it('treats empty values as unset, as .env files often leave them', () => {
    expect(loadConfig({ MONGODB_URI: '', MEILI_HOST: '  ' }).MONGODB_URI).toBeUndefined()
    expect(loadConfig({ JOB_SWEEP_DELAY: '' }).JOB_SWEEP_DELAY).toBe(120_000)
  })

  it('reads the start-up delay of sweeps as a duration in milliseconds', () => {
    expect(loadConfig({}).JOB_SWEEP_DELAY).toBe(120_000)
    expect(loadConfig({ JOB_SWEEP_DELAY: '0s' }).JOB_SWEEP_DELAY).toBe(0)
    expect(loadConfig({ JOB_SWEEP_DELAY: '90s' }).JOB_SWEEP_DELAY).toBe(90_000)
  })

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['NODE_ENV', 'staging'],
    ['MONGODB_URI', 'postgres://localhost/vsi'],
    ['MEILI_HOST', 'not a url'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['LOG_LEVEL', 'loud'],
    ['STRIPE_SECRET_KEY', 'pk_test_123'],
    ['JOB_SWEEP_DELAY', '2 minutes'],
  ])('refuses %s=%s and names the variable', (variable, value) => {
    const attempt = () => loadConfig({ [variable]: value })
    expect(attempt).toThrow(ConfigError)
    try {
      attempt()
    } catch (error) {
      expect((error as ConfigError).problems.map((problem) => problem.variable)).toContain(variable)
      expect((error as Error).message).toContain(`${variable}:`)
    }
  })

  it('requires the Stripe key and webhook secret together', () => {
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'sk_test_123' })).toThrow(/STRIPE_WEBHOOK_SECRET/)
    expect(
      loadConfig({ STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' })
        .STRIPE_SECRET_KEY,
    ).toBe('sk_test_1')
  })
})

describe('server start-up with bad configuration', () => {
  it('exits non-zero with a message naming the variable, before starting anything', async () => {
    const root = path.resolve(import.meta.dirname, '..')
    const result = await promisify(execFile)('npx', ['tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: 'not-a-port', MONGODB_URI: 'http://wrong' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('PORT: must be a whole number between 0 and 65535')
    expect(result.stderr).toContain(
      'MONGODB_URI: must be a URL starting with mongodb: or mongodb+srv:',
    )
  })
})
