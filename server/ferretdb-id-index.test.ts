import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { MongoClient, ObjectId } from 'mongodb'
import { afterAll, describe, expect, it } from 'vitest'
import { testLogger } from '#test/logger.ts'
import { ferretdbBinaryPath, FerretdbServer } from './ferretdb.ts'
import { ensureIdIndexTool, idLookupPlans } from './ferretdb-id-index.ts'

const projectRoot = path.resolve(import.meta.dirname, '..')

// FerretDB 1.24 looks documents up by `_id` with an expression its own `_id_` index does not
// match (a whole-table read per lookup); the tool adds an index SQLite does use.
describe('the FerretDB _id index tool', () => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
  })

  it('turns every lookup by _id from a table scan into an index search, data unchanged', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-ferretdb-id-index-'))
    const tool = await ensureIdIndexTool({ projectRoot, logger: testLogger })
    const ferretdb = await FerretdbServer.start({
      binary: ferretdbBinaryPath(projectRoot),
      logger: testLogger,
      storage: { kind: 'disk', dir },
      idIndexTool: tool,
      // Not on a timer here: the test runs it.
      idIndexEveryMs: 60 * 60_000,
    })
    const client = await MongoClient.connect(ferretdb.uri('idx'))
    cleanups.push(async () => {
      await client.close()
      await ferretdb.stop()
      await fs.rm(dir, { recursive: true, force: true })
    })
    const ids = Array.from({ length: 300 }, () => new ObjectId())
    await client
      .db()
      .collection('suppliers')
      .insertMany(ids.map((_id, n) => ({ _id, n })))
    await client
      .db()
      .collection('keys')
      .insertOne({ _id: 'slug:cong-ty-a' as never, n: 1 })
    await client.db('other').collection('messages').insertOne({ body: 'Xin chào' })

    const sqliteDir = path.join(dir, 'sqlite')
    const before = await idLookupPlans(tool, sqliteDir)
    expect(before).toHaveLength(3)
    for (const entry of before) expect(entry.plan).toMatch(/^SCAN /)

    await ferretdb.addIdIndexes()
    const after = await idLookupPlans(tool, sqliteDir)
    expect(after).toHaveLength(3)
    for (const entry of after) expect(entry.plan).toMatch(/^SEARCH .* USING INDEX .*__id_path/)
    // Idempotent: a second run adds nothing and changes no plan.
    await ferretdb.addIdIndexes()
    expect(await idLookupPlans(tool, sqliteDir)).toEqual(after)

    // FerretDB still answers the same, and lists only its own indexes.
    const suppliers = client.db().collection('suppliers')
    expect(await suppliers.findOne({ _id: ids[217] })).toEqual({ _id: ids[217], n: 217 })
    await suppliers.updateOne({ _id: ids[5] }, { $set: { n: -5 } })
    expect((await suppliers.findOne({ _id: ids[5] }))?.n).toBe(-5)
    await suppliers.deleteOne({ _id: ids[6] })
    expect(await suppliers.countDocuments({})).toBe(299)
    expect((await suppliers.listIndexes().toArray()).map((index) => index.name)).toEqual(['_id_'])
    expect(
      await client
        .db()
        .collection('keys')
        .findOne({ _id: 'slug:cong-ty-a' as never }),
    ).toEqual({
      _id: 'slug:cong-ty-a',
      n: 1,
    })
  })
})
