/**
 * `npm run bench:search`: indexes 100,000 synthetic suppliers into the embedded engine and
 * times a fixed query mix against it and against a brute-force scan measured in the same run.
 * Prints figures; asserts nothing (speed is shown here, never in tests). Options:
 * `--suppliers N` or BENCH_DOCS (default 100000), BENCH_SEED. With MEILI_HOST (and
 * MEILI_API_KEY) set, the same corpus and query mix also run against Meilisearch, printed side
 * by side (bench-meilisearch.ts). Ends with a summary of the targeted figures (term + 2
 * filters, typo, broad, indexing), each with its ratio to the baseline measured in this run.
 */
import os from 'node:os'
import v8 from 'node:v8'
import vm from 'node:vm'
import { prepareBaseline, scanSearch } from './search-baseline.ts'
import { benchMeilisearch, type Timings } from './search-meilisearch.ts'
import { DEFAULT_SEED, generateSuppliers } from './search-corpus.ts'
import type { SearchQuery, SupplierSearchDocument } from '#search/documents.ts'
import { createEmbeddedEngine } from '#search/embedded-engine.ts'
import { taxonomySearchSettings } from '#search/taxonomy-synonyms.ts'

function suppliersOption(): number {
  const at = process.argv.indexOf('--suppliers')
  const value = at === -1 ? process.env.BENCH_DOCS : process.argv[at + 1]
  const docs = Number(value ?? 100_000)
  if (!Number.isInteger(docs) || docs < 1) throw new Error(`--suppliers: not a count: ${value}`)
  return docs
}

const DOCS = suppliersOption()
const SEED = Number(process.env.BENCH_SEED ?? DEFAULT_SEED)
const ENGINE_RUNS = 25
const BASELINE_RUNS = 3

v8.setFlagsFromString('--expose-gc')
const collectGarbage = vm.runInNewContext('gc') as () => void

interface QueryClass {
  name: string
  /** p95 target in ms, where the brief sets one. */
  target?: number
  queries: SearchQuery[]
}

/** Indexing batch: as the sync sends a rebuild (10,000 documents). */
const INDEX_BATCH = 10_000

