/**
 * `npm run bench:snapshot`: the embedded index's snapshot (decision 017) at 100,000 suppliers,
 * without the database. Indexes the benchmark corpus (the demo-data generator through the
 * sync's document builder) — the baseline, which is the in-memory part of a full rebuild, the
 * part after FerretDB has handed over every profile — then writes the snapshot, appends a
 * journal, and loads both into a fresh engine as a start-up does. Options (environment):
 * SNAPSHOT_DOCS (default 100,000).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { SupplierSearchDocument } from '#search/documents.ts'
import { createEmbeddedEngine } from '#search/embedded-engine.ts'
import { createIndexSnapshotStore } from '#search/index-snapshot.ts'
import { taxonomySearchSettings } from '#search/taxonomy-synonyms.ts'
import { DEFAULT_SEED, generateSuppliers } from './search-corpus.ts'

const DOCS = Number(process.env.SNAPSHOT_DOCS ?? 100_000)
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

console.log(
  `bench:snapshot — ${DOCS.toLocaleString('en')} suppliers; ${os.cpus().length} × ` +
    `${os.cpus()[0]?.model ?? 'cpu'}; load average at start ${load()} (shared machine)`,
)
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'vsi-bench-snapshot-'))
try {
  const engine = createEmbeddedEngine()
  await engine.configure(taxonomySearchSettings())
  const store = createIndexSnapshotStore(directory)
  let indexing = 0
  let writing = 0
  const writer = await store.begin()
  let batch: SupplierSearchDocument[] = []
  const flush = async () => {
    let started = performance.now()
    await engine.upsert(batch)
    indexing += performance.now() - started
    started = performance.now()
    await writer.add(batch)
    writing += performance.now() - started
    batch = []
  }
  const firstIds: string[] = []
  for (const supplier of generateSuppliers(DOCS, DEFAULT_SEED)) {
    if (firstIds.length < 5_000) firstIds.push(supplier.id)
    batch.push(supplier)
    if (batch.length === 500) await flush()
  }
  await flush()
  let started = performance.now()
  await writer.commit(Date.now())
  writing += performance.now() - started
  const bytes = fs.statSync(path.join(directory, 'snapshot.ndjson')).size

  // A day of edits since the snapshot: 1,000 journal records of 5 changed suppliers each.
  const changed = [...generateSuppliers(5_000, DEFAULT_SEED + 1)].map((document, index) => ({
    ...document,
    id: firstIds[index]!,
  }))
  started = performance.now()
  for (let start = 0; start < changed.length; start += 5) {
    await store.append({ upserts: changed.slice(start, start + 5) })
  }
  const appendMs = (performance.now() - started) / 1_000
  // The running engine got the same changes (the sync applies them before journaling).
  await engine.upsert(changed)

  const restarted = createEmbeddedEngine()
  await restarted.configure(taxonomySearchSettings())
  started = performance.now()
  const loaded = await createIndexSnapshotStore(directory).load(restarted)
  const loading = performance.now() - started
  if (!loaded.loaded) throw new Error(`snapshot refused: ${loaded.reason}`)
  const probe = await restarted.search({ q: 'ép nhựa', perPage: 5 })
  const original = await engine.search({ q: 'ép nhựa', perPage: 5 })

  console.log('')
  console.log('| step | time | note |')
  console.log('| --- | --- | --- |')
  console.log(
    `| baseline: index ${DOCS.toLocaleString('en')} documents in memory | ${seconds(indexing)} | the in-memory part of a full rebuild (FerretDB's reads come on top) |`,
  )
  console.log(
    `| write the snapshot (streamed, fsync, rename) | ${seconds(writing)} | ${(bytes / 1e6).toFixed(0)} MB |`,
  )
  console.log(
    `| journal append + fsync, per record | ${appendMs.toFixed(2)} ms | 1,000 records of 5 documents |`,
  )
  console.log(
    `| start-up load: snapshot + 1,000-record journal into a fresh engine | ${seconds(loading)} | ${loaded.documents.toLocaleString('en')} documents, ${(loading / indexing).toFixed(2)}× the baseline; same hits as before: ${JSON.stringify(probe.hits.map((hit) => hit.id)) === JSON.stringify(original.hits.map((hit) => hit.id)) ? 'yes' : 'NO'} |`,
  )
  console.log(`load average at end ${load()}`)
} finally {
  fs.rmSync(directory, { recursive: true, force: true })
}
