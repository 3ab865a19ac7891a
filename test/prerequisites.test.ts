import { describe, expect, it } from 'vitest'
import {
  ensurePrerequisites,
  MissingPrerequisitesError,
  type Prerequisite,
} from './prerequisites.ts'

function fake(name: string, present: { value: boolean }, packages: string[]): Prerequisite {
  return {
    name,
    neededBy: `tests of ${name}`,
    locate: () => (present.value ? `/usr/bin/${name}` : null),
    debianPackages: packages,
    manualInstall: packages.length ? undefined : `get ${name} by hand`,
  }
}

describe('test prerequisites', () => {
  it('does nothing when everything is there', async () => {
    const installs: string[][] = []
    const report = await ensurePrerequisites(
      [fake('redis-server', { value: true }, ['redis-server'])],
      {
        log: () => {},
        install: async (packages) => void installs.push(packages),
      },
    )
    expect(installs).toEqual([])
    expect(report).toEqual({ installed: [], present: ['redis-server'] })
  })

  it('installs every missing Debian package in one go when it can', async () => {
    const chromium = { value: false }
    const redis = { value: false }
    const installs: string[][] = []
    const logged: string[] = []
    const report = await ensurePrerequisites(
      [
        fake('chromium', chromium, ['chromium', 'fonts-noto-core']),
        fake('redis-server', redis, ['redis-server']),
      ],
      {
        log: (line) => logged.push(line),
        install: async (packages) => {
          installs.push(packages)
          chromium.value = true
          redis.value = true
        },
      },
    )
    expect(installs).toEqual([['chromium', 'fonts-noto-core', 'redis-server']])
    expect(report.installed).toEqual(['chromium', 'redis-server'])
    expect(logged.join('\n')).toContain('apt-get install chromium fonts-noto-core redis-server')
  })

  it('stops with one message naming the exact commands when it cannot install', async () => {
    const run = ensurePrerequisites(
      [fake('redis-server', { value: false }, ['redis-server']), fake('go', { value: false }, [])],
      { log: () => {}, install: null },
    )
    await expect(run).rejects.toBeInstanceOf(MissingPrerequisitesError)
    await expect(run).rejects.toThrow(
      /redis-server \(for tests of redis-server\): sudo apt-get install -y --no-install-recommends redis-server\n {2}- go \(for tests of go\): get go by hand/,
    )
  })

  it('reports what an installation did not provide', async () => {
    const run = ensurePrerequisites([fake('chromium', { value: false }, ['chromium'])], {
      log: () => {},
      install: async () => {},
    })
    await expect(run).rejects.toThrow(/chromium .*apt-get install/)
  })
})
