import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, inject, it } from 'vitest'

/**
 * Server code must never reach the browser: a route component that imports a model file
 * pulls Mongoose and the MongoDB driver into the client bundle, which then fails to load
 * ("Could not resolve kerberos") and leaves the page without JavaScript.
 */
describe('the browser bundle', () => {
  it('contains no database, hashing or server-only code', async () => {
    const assets = path.join(inject('buildDir'), 'client', 'assets')
    const files = (await fs.readdir(assets)).filter((name) => name.endsWith('.js'))
    expect(files.length).toBeGreaterThan(5)
    const offenders: string[] = []
    for (const name of files) {
      const source = await fs.readFile(path.join(assets, name), 'utf8')
      for (const marker of [
        'MongoServerError',
        'kerberos',
        'mongoose',
        'argon2',
        'node:crypto',
        'nodemailer',
      ]) {
        if (source.includes(marker)) offenders.push(`${name}: ${marker}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it('is built without server modules in its graph (no "externalized for browser compatibility")', () => {
    // Vite prints this when a browser chunk imports a Node built-in: server code reached the
    // client module graph (for example `import { type X } from '@remix-run/node'`, which keeps
    // a side-effect import under verbatimModuleSyntax).
    const warnings = inject('buildOutput')
      .split('\n')
      .filter((line) => /externalized for browser compatibility/.test(line))
    expect(inject('buildOutput')).toContain('built in')
    expect(warnings).toEqual([])
  })
})
