/**
 * `npm run eval:search`: the judged set (queries.ts) over a fixed corpus — the hand-written
 * thin profiles (thin-profiles.ts) alone, then mixed among the demo generator's first 2,000
 * suppliers at the benchmark's seed — scored for the embedded engine and, when MEILI_HOST is
 * set, for Meilisearch side by side. Prints success@5, recall@10 and nDCG@10 per language
 * group; asserts nothing. EVAL_VERBOSE=1 lists the queries that miss the top five.
 */
import { generateCorpus } from '#test/bench/search-corpus.ts'
import type { SupplierSearchDocument } from '#search/documents.ts'
import { createEmbeddedEngine } from '#search/embedded-engine.ts'
import type { SearchEngine } from '#search/engine.ts'
import { createMeilisearchEngine } from '#search/meilisearch-engine.ts'
import { taxonomySearchSettings } from '#search/taxonomy-synonyms.ts'
import { mean, scoreRanking, type QueryScores } from './metrics.ts'
import { JUDGED_QUERIES, QUERY_GROUPS } from './queries.ts'
import { THIN_PROFILES } from './thin-profiles.ts'

const DEMO_SUPPLIERS = 2_000
const VERBOSE = process.env.EVAL_VERBOSE === '1'

interface Corpus {
  name: string
  documents: SupplierSearchDocument[]
}

const demo = generateCorpus(DEMO_SUPPLIERS)
const corpora: Corpus[] = [
  { name: 'thin profiles alone', documents: THIN_PROFILES },
  {
    name: `thin profiles + ${DEMO_SUPPLIERS.toLocaleString('en')} demo suppliers`,
    documents: [...THIN_PROFILES, ...demo],
  },
]

const engines: Array<{ name: string; create: () => SearchEngine }> = [
  { name: 'embedded', create: () => createEmbeddedEngine() },
]
if (process.env.MEILI_HOST) {
  engines.push({
    name: 'meilisearch',
    create: () =>
      createMeilisearchEngine({
        host: process.env.MEILI_HOST!,
        apiKey: process.env.MEILI_API_KEY,
        indexUid: 'suppliers_eval',
      }),
  })
} else {
  console.log('Meilisearch: not run (MEILI_HOST is not set).')
}

async function evaluate(engine: SearchEngine, corpus: Corpus) {
  await engine.configure(taxonomySearchSettings())
  await engine.clear()
  await engine.upsert(corpus.documents)
  const byGroup = new Map<string, QueryScores[]>()
  const misses: string[] = []
  let zeroHits = 0
  for (const query of JUDGED_QUERIES) {
    const relevant = new Set(query.relevant)
    if (query.demo)
      for (const document of corpus.documents) if (query.demo(document)) relevant.add(document.id)
    const result = await engine.search({ q: query.q, perPage: 10 })
    if (result.total === 0) zeroHits++
    const ranked = result.hits.map((hit) => hit.id)
    const scores = scoreRanking(ranked, relevant)
    if (scores.success5 === 0)
      misses.push(
        `  [${query.group}] "${query.q}" → ${ranked.slice(0, 5).join(' ') || '(none)'} (relevant: ${query.relevant.join(' ')}${relevant.size > query.relevant.length ? ` +${relevant.size - query.relevant.length} demo` : ''})`,
      )
    for (const key of [query.group, 'all']) byGroup.set(key, [...(byGroup.get(key) ?? []), scores])
  }
  return { byGroup, misses, zeroHits }
}

const format = (value: number) => value.toFixed(2)
console.log(
  `Judged set: ${JUDGED_QUERIES.length} queries (${QUERY_GROUPS.map((g) => `${g} ${JUDGED_QUERIES.filter((q) => q.group === g).length}`).join(', ')})`,
)
for (const corpus of corpora) {
  console.log(`\n## ${corpus.name} (${corpus.documents.length.toLocaleString('en')} suppliers)`)
  const results = []
  for (const { name, create } of engines) {
    const engine = create()
    results.push({ name, ...(await evaluate(engine, corpus)) })
    await engine.close()
  }
  const header = [
    'group',
    'queries',
    ...results.flatMap(({ name }) => [`${name} s@5`, `${name} R@10`, `${name} nDCG@10`]),
  ]
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`)
  for (const group of [...QUERY_GROUPS, 'all']) {
    const count = results[0]!.byGroup.get(group)?.length ?? 0
    const cells = results.flatMap(({ byGroup }) => {
      const m = mean(byGroup.get(group) ?? [])
      return [format(m.success5), format(m.recall10), format(m.ndcg10)]
    })
    console.log(`| ${group} | ${count} | ${cells.join(' | ')} |`)
  }
  for (const { name, misses, zeroHits } of results) {
    console.log(
      `${name}: ${zeroHits} queries with no hit, ${misses.length} without a relevant supplier in the top five`,
    )
    if (VERBOSE) console.log(misses.join('\n'))
  }
}
