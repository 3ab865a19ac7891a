/**
 * `node --import tsx test/bench/ferretdb-backends.ts [postgres-url]`: which filters FerretDB
 * 1.24 pushes down to its backend (explain's `filterPushdown` / `sortPushdown`) and what each
 * costs at 20,000 documents, on SQLite and, given a PostgreSQL URL, on PostgreSQL
 * (decision 008). Spawns its own FerretDB processes on temporary folders.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MongoClient, ObjectId } from 'mongodb'
import { ferretdbBinaryPath } from '#server/ferretdb.ts'

const count = Number(process.env.DOCS ?? 20_000)
const postgresUrl = process.argv[2]
const binary = ferretdbBinaryPath(path.resolve(import.meta.dirname, '../..'))

async function startFerretdb(args: string[]) {
  const port = 42_000 + Math.floor(Math.random() * 1_000)
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'ferret-state-'))
  const child = spawn(binary, [
    ...args,
    `--listen-addr=127.0.0.1:${port}`,
    '--telemetry=disable',
    `--state-dir=${state}`,
    '--log-level=error',
    '--debug-addr=-',
  ])
  const client = new MongoClient(`mongodb://127.0.0.1:${port}/`, {
    serverSelectionTimeoutMS: 20_000,
  })
  await client.connect()
  return { client, stop: () => child.kill('SIGTERM') }
}

const ids = Array.from({ length: count }, () => new ObjectId())
const filler = 'x'.repeat(2_000)
async function measure(label: string, client: MongoClient) {
  const db = client.db(`pushdown_${Date.now()}`)
  const collection = db.collection('organizations')
  for (let start = 0; start < count; start += 1_000) {
    await collection.insertMany(
      ids.slice(start, start + 1_000).map((_id, i) => ({
        _id,
        slug: `org-${start + i}`,
        kind: (start + i) % 10 ? 'supplier' : 'buyer',
        at: new Date(1_700_000_000_000 + start + i),
        filler,
      })),
    )
  }
  await collection.createIndex({ slug: 1 }, { unique: true })
  const probe = ids[Math.floor(count / 2)]!
  const queries: Array<[string, object, object?]> = [
    ['{ _id }', { _id: probe }],
    ['{ _id: { $in: [3] } }', { _id: { $in: [probe, ids[1], ids[2]] } }],
    ['{ slug } (unique index)', { slug: `org-${Math.floor(count / 2)}` }],
    ['{ _id, kind }', { _id: probe, kind: 'supplier' }],
    ['{ at: { $lte } } range', { at: { $lte: new Date(1_700_000_000_000 + 10) } }],
    ['{} sort { _id: -1 } limit 1', {}, { _id: -1 }],
  ]
  const rows: string[] = []
  for (const [name, filter, sort] of queries) {
    const cursor = () => {
      const found = collection.find(filter)
      return sort ? found.sort(sort as never).limit(1) : found
    }
    const explain = (await cursor().explain()) as Record<string, unknown>
    await cursor().toArray()
    const started = performance.now()
    const rounds = 5
    for (let i = 0; i < rounds; i++) await cursor().toArray()
    const ms = (performance.now() - started) / rounds
    rows.push(
      `| ${label} | ${name} | ${String(explain.filterPushdown ?? '?')} | ${String(explain.sortPushdown ?? '?')} | ${ms.toFixed(1)} |`,
    )
  }
  await db.dropDatabase()
  return rows
}

console.log(
  `FerretDB 1.24 pushdown, ${count.toLocaleString('en')} documents of ~2 kB; load ${os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
)
console.log('| backend | filter | filterPushdown | sortPushdown | ms per query |')
console.log('| --- | --- | --- | --- | --- |')
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferret-sqlite-'))
const sqlite = await startFerretdb(['--handler=sqlite', `--sqlite-url=file:${sqliteDir}/`])
for (const row of await measure('sqlite', sqlite.client)) console.log(row)
await sqlite.client.close()
sqlite.stop()
if (postgresUrl) {
  const pg = await startFerretdb(['--handler=pg', `--postgresql-url=${postgresUrl}`])
  for (const row of await measure('postgresql', pg.client)) console.log(row)
  await pg.client.close()
  pg.stop()
}
fs.rmSync(sqliteDir, { recursive: true, force: true })
