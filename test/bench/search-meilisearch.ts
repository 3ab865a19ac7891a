import fs from 'node:fs'
import type { SearchQuery, SupplierSearchDocument } from '#search/documents.ts'
import { createKeepAliveTransport } from '#search/meilisearch-http.ts'
import { createMeilisearchEngine } from '#search/meilisearch-engine.ts'
import { taxonomySearchSettings } from '#search/taxonomy-synonyms.ts'

/**
 * The Meilisearch half of `npm run bench:search` (when MEILI_HOST is set): the same corpus and
 * query mix through the Meilisearch adapter, on an index of its own ("suppliers_bench"); the
 * server's RSS when it runs on this machine; and the cost of one call through the client's
 * default fetch against the adapter's keep-alive transport.
 */
export interface Timings {
  p50: number
  p95: number
  p99: number
}

export async function benchMeilisearch(options: {
  host: string
  apiKey?: string
  documents: Iterable<SupplierSearchDocument>
  classes: Array<{ name: string; queries: SearchQuery[] }>
  time: (queries: SearchQuery[], run: (query: SearchQuery) => unknown) => Promise<Timings>
}): Promise<{ indexingMs: number; rss?: number; classes: Timings[]; transport: string }> {
  const engine = createMeilisearchEngine({
    host: options.host,
    apiKey: options.apiKey,
    indexUid: 'suppliers_bench',
  })
  await engine.configure(taxonomySearchSettings())
  await engine.clear()
  const started = performance.now()
  let batch: SupplierSearchDocument[] = []
  for (const document of options.documents) {
    batch.push(document)
    if (batch.length === 10_000) {
      await engine.upsert(batch)
      batch = []
    }
  }
  if (batch.length > 0) await engine.upsert(batch)
  const indexingMs = performance.now() - started
  const classes: Timings[] = []
  for (const queryClass of options.classes) {
    classes.push(await options.time(queryClass.queries, (query) => engine.search(query)))
  }
  await engine.close()
  return {
    indexingMs,
    rss: localServerRss(options.host),
    classes,
    transport: await transportCost(options),
  }
}

/** p50 of GET /health through fetch and through the keep-alive transport, 50 calls each. */
async function transportCost(options: { host: string; apiKey?: string }): Promise<string> {
  const url = new URL('/health', options.host)
  const headers = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : undefined
  const median = async (call: () => Promise<unknown>) => {
    const samples: number[] = []
    for (let i = 0; i < 50; i++) {
      const at = performance.now()
      await call()
      samples.push(performance.now() - at)
    }
    return samples.sort((a, b) => a - b)[25]!
  }
  const viaFetch = await median(async () => (await fetch(url, { headers })).text())
  const transport = createKeepAliveTransport()
  const viaKeepAlive = await median(() => transport.httpClient(url, { headers }))
  transport.close()
  return `GET /health p50: ${viaFetch.toFixed(2)} ms through fetch, ${viaKeepAlive.toFixed(2)} ms through the keep-alive transport`
}

/** The RSS of a local "meilisearch" process, read from /proc; undefined when remote or unseen. */
function localServerRss(host: string): number | undefined {
  if (!/^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(host)) return undefined
  try {
    for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
      const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
      if (comm !== 'meilisearch') continue
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (rss) return Number(rss[1]) * 1024
    }
  } catch {
    // Not Linux, or the process went away: no figure.
  }
  return undefined
}
