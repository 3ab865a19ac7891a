import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import mongoose from 'mongoose'
import { afterAll, describe, expect, it } from 'vitest'
import { testLogger } from '#test/logger.ts'
import { connectMongoose, createDatabase } from './database.ts'
import {
  EmbeddedDatabaseUnavailableError,
  ensureFerretdbBinary,
  ferretdbBinaryPath,
  FerretdbServer,
} from './ferretdb.ts'

const projectRoot = path.resolve(import.meta.dirname, '..')

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('embedded FerretDB supervision', () => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
  })

  it('reports a crash on health, restarts, and keeps the data written before it', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-ferretdb-crash-'))
    const ferretdb = await FerretdbServer.start({
      binary: ferretdbBinaryPath(projectRoot),
      logger: testLogger,
      storage: { kind: 'disk', dir },
    })
    cleanups.push(async () => {
      await ferretdb.stop()
      await fs.rm(dir, { recursive: true, force: true })
    })
    await connectMongoose(ferretdb.uri('crash'))
    cleanups.push(() => mongoose.disconnect())
    const database = createDatabase('ferretdb-embedded', testLogger, ferretdb)
    await mongoose.connection.collection('notes').insertOne({ text: 'ghi chú trước sự cố' })
    expect(await database.health()).toEqual({ state: 'up', kind: 'ferretdb-embedded' })

    const crashed = new Promise((resolve) => ferretdb.once('crash', resolve))
    process.kill(ferretdb.pid!, 'SIGKILL')
    await crashed
    const report = await database.health()
    expect(report.state).toBe('down')
    expect(report.detail).toMatch(/embedded FerretDB exited .*signal SIGKILL/)

    await waitFor(async () => (await database.health()).state === 'up')
    expect(ferretdb.restartCount).toBe(1)
    const note = await mongoose.connection.collection('notes').findOne({})
    expect(note?.text).toBe('ghi chú trước sự cố')
  })

  it('says exactly what to install or set when Go is missing and nothing is built', async () => {
    const emptyRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-no-go-'))
    const savedPath = process.env.PATH
    process.env.PATH = emptyRoot
    try {
      const error = await ensureFerretdbBinary({
        projectRoot: emptyRoot,
        logger: testLogger,
      }).catch((e) => e)
      expect(error).toBeInstanceOf(EmbeddedDatabaseUnavailableError)
      expect(error.message).toContain('install Go 1.24 or newer')
      expect(error.message).toContain('set MONGODB_URI')
    } finally {
      process.env.PATH = savedPath
      await fs.rm(emptyRoot, { recursive: true, force: true })
    }
  })

  it('reuses the built binary: no Go needed once it exists', async () => {
    const savedPath = process.env.PATH
    process.env.PATH = '/nonexistent'
    try {
      expect(await ensureFerretdbBinary({ projectRoot, logger: testLogger })).toBe(
        ferretdbBinaryPath(projectRoot),
      )
    } finally {
      process.env.PATH = savedPath
    }
  })
})
