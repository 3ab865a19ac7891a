import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateCorpus } from '#test/bench/search-corpus.ts'
import {
  SearchDocumentError,
  type DocumentField,
  type SupplierSearchDocument,
} from './documents.ts'
import { createEmbeddedEngine } from './embedded-engine.ts'
import type { SearchEngine, SearchQuery } from './engine.ts'
import { fixture, SUPPLIERS } from '#test/fixtures/search-fixtures.ts'
import { createMeilisearchEngine } from './meilisearch-engine.ts'
import { taxonomySearchSettings } from './taxonomy-synonyms.ts'
import { fold } from './text.ts'

/**
 * One contract, every adapter: the same suppliers, queries and expectations. The embedded
 * engine always runs; Meilisearch runs when MEILI_HOST (and MEILI_API_KEY) point at a
 * server, on an index of its own that each run clears first, as meilisearch-js's tests do.
 */
interface Adapter {
  name: string
  enabled: boolean
  create: () => SearchEngine
  /** The same adapter on an index that was never created (nothing configured, nothing sent). */
  createEmpty: () => SearchEngine
  /**
   * Meilisearch normalises "đồng" and "đông" to the same token before ranking, so it cannot
   * rank the diacritics as typed first; only the embedded engine promises that.
   */
  ranksExactDiacriticsFirst: boolean
}

const meiliHost = process.env.MEILI_HOST
const adapters: Adapter[] = [
  {
    name: 'embedded',
    enabled: true,
    create: () => createEmbeddedEngine(),
    createEmpty: () => createEmbeddedEngine(),
    ranksExactDiacriticsFirst: true,
  },
  {
    name: 'meilisearch',
    enabled: Boolean(meiliHost),
    create: () =>
      createMeilisearchEngine({
        host: meiliHost!,
        apiKey: process.env.MEILI_API_KEY,
        indexUid: 'suppliers_contract_test',
      }),
    createEmpty: () =>
      createMeilisearchEngine({
        host: meiliHost!,
        apiKey: process.env.MEILI_API_KEY,
        indexUid: `suppliers_contract_never_created_${Date.now().toString(36)}`,
      }),
    ranksExactDiacriticsFirst: false,
  },
]
if (!meiliHost) {
  console.info('Search contract: the Meilisearch adapter was NOT run (MEILI_HOST is not set).')
}

const ids = (result: { hits: { id: string }[] }) => result.hits.map((hit) => hit.id)
const sorted = (values: string[]) => [...values].sort()