const FACETS3 = ['sector', 'province', 'certification'] as const
const CLASSES: QueryClass[] = [
  {
    name: 'term + 2 filters + 3 facets',
    target: 15,
    queries: [
      { q: 'dập kim loại', filters: { province: ['ho-chi-minh'], certification: ['iso-9001'] } },
      { q: 'ép phun', filters: { region: ['north'], sector: ['electronics'] } },
      { q: 'cnc', filters: { province: ['ha-noi', 'bac-ninh'], employeeBand: ['50-199'] } },
      { q: 'khuôn mẫu', filters: { region: ['south'], verified: ['true'] } },
      { q: 'aluminium', filters: { sector: ['automotive'], exportMarket: ['JP', 'KR'] } },
    ].map((query) => ({ ...query, facets: [...FACETS3] })),
  },
  {
    name: 'term only + facets',
    queries: [
      { q: 'thép không gỉ' },
      { q: 'gioăng cao su' },
      { q: 'khuon ep' },
      { q: 'injection moulding' },
      { q: 'sơn tĩnh điện' },
    ].map((query) => ({ ...query, facets: [...FACETS3, 'region' as const] })),
  },
  {
    name: 'filters only + facets',
    queries: [
      { filters: { sector: ['automotive'], region: ['north'] } },
      { filters: { certification: ['iatf-16949'] } },
      { filters: { province: ['dong-nai'], verified: ['true'] } },
      { filters: { process: ['cnc-milling', 'cnc-turning'], material: ['aluminium'] } },
      { filters: { exportMarket: ['JP'] }, sort: 'name' as const },
    ].map((query) => ({ ...query, facets: [...FACETS3, 'process' as const, 'material' as const] })),
  },
  {
    name: 'typo',
    queries: [
      { q: 'alumnium' },
      { q: 'stampng' },
      { q: 'precisoin' },
      { q: 'injecton moulding' },
      { q: 'electrnics' },
    ].map((query) => ({ ...query, facets: [...FACETS3] })),
  },
  {
    name: 'broad one-syllable (máy, điện…)',
    target: 50,
    queries: [{ q: 'máy' }, { q: 'may' }, { q: 'điện' }, { q: 'công' }, { q: 'nhựa' }].map(
      (query) => ({ ...query, facets: [...FACETS3] }),
    ),
  },
  {
    name: 'cross-language taxonomy term',
    queries: [
      { q: 'wire harness' },
      { q: 'stainless steel' },
      { q: 'powder coating' },
      { q: 'ワイヤーハーネス' },
      { q: 'bó dây điện' },
    ].map((query) => ({ ...query, facets: [...FACETS3] })),
  },
  {
    name: 'as-you-type prefix',
    queries: [{ q: 'ép ph' }, { q: 'khuôn d' }, { q: 'stai' }, { q: 'm' }, { q: 'gioăng c' }].map(
      (query) => ({ ...query, facets: [...FACETS3] }),
    ),
  },
]

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function time(runs: number, queries: SearchQuery[], run: (q: SearchQuery) => unknown) {
  for (const query of queries) await run(query)
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    for (const query of queries) {
      const started = performance.now()
      await run(query)
      samples.push(performance.now() - started)
    }
  }
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`
const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1)
const pad = (text: string, width: number) => text.padStart(width)

async function main() {
  console.log(
    `Search benchmark: ${DOCS.toLocaleString('en')} synthetic suppliers (seed ${SEED}), ` +
      `Node ${process.version}, ${os.cpus().length} CPUs`,
  )
  collectGarbage()
  const rssBefore = process.memoryUsage().rss

  const engine = createEmbeddedEngine()
  await engine.configure(taxonomySearchSettings())
  let indexing = 0
  const batchTimes: number[] = []
  let batch: SupplierSearchDocument[] = []
  const flush = async () => {
    if (batch.length === 0) return
    const started = performance.now()
    await engine.upsert(batch)
    const took = performance.now() - started
    indexing += took
    batchTimes.push(took)
    batch = []
  }
  for (const supplier of generateSuppliers(DOCS, SEED)) {
    batch.push(supplier)
    if (batch.length === INDEX_BATCH) await flush()
  }
  await flush()
  collectGarbage()
  const justAfter = process.memoryUsage()
  // V8 gives freed heap pages back to the system once the process idles; a server that has
  // just rebuilt its index at start-up gets there within seconds.
  await new Promise((resolve) => setTimeout(resolve, 5_000))
  collectGarbage()
  const settled = process.memoryUsage()
  console.log(
    `Indexing (validation included): ${(indexing / 1000).toFixed(1)} s ` +
      `(${Math.round(DOCS / (indexing / 1000)).toLocaleString('en')} documents/s; target ≤ 20 s ` +
      `${indexing <= 20_000 ? 'ok' : 'MISSED'}); ${await engine.count()} documents indexed.\n` +
      `Memory after indexing: RSS ${mb(justAfter.rss)} right after a GC, ${mb(settled.rss)} ` +
      `5 s later (target ≤ 800 MB ${settled.rss <= 800 * 1024 * 1024 ? 'ok' : 'MISSED'}; ` +
      `${mb(rssBefore)} before indexing); JS heap used ${mb(settled.heapUsed)}, ` +
      `outside the heap ${mb(settled.external)}.`,
  )

  // The baseline's "indexing": folding each document into the one string the scan reads, in
  // the same batches (what a first version without an engine would prepare).
  const scanned: ReturnType<typeof prepareBaseline>[] = []
  const baselineBatchTimes: number[] = []
  let pending: SupplierSearchDocument[] = []
  const prepare = () => {
    const started = performance.now()
    for (const document of pending) scanned.push(prepareBaseline(document))
    baselineBatchTimes.push(performance.now() - started)
    pending = []
  }
  for (const supplier of generateSuppliers(DOCS, SEED)) {
    pending.push(supplier)
    if (pending.length === INDEX_BATCH) prepare()
  }
  if (pending.length > 0) prepare()
  const baselineIndexing = baselineBatchTimes.reduce((sum, value) => sum + value, 0)
  console.log(
    `Baseline: the same documents folded into one string each (${(baselineIndexing / 1000).toFixed(1)} s), ` +
      `scanned linearly.\n`,
  )

  const header = [
    'query class'.padEnd(32),
    pad('hits', 7),
    pad('engine p50', 11),
    pad('p95', 7),
    pad('p99', 7),
    pad('scan p50', 9),
    pad('p95', 7),
    pad('p99', 7),
    pad('scan/engine p50', 16),
    pad('p95', 6),
    pad('target p95', 11),
  ].join(' ')
  console.log(header)
  console.log('-'.repeat(header.length))
  const embeddedTimes: Timings[] = []
  const scanTimesOf: Timings[] = []
  for (const queryClass of CLASSES) {
    let hits = 0
    for (const query of queryClass.queries) hits += (await engine.search(query)).total
    const engineTimes = await time(ENGINE_RUNS, queryClass.queries, (q) => engine.search(q))
    embeddedTimes.push(engineTimes)
    const scanTimes = await time(BASELINE_RUNS, queryClass.queries, (q) => scanSearch(scanned, q))
    scanTimesOf.push(scanTimes)
    const target = queryClass.target
    const verdict =
      target === undefined ? '—' : `${target} ${engineTimes.p95 <= target ? 'ok' : 'MISSED'}`
    console.log(
      [
        queryClass.name.padEnd(32),
        pad(String(Math.round(hits / queryClass.queries.length)), 7),
        pad(ms(engineTimes.p50), 11),
        pad(ms(engineTimes.p95), 7),
        pad(ms(engineTimes.p99), 7),
        pad(ms(scanTimes.p50), 9),
        pad(ms(scanTimes.p95), 7),
        pad(ms(scanTimes.p99), 7),
        pad(`${(scanTimes.p50 / engineTimes.p50).toFixed(1)}×`, 16),
        pad(`${(scanTimes.p95 / engineTimes.p95).toFixed(1)}×`, 6),
        pad(verdict, 11),
      ].join(' '),
    )
  }

  // The two must agree where their semantics coincide: filters and facets without words.
  const checks = await Promise.all(
    CLASSES[2]!.queries.map(async (query) => {
      const scan = scanSearch(scanned, query)
      const result = await engine.search(query)
      return result.total === scan.total && sameCounts(result.facets, scan.facets)
    }),
  )
  console.log(
    `\n${ENGINE_RUNS} engine and ${BASELINE_RUNS} scan runs of ${CLASSES[0]!.queries.length} ` +
      `queries per class; "hits" is the mean total. The scan does no typos, synonyms or ranking, ` +
      `so its hit counts differ on those classes. Filters-only totals and facet counts ` +
      `${checks.every(Boolean) ? 'equal' : 'DIFFER FROM'} the scan's.`,
  )
  await engine.close()

  // The figures the targets are about, each beside the baseline of this run.
  const ratio = (baseline: number, value: number) => `${(baseline / value).toFixed(1)}×`
  const verdict = (value: number, target: number | undefined, unit = 'ms') =>
    target === undefined
      ? 'no target'
      : `target ≤ ${target} ${unit}: ${value <= target ? 'ok' : 'MISSED'}`
  console.log(
    `\nSummary (${DOCS.toLocaleString('en')} suppliers; ms; "×" = baseline / engine, same run):`,
  )
  for (const [label, index] of [
    ['term + 2 filters + 3 facets', 0],
    ['typo', 3],
    ['broad one-syllable', 4],
  ] as const) {
    const engineTimes = embeddedTimes[index]!
    const scanTimes = scanTimesOf[index]!
    console.log(
      `  ${label.padEnd(28)} p50 ${pad(ms(engineTimes.p50), 7)} (${ratio(scanTimes.p50, engineTimes.p50)})` +
        `  p95 ${pad(ms(engineTimes.p95), 7)} (${ratio(scanTimes.p95, engineTimes.p95)})` +
        `  ${verdict(engineTimes.p95, CLASSES[index]!.target)}`,
    )
  }
  const batchP50 = percentile(batchTimes, 50)
  const batchP95 = percentile(batchTimes, 95)
  console.log(
    `  ${'indexing'.padEnd(28)} total ${(indexing / 1000).toFixed(1)} s ` +
      `(${ratio(baselineIndexing, indexing)}; ${verdict(indexing / 1000, 20, 's')}); per batch of ` +
      `${INDEX_BATCH.toLocaleString('en')}: p50 ${ms(batchP50)} ` +
      `(${ratio(percentile(baselineBatchTimes, 50), batchP50)})  p95 ${ms(batchP95)} ` +
      `(${ratio(percentile(baselineBatchTimes, 95), batchP95)})`,
  )
  console.log(
    `  The indexing baseline only folds text (no postings, no facets, no validation): its ratio ` +
      `is far below 1 by nature; it is there to show what the machine did in this run.`,
  )
  if (process.env.MEILI_HOST) await sideBySide(indexing, settled.rss, embeddedTimes)
  else console.log('\nMeilisearch: not run (MEILI_HOST is not set).')
}

