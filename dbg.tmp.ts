import { generateCorpus } from '#search/bench-corpus.ts'
import { createEmbeddedEngine } from '#search/embedded-engine.ts'
import { taxonomySearchSettings } from '#search/taxonomy-synonyms.ts'
import { THIN_PROFILES } from '#test/search-eval/thin-profiles.ts'
const engine = createEmbeddedEngine()
await engine.configure(taxonomySearchSettings())
await engine.upsert([...THIN_PROFILES, ...generateCorpus(2000)])
const [q, want] = [process.argv[2]!, process.argv[3]!]
const r = await engine.search({ q, perPage: 100, explain: true })
console.log('total', r.total)
r.hits.slice(0, 4).forEach((h) => console.log(h.id, JSON.stringify(h.explain)))
const i = r.hits.findIndex((h) => h.id === want)
console.log(want, 'at', i, JSON.stringify(r.hits[i]?.explain))