for (const adapter of adapters) {
  describe.runIf(adapter.enabled)(`SearchEngine contract: ${adapter.name}`, () => {
    let engine: SearchEngine
    const search = (query: SearchQuery) => engine.search(query)

    beforeAll(async () => {
      engine = adapter.create()
      await engine.configure(taxonomySearchSettings())
      await engine.clear()
      // configure() is idempotent: a second call changes nothing.
      await engine.configure(taxonomySearchSettings())
      await engine.upsert(SUPPLIERS)
    }, 300_000)

    afterAll(async () => {
      await engine?.close()
    })

    it('counts and lists every indexed id with its updatedAt', async () => {
      expect(await engine.count()).toBe(30)
      const versions = await engine.allIds()
      expect(versions).toEqual(
        sorted(SUPPLIERS.map((s) => s.id)).map((id) => ({
          id,
          updatedAt: fixture(id).updatedAt,
        })),
      )
    })

    it('matches Vietnamese with or without diacritics, đ and d alike', async () => {
      expect(ids(await search({ q: 'dap khuon' }))).toEqual(expect.arrayContaining(['s01', 's13']))
      expect(sorted(ids(await search({ q: 'dong nai' })))).toEqual(['s07', 's10', 's15'])
      expect(sorted(ids(await search({ q: 'Đồng Nai' })))).toEqual(['s07', 's10', 's15'])
      // "duc" finds "Đúc" (casting): đ folds to d.
      expect(ids(await search({ q: 'duc' }))).toEqual(expect.arrayContaining(['s02', 's07', 's26']))
      expect(ids(await search({ q: 'gioang cao su' }))).toEqual(['s15'])
    })

    it.runIf(adapter.ranksExactDiacriticsFirst)(
      'ranks matches with the diacritics as typed above folded-only ones',
      async () => {
        const copper = ids(await search({ q: 'đồng' }))
        // s02 is "Đồng Thau Việt", s03 is "Đông Á": both fold to "dong", in the name.
        expect(copper).toContain('s03')
        expect(copper.indexOf('s02')).toBeLessThan(copper.indexOf('s03'))
        const east = ids(await search({ q: 'đông' }))
        expect(east.indexOf('s03')).toBeLessThan(east.indexOf('s02'))
      },
    )

    it('tolerates one typo from 5 letters and two from 9, none below 5', async () => {
      expect(ids(await search({ q: 'alumnium' }))).toEqual(
        expect.arrayContaining(['s07', 's14', 's19', 's27']),
      )
      expect(ids(await search({ q: 'stampng' }))).toEqual(
        expect.arrayContaining(['s01', 's13', 's27', 's30']),
      )
      expect(ids(await search({ q: 'elektronis' }))).toEqual(expect.arrayContaining(['s11', 's24']))
      // "nhon" is one letter from "nhôm", but four letters allow no typo.
      expect((await search({ q: 'nhon' })).total).toBe(0)
    })

    it('matches the last word as a prefix, as the user types', async () => {
      expect(sorted(ids(await search({ q: 'anodi' })))).toEqual(['s07', 's14', 's27'])
      expect(ids(await search({ q: 'gioă' }))).toEqual(['s15'])
      expect(ids(await search({ q: 'cao su gioa' }))).toEqual(['s15'])
    })

    it('expands synonyms across languages, multi-word phrases both ways', async () => {
      // s04 only says "bó dây điện"; s05 only says "wire harness". Neither carries the
      // wire-harness process, so no taxonomy label joins them: the synonym group does.
      for (const q of [
        'wire harness',
        'bó dây điện',
        'bo day dien',
        'ワイヤーハーネス',
        '와이어 하네스',
        'wiring harness',
      ]) {
        expect(sorted(ids(await search({ q }))), q).toEqual(['s04', 's05'])
      }
      // s06, s23 and s28 carry plastic injection moulding (its labels in four languages);
      // s13 carries no such code but writes "khuôn ép nhựa" and "plastic injection moulds".
      for (const q of ['plastic injection', 'ép nhựa', '射出成形', '사출', 'injection molding']) {
        expect(sorted(ids(await search({ q }))), q).toEqual(['s06', 's13', 's23', 's28'])
      }
    })

    it('finds suppliers by the names of their codes in all four languages', async () => {
      // Province labels: Hà Nội.
      for (const q of ['Hà Nội', 'Hanoi', 'ハノイ', '하노이']) {
        expect(sorted(ids(await search({ q }))), q).toEqual(['s03', 's19', 's20'])
      }
      // Export-market labels: the ten suppliers that export to Japan, whichever name is typed.
      const japan = SUPPLIERS.filter((s) => s.exportMarket.includes('JP')).map((s) => s.id)
      expect(japan).toHaveLength(10)
      for (const q of ['Nhật Bản', 'Japan', '日本', '일본']) {
        expect(sorted(ids(await search({ q }))), q).toEqual(sorted(japan))
      }
      // Sector labels: "Linh kiện, phụ tùng ô tô" / "Automotive parts" / 自動車部品 / 자동차 부품.
      const automotive = SUPPLIERS.filter((s) => s.sector.includes('automotive')).map((s) => s.id)
      expect(automotive).toHaveLength(8)
      for (const q of ['phụ tùng ô tô', 'automotive parts', '自動車部品', '자동차 부품']) {
        expect(sorted(ids(await search({ q }))), q).toEqual(sorted(automotive))
      }
    })

    it('requires every query word while some supplier has them all', async () => {
      expect(ids(await search({ q: 'inox bếp' }))).toEqual(['s12'])
      expect(sorted(ids(await search({ q: 'gioăng cao su' })))).toEqual(['s15'])
    })

    it('relaxes a query no supplier matches in full: those matching the most words first', async () => {
      // Nobody makes stainless gaskets: s15 (rubber gaskets) still comes back. Which suppliers
      // with one word are kept differs (the embedded engine keeps any; Meilisearch's
      // "frequency" strategy drops the most frequent word first), so only s15 is asserted.
      const relaxed = ids(await search({ q: 'gioăng inox', perPage: 100 }))
      expect(relaxed).toContain('s15')
      // Three words, none has them all: the supplier with two of them comes first.
      const [first] = ids(await search({ q: 'gioăng cao su inox' }))
      expect(first).toBe('s15')
    })

    it('relaxes a filtered query when no supplier the filters keep has every word', async () => {
      // "precision" (3 suppliers) and "điện" (12): only s27 (Thái Nguyên) has both.
      expect(ids(await search({ q: 'precision điện', perPage: 100 }))).toEqual(['s27'])
      // In Hải Phòng nobody has both: the filtered query relaxes inside the filter instead of
      // answering with an empty page (the full match outside it does not count). s13 has the
      // rarer word; s02 and s05 only the frequent one, which Meilisearch's "frequency"
      // strategy drops first and the embedded engine ranks below (lower IDF).
      const relaxed = await search({
        q: 'precision điện',
        filters: { province: ['hai-phong'] },
        facets: ['province'],
        perPage: 100,
      })
      expect(ids(relaxed)[0]).toBe('s13')
      expect(ids(relaxed)).not.toContain('s27')
      expect(relaxed.hits.every((hit) => fixture(hit.id).province === 'hai-phong')).toBe(true)
      expect(relaxed.total).toBe(relaxed.hits.length)
      expect(relaxed.facets.province?.['hai-phong']).toBe(relaxed.total)
      // One word cannot be relaxed: no match inside the filter is an empty page.
      const single = await search({ q: 'precision', filters: { province: ['dong-nai'] } })
      expect(single.total).toBe(0)
      expect(single.hits).toEqual([])
    })

    it('expands one way: a broader phrase finds the narrower terms, not the reverse', async () => {
      // "CNC machining" → CNC milling and CNC turning (SearchSettings.expansions). Only s01
      // writes "CNC machining"; the others carry the milling or the turning process.
      expect(sorted(ids(await search({ q: 'CNC machining', perPage: 100 })))).toEqual([
        's01',
        's02',
        's07',
        's13',
        's21',
        's26',
        's27',
        's29',
      ])
      // "turning" does not lead back to "CNC machining" (s01) nor over to milling.
      expect(sorted(ids(await search({ q: 'turning', perPage: 100 })))).toEqual([
        's02',
        's21',
        's29',
      ])
    })

    it('filters with AND across facets and OR within one', async () => {
      const either = await search({ filters: { province: ['ha-noi', 'hai-phong'] } })
      expect(sorted(ids(either))).toEqual(['s02', 's03', 's05', 's13', 's19', 's20'])
      const both = await search({
        filters: { province: ['ha-noi', 'hai-phong'], certification: ['iso-9001'] },
      })
      expect(sorted(ids(both))).toEqual(['s02', 's03', 's13'])
      expect(both.total).toBe(3)
      const verified = await search({ filters: { verified: ['false'], region: ['central'] } })
      expect(sorted(ids(verified))).toEqual(['s12', 's26', 's29'])
    })

    it('returns every matching supplier for an empty query with filters', async () => {
      const south = await search({ filters: { region: ['south'] }, perPage: 100 })
      expect(south.total).toBe(11)
      expect(south.hits).toHaveLength(11)
      expect(south.hits.every((hit) => fixture(hit.id).region === 'south')).toBe(true)
      expect((await search({})).total).toBe(30)
    })

    it('filters the featured slot without changing organic results', async () => {
      expect(sorted(ids(await search({ featured: true })))).toEqual(['s04', 's07', 's27'])
      expect((await search({ featured: false })).total).toBe(27)
    })

    it('counts facets disjunctively: a facet ignores its own filter, not the others', async () => {
      const north = await search({
        filters: { region: ['north'] },
        facets: ['province', 'region', 'sector'],
      })
      expect(north.total).toBe(14)
      expect(north.facets.region).toEqual({ north: 14, south: 11, central: 5 })
      expect(north.facets.province).toEqual({
        'bac-ninh': 2,
        'hai-phong': 3,
        'ha-noi': 3,
        'hung-yen': 2,
        'thai-nguyen': 2,
        'quang-ninh': 1,
        'phu-tho': 1,
      })
      expect(north.facets.sector).toEqual({
        automotive: 5,
        mechanical: 6,
        electronics: 5,
        hightech: 4,
      })

      const result = await search({
        filters: { province: ['ha-noi', 'hai-phong'], certification: ['iso-9001'] },
        facets: ['province', 'certification', 'sector', 'verified'],
      })
      // Provinces among ISO 9001 holders; certifications among Hà Nội and Hải Phòng firms.
      expect(result.facets.province).toEqual({
        'bac-ninh': 2,
        'hai-phong': 2,
        'ha-noi': 1,
        'hung-yen': 2,
        'ho-chi-minh': 3,
        'dong-nai': 3,
        'da-nang': 1,
        'thai-nguyen': 2,
        'quang-ninh': 1,
        hue: 1,
        'khanh-hoa': 1,
        'phu-tho': 1,
      })
      expect(result.facets.certification).toEqual({
        'iso-9001': 3,
        'iatf-16949': 1,
        'iso-14001': 1,
        'iso-iec-17025': 1,
      })
      expect(result.facets.sector).toEqual({ mechanical: 3, electronics: 1 })
      expect(result.facets.verified).toEqual({ true: 2, false: 1 })

      const withWords = await search({
        q: 'cnc',
        filters: { region: ['north'] },
        facets: ['region', 'verified'],
      })
      expect(sorted(ids(withWords))).toEqual(['s01', 's02', 's13', 's27'])
      expect(withWords.facets.region).toEqual({ north: 4, south: 2, central: 2 })
      expect(withWords.facets.verified).toEqual({ true: 4 })
    })

    it('sorts by most recently updated', async () => {
      const result = await search({ sort: 'updated', perPage: 100 })
      const expected = [...SUPPLIERS].sort((a, b) => b.updatedAt - a.updatedAt).map((s) => s.id)
      expect(ids(result)).toEqual(expected)
      const filtered = await search({ q: 'cnc', sort: 'updated' })
      expect(ids(filtered)).toEqual(['s27', 's13', 's07', 's01', 's26', 's29', 's02', 's21'])
    })

    it('sorts by folded name, ascending', async () => {
      const result = await search({ sort: 'name', perPage: 100 })
      const key = (s: SupplierSearchDocument) => fold(s.name.vi || s.name.en)
      const expected = [...SUPPLIERS]
        .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
        .map((s) => s.id)
      expect(ids(result)).toEqual(expected)
      // "Công ty Cổ phần Cao su…" before "Công ty Cổ phần Cơ khí Đông Á": a < o once folded.
      expect(ids(result).slice(0, 2)).toEqual(['s15', 's03'])
    })

    it('sorts by relevance: a name match before a description match', async () => {
      const result = await search({ q: 'khuôn mẫu' })
      expect(ids(result)[0]).toBe('s13')
    })

    it('pages without overlap or gaps, with the same total on every page', async () => {
      const seen: string[] = []
      for (let page = 1; page <= 5; page++) {
        const result = await search({ sort: 'name', page, perPage: 7 })
        expect(result.total).toBe(30)
        expect(result.page).toBe(page)
        expect(result.perPage).toBe(7)
        expect(result.hits).toHaveLength(page < 5 ? 7 : 2)
        seen.push(...ids(result))
      }
      expect(new Set(seen).size).toBe(30)
      const beyond = await search({ sort: 'name', page: 6, perPage: 7 })
      expect(beyond.hits).toEqual([])
      expect(beyond.total).toBe(30)
    })

    it('highlights matched words with <mark> in HTML-escaped text', async () => {
      const [hit] = (await search({ q: 'dung sai' })).hits
      expect(hit?.id).toBe('s01')
      expect(hit?.highlights.description).toContain(
        '<mark>Dung</mark> <mark>sai</mark> &lt;0,01 mm &amp; độ bóng cao',
      )
      const mould = (await search({ q: 'khuon' })).hits.find((h) => h.id === 's13')
      expect(mould?.highlights.name).toBe('Công ty TNHH <mark>Khuôn</mark> mẫu Việt Nhật')
      expect(mould?.highlights.products).toContain('<mark>Khuôn</mark> ép nhựa')
      const harness = (await search({ q: 'wire harness' })).hits.find((h) => h.id === 's05')
      expect(harness?.highlights.products).toContain('<mark>Wire</mark> <mark>harness</mark>')
      expect(harness?.highlights.name).toBeUndefined()
      expect((await search({ filters: { region: ['south'] } })).hits[0]?.highlights).toEqual({})
    })

    it('crops a long description to 30 words around the first match, with …', async () => {
      const filler = (word: string, count: number) =>
        Array.from({ length: count }, (_, i) => `${word}${String.fromCharCode(97 + (i % 26))}`)
      const long = {
        ...fixture('s09'),
        id: 's90',
        slug: 's90-long',
        description: {
          vi: '',
          en: [...filler('lorem', 40), 'zirconia', ...filler('ipsum', 40)].join(' '),
        },
        updatedAt: fixture('s09').updatedAt + 1,
      }
      try {
        await engine.upsert([long])
        const [hit] = (await search({ q: 'zirconia' })).hits
        expect(hit?.id).toBe('s90')
        const description = hit?.highlights.description ?? ''
        expect(description).toContain('<mark>zirconia</mark>')
        expect(description.startsWith('…')).toBe(true)
        expect(description.endsWith('…')).toBe(true)
        const words = description.replaceAll('…', ' ').trim().split(/\s+/)
        expect(words.length).toBeGreaterThanOrEqual(20)
        expect(words.length).toBeLessThanOrEqual(30)
      } finally {
        await engine.delete(['s90'])
      }
      expect(await engine.count()).toBe(30)
    })

    it('gives every hit a score when there are words, and explains it on request', async () => {
      const plain = await search({ q: 'cnc' })
      expect(plain.hits.length).toBeGreaterThan(0)
      expect(plain.hits.every((hit) => typeof hit.score === 'number')).toBe(true)
      expect(plain.hits.every((hit) => hit.explain === undefined)).toBe(true)
      const explained = await search({ q: 'cnc', explain: true })
      expect(ids(explained)).toEqual(ids(plain))
      expect(explained.hits.every((hit) => typeof hit.explain === 'object')).toBe(true)
      const browsing = await search({ filters: { region: ['south'] } })
      expect(browsing.hits.every((hit) => hit.score === undefined)).toBe(true)
    })

    it('reports itself up', async () => {
      expect(await engine.health()).toEqual({ state: 'up', kind: adapter.name })
    })

    it('leaves highlights out when asked, with the same hits in the same order', async () => {
      const marked = await search({ q: 'wire harness' })
      const bare = await search({ q: 'wire harness', highlight: false })
      expect(ids(bare)).toEqual(ids(marked))
      expect(marked.hits.some((hit) => Object.keys(hit.highlights).length > 0)).toBe(true)
      expect(bare.hits.every((hit) => Object.keys(hit.highlights).length === 0)).toBe(true)
    })

    it('gives documents by id: the fields asked for, in the order asked, unknown ids left out', async () => {
      const every = Object.keys(SUPPLIERS[0]!) as DocumentField[]
      const hits = ids(await search({ q: 'wire harness' }))
      expect(hits.length).toBeGreaterThan(1)
      const asked = [...hits].reverse()
      const full = await engine.documents([...asked, 'no-such-supplier', 'not an id'], every)
      expect(full.map((document) => document.id)).toEqual(asked)
      for (const document of full) expect(document).toEqual(fixture(document.id))
      const some = await engine.documents(asked.slice(0, 2), ['name', 'process', 'verified'])
      expect(some).toEqual(
        asked.slice(0, 2).map((id) => {
          const { name, process, verified } = fixture(id)
          return { id, name, process, verified }
        }),
      )
      expect(await engine.documents([], every)).toEqual([])
    })

    it('keeps a response figure with the document, and drops it when a later upsert has none', async () => {
      const original = fixture('s07')
      const figure = async () =>
        (await engine.documents(['s07'], ['answeredWithinDay']))[0]?.answeredWithinDay
      try {
        await engine.upsert([{ ...original, answeredWithinDay: { share: 0.9, conversations: 12 } }])
        expect(await figure()).toEqual({ share: 0.9, conversations: 12 })
        await engine.upsert([original])
        expect(await figure()).toBeUndefined()
        await expect(
          engine.upsert([{ ...original, answeredWithinDay: { share: 1.5, conversations: 2 } }]),
        ).rejects.toBeInstanceOf(SearchDocumentError)
      } finally {
        await engine.upsert([original])
      }
    })

    it('replaces a document on upsert, without duplicates', async () => {
      const moved = fixture('s19')
      moved.name = { vi: 'Công ty TNHH Tạo Mẫu Kyoto Lab', en: 'Kyoto Lab Rapid Prototyping' }
      moved.province = 'da-nang'
      moved.region = 'central'
      moved.updatedAt += 1
      try {
        await engine.upsert([moved])
        expect(await engine.count()).toBe(30)
        expect(ids(await search({ q: 'kyoto lab' }))).toEqual(['s19'])
        expect(ids(await search({ q: 'Sáng Tạo 3D' }))).toEqual([])
        const central = await search({ filters: { region: ['central'] }, facets: ['province'] })
        expect(central.total).toBe(6)
        expect(central.facets.province?.['da-nang']).toBe(3)
        expect((await engine.allIds()).find((v) => v.id === 's19')?.updatedAt).toBe(moved.updatedAt)
      } finally {
        await engine.upsert([fixture('s19')])
      }
      expect(ids(await search({ q: 'Sáng Tạo 3D' }))).toEqual(['s19'])
    })

    it('deletes: gone from results, counts and the id list', async () => {
      try {
        await engine.delete(['s12', 'no-such-id'])
        expect(await engine.count()).toBe(29)
        expect(ids(await search({ q: 'inox' }))).not.toContain('s12')
        const central = await search({ filters: { region: ['central'] }, facets: ['region'] })
        expect(central.total).toBe(4)
        expect(central.facets.region).toEqual({ north: 14, south: 11, central: 4 })
        expect((await engine.allIds()).map((v) => v.id)).not.toContain('s12')
      } finally {
        await engine.upsert([fixture('s12')])
      }
      expect(await engine.count()).toBe(30)
    })

    it('refuses malformed documents, indexing nothing from the batch', async () => {
      const valid = { ...fixture('s01'), id: 's99', name: { vi: 'Công ty Mới', en: '' } }
      const malformed = [
        { ...fixture('s02'), id: 'not an id!' },
        { ...fixture('s02'), id: 's98', name: { vi: '', en: '' } },
        { ...fixture('s02'), id: 's97', updatedAt: -1 },
        { ...fixture('s02'), id: 's96', verified: 'yes' },
        { id: 's95' },
      ]
      for (const bad of malformed) {
        const attempt = engine.upsert([valid, bad as unknown as SupplierSearchDocument])
        await expect(attempt).rejects.toBeInstanceOf(SearchDocumentError)
      }
      await expect(engine.upsert([valid, valid])).rejects.toThrow(/appears twice/)
      await expect(engine.delete(['bad id'])).rejects.toBeInstanceOf(SearchDocumentError)
      expect(await engine.count()).toBe(30)
      expect(ids(await search({ q: 'Công ty Mới', perPage: 100 }))).not.toContain('s99')
    })

    it('counts every match exactly beyond 1,000, and every value of a large facet', async () => {
      // Meilisearch's defaults are 1,000 total hits and 100 values per facet; the adapter
      // raises them (maxTotalHits, maxValuesPerFacet). 1,100 more suppliers, 120 of them
      // exporting to a market of their own.
      const extra = generateCorpus(1_100, 11).map((document, i) =>
        i < 120 ? { ...document, exportMarket: [`zz-${i}`] } : document,
      )
      try {
        await engine.upsert(extra)
        const all = await search({ facets: ['exportMarket'], perPage: 10 })
        expect(all.total).toBe(1_130)
        const markets = Object.keys(all.facets.exportMarket ?? {})
        expect(markets.filter((market) => market.startsWith('zz-'))).toHaveLength(120)
        expect(markets.length).toBeGreaterThan(120)
        const last = await search({ sort: 'name', page: 12, perPage: 100 })
        expect(last.total).toBe(1_130)
        expect(last.hits).toHaveLength(30)
        // The id list pages through the documents (Meilisearch: 1,000 at a time).
        const versions = await engine.allIds()
        expect(versions).toHaveLength(1_130)
        expect(new Set(versions.map((version) => version.id)).size).toBe(1_130)
      } finally {
        await engine.delete(extra.map((document) => document.id))
      }
      expect(await engine.count()).toBe(30)
    })

    it('caps perPage at 100', async () => {
      const extra = generateCorpus(120, 7)
      try {
        await engine.upsert(extra)
        const result = await search({ perPage: 1_000 })
        expect(result.perPage).toBe(100)
        expect(result.hits).toHaveLength(100)
        expect(result.total).toBe(150)
      } finally {
        await engine.delete(extra.map((document) => document.id))
      }
      expect(await engine.count()).toBe(30)
    })

    it('answers empty from an index that was never created', async () => {
      const empty = adapter.createEmpty()
      try {
        expect(await empty.search({ q: 'cnc', facets: ['region'] })).toEqual({
          hits: [],
          total: 0,
          facets: expect.any(Object),
          page: 1,
          perPage: 20,
        })
        expect(await empty.count()).toBe(0)
        expect(await empty.allIds()).toEqual([])
        await empty.clear()
      } finally {
        await empty.close()
      }
    })
  })
}