async function sideBySide(indexingMs: number, rss: number, embedded: Timings[]) {
  const meili = await benchMeilisearch({
    host: process.env.MEILI_HOST!,
    apiKey: process.env.MEILI_API_KEY,
    documents: generateSuppliers(DOCS, SEED),
    classes: CLASSES,
    time: (queries, run) => time(ENGINE_RUNS, queries, run),
  })
  console.log(`\nMeilisearch at ${process.env.MEILI_HOST}, side by side (p50 / p95 / p99 ms):`)
  console.log(
    `indexing: embedded ${(indexingMs / 1000).toFixed(1)} s, Meilisearch ${(meili.indexingMs / 1000).toFixed(1)} s` +
      ` (tasks awaited); RSS: embedded ${mb(rss)}, Meilisearch server ` +
      `${meili.rss === undefined ? 'not measured (not local)' : mb(meili.rss)}`,
  )
  const cells = (t: Timings) => `${ms(t.p50)} / ${ms(t.p95)} / ${ms(t.p99)}`
  CLASSES.forEach((queryClass, i) => {
    console.log(
      `${queryClass.name.padEnd(32)} ${cells(embedded[i]!).padStart(22)}   ${cells(meili.classes[i]!).padStart(22)}`,
    )
  })
  console.log(meili.transport)
}

function sameCounts(a: object, b: object): boolean {
  const canonical = (counts: object) =>
    JSON.stringify(
      Object.entries(counts)
        .map(([facet, values]) => [facet, Object.entries(values as object).sort()])
        .sort(),
    )
  return canonical(a) === canonical(b)
}

await main()
