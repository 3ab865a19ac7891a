import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SearchDocumentError } from './documents.ts'
import { fixture, SUPPLIERS } from '#test/fixtures/search-fixtures.ts'
import {
  createMeilisearchEngine,
  MeilisearchTaskError,
  quote,
  synonymMap,
} from './meilisearch-engine.ts'
import { createKeepAliveTransport } from './meilisearch-http.ts'
import { startMeilisearchMock, type MeilisearchMock } from '#test/meilisearch-mock.ts'

/**
 * What the adapter sends to Meilisearch and how it reads the answers, against a recording
 * stand-in (no Meilisearch runs here). Whether Meilisearch then matches and ranks as the
 * port promises is the contract suite's job, with MEILI_HOST set.
 */
let mock: MeilisearchMock

beforeAll(async () => {
  mock = await startMeilisearchMock()
})
afterAll(async () => {
  await mock.close()
})
beforeEach(() => {
  mock.requests.length = 0
  mock.documents.clear()
})

const engine = () => createMeilisearchEngine({ host: mock.url, indexUid: 'suppliers_test' })
const sent = (method: string, path: string) =>
  mock.requests.filter((request) => request.method === method && request.path === path)

describe('Meilisearch adapter, against a recording stand-in', () => {
  it('configures the index and its settings, awaiting each task', async () => {
    await engine().configure({ synonyms: [['wire harness', 'Bó dây điện', 'ワイヤーハーネス']] })
    expect(sent('POST', '/indexes')[0]?.body).toEqual({ uid: 'suppliers_test', primaryKey: 'id' })
    expect(sent('PATCH', '/indexes/suppliers_test/settings')[0]?.body).toEqual({
      searchableAttributes: ['name', 'products', 'taxonomyLabels', 'description'],
      filterableAttributes: [
        'sector',
        'process',
        'material',
        'certification',
        'province',
        'region',
        'employeeBand',
        'exportMarket',
        'verified',
        'featured',
      ],
      sortableAttributes: ['updatedAt', 'nameSort'],
      // Sort first, so an explicit sort wins (Meilisearch applies rules in order).
      rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
      synonyms: {
        'wire harness': ['bó dây điện', 'ワイヤーハーネス'],
        'bó dây điện': ['wire harness', 'ワイヤーハーネス'],
        ワイヤーハーネス: ['wire harness', 'bó dây điện'],
      },
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
      pagination: { maxTotalHits: 100_000 },
      faceting: { maxValuesPerFacet: 500 },
    })
    expect(mock.requests.filter((request) => request.path.startsWith('/tasks/'))).not.toEqual([])
  })

  it('accepts an existing index, and throws when a settings task fails', async () => {
    mock.failNextTask('index_already_exists')
    await expect(engine().configure({ synonyms: [] })).resolves.toBeUndefined()
    mock.failNextTask('index_creation_failed')
    await expect(engine().configure({ synonyms: [] })).rejects.toBeInstanceOf(MeilisearchTaskError)
  })

  it('sends documents with a folded name to sort by, and throws when the task fails', async () => {
    await engine().upsert(SUPPLIERS.slice(0, 3))
    const [request] = sent('POST', '/indexes/suppliers_test/documents')
    expect(request?.query.get('primaryKey')).toBe('id')
    expect(
      (request?.body as Array<{ id: string; nameSort: string }>).map((d) => d.nameSort),
    ).toEqual([
      'cong ty tnhh co khi chinh xac minh phat',
      'cong ty tnhh dong thau viet',
      'cong ty co phan co khi dong a',
    ])
    expect(await engine().count()).toBe(3)
    mock.failNextTask('invalid_document_fields')
    await expect(engine().upsert([fixture('s04')])).rejects.toThrow(/invalid_document_fields/)
  })

  it('reads documents by id in one request, only the fields asked for, in the order asked', async () => {
    const adapter = engine()
    await adapter.upsert(SUPPLIERS.slice(0, 3))
    mock.requests.length = 0
    const [first, second, third] = SUPPLIERS.slice(0, 3).map((document) => document.id)
    const found = await adapter.documents([third!, 'gone', first!, third!], ['name', 'verified'])
    const [request, ...more] = sent('GET', '/indexes/suppliers_test/documents')
    expect(more).toEqual([])
    expect(request?.query.get('ids')).toBe(`${third},gone,${first}`)
    expect(request?.query.get('fields')).toBe('id,name,verified')
    expect(found).toEqual(
      [third!, first!].map((id) => ({
        id,
        name: fixture(id).name,
        verified: fixture(id).verified,
      })),
    )
    // The port's fields only: the folded sort name Meilisearch also stores is never given back.
    const all = await adapter.documents([second!], ['name', 'nameSort' as never, 'updatedAt'])
    expect(all).toEqual([
      { id: second, name: fixture(second!).name, updatedAt: fixture(second!).updatedAt },
    ])
    expect(await adapter.documents([], ['name'])).toEqual([])
    // What cannot be an id is not indexed: left out, never sent (a comma would split it).
    mock.requests.length = 0
    expect(await adapter.documents(['no spaces', 'a,b'], ['name'])).toEqual([])
    expect(mock.requests).toEqual([])
  })

  it('validates before sending anything', async () => {
    const bad = { ...fixture('s01'), updatedAt: 'yesterday' } as never
    await expect(engine().upsert([bad])).rejects.toBeInstanceOf(SearchDocumentError)
    await expect(engine().delete(['no spaces allowed'])).rejects.toBeInstanceOf(SearchDocumentError)
    expect(mock.requests).toEqual([])
  })

  it('deletes, clears, counts and lists ids page by page', async () => {
    const adapter = engine()
    const many = Array.from({ length: 2_345 }, (_, i) => ({
      ...fixture('s01'),
      id: `x${String(i).padStart(4, '0')}`,
      updatedAt: i,
    }))
    await adapter.upsert(many)
    await adapter.delete(['x0000', 'x0001'])
    expect(sent('POST', '/indexes/suppliers_test/documents/delete-batch')[0]?.body).toEqual([
      'x0000',
      'x0001',
    ])
    expect(await adapter.count()).toBe(2_343)
    const versions = await adapter.allIds()
    expect(versions).toHaveLength(2_343)
    expect(versions[0]).toEqual({ id: 'x0002', updatedAt: 2 })
    expect(sent('GET', '/indexes/suppliers_test/documents')).toHaveLength(3)
    await adapter.clear()
    expect(await adapter.count()).toBe(0)
  })

  it('searches with quoted filters, sort, paging, highlights and one query per filtered facet', async () => {
    mock.onMultiSearch((queries) =>
      queries.map((query, i) => ({
        indexUid: query.indexUid,
        query: query.q,
        processingTimeMs: 1,
        page: query.page,
        hitsPerPage: query.hitsPerPage,
        totalPages: 1,
        totalHits: i === 0 ? 2 : 9,
        facetDistribution:
          i === 0
            ? { sector: { mechanical: 2 } }
            : { [(query.facets as string[])[0]!]: { 'ha-noi': 5, 'hai-phong': 4 } },
        hits:
          i === 0
            ? [
                {
                  id: 's13',
                  _rankingScore: 0.93,
                  _formatted: {
                    id: 's13',
                    name: { vi: 'Công ty TNHH \uE000Khuôn\uE001 mẫu <Việt> & Nhật', en: 'Mould' },
                    description: { vi: 'Không khớp', en: 'Precision \uE000moulds\uE001…' },
                    products: ['\uE000Khuôn\uE001 ép nhựa', 'Precision stamping dies'],
                  },
                },
                { id: 's01', _rankingScore: 0.5, _formatted: { id: 's01', name: { vi: 'x' } } },
              ]
            : [],
      })),
    )
    const result = await engine().search({
      q: 'khuôn',
      filters: { province: ['ha-noi', 'hai-phong'], certification: ['iso "9001"\\'] },
      featured: false,
      facets: ['province', 'sector'],
      sort: 'name',
      page: 2,
      perPage: 500,
    })
    const [request] = sent('POST', '/multi-search')
    const queries = (request?.body as { queries: Array<Record<string, unknown>> }).queries
    expect(queries).toHaveLength(2)
    expect(queries[0]).toMatchObject({
      indexUid: 'suppliers_test',
      q: 'khuôn',
      matchingStrategy: 'all',
      filter: [
        ['certification = "iso \\"9001\\"\\\\"'],
        ['province = "ha-noi"', 'province = "hai-phong"'],
        'featured = false',
      ],
      facets: ['sector'],
      sort: ['nameSort:asc'],
      page: 2,
      hitsPerPage: 100,
      attributesToRetrieve: ['id'],
      attributesToHighlight: ['name', 'description', 'products'],
      highlightPreTag: '\uE000',
      highlightPostTag: '\uE001',
    })
    expect(queries[1]).toMatchObject({
      q: 'khuôn',
      matchingStrategy: 'all',
      filter: [['certification = "iso \\"9001\\"\\\\"'], 'featured = false'],
      facets: ['province'],
      hitsPerPage: 0,
    })
    expect(result).toEqual({
      total: 2,
      page: 2,
      perPage: 100,
      facets: { province: { 'ha-noi': 5, 'hai-phong': 4 }, sector: { mechanical: 2 } },
      hits: [
        {
          id: 's13',
          score: 0.93,
          highlights: {
            name: 'Công ty TNHH <mark>Khuôn</mark> mẫu &lt;Việt&gt; &amp; Nhật',
            description: 'Precision <mark>moulds</mark>…',
            products: '<mark>Khuôn</mark> ép nhựa',
          },
        },
        { id: 's01', score: 0.5, highlights: {} },
      ],
    })
  })

  it('quotes filter values and builds synonym maps from groups', () => {
    expect(quote('plain')).toBe('"plain"')
    expect(quote('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"')
    expect(
      synonymMap([
        ['Mould', 'mold', 'khuôn'],
        ['mould', 'die'],
      ]),
    ).toEqual({
      mould: ['mold', 'khuôn', 'die'],
      mold: ['mould', 'khuôn'],
      khuôn: ['mould', 'mold'],
      die: ['mould'],
    })
    // One-way synonyms: only the broader phrase gets an entry.
    expect(
      synonymMap([], [{ from: ['Garment accessories'], to: ['Buttons', 'Khóa kéo'] }]),
    ).toEqual({ 'garment accessories': ['buttons', 'khóa kéo'] })
  })

  it('relaxes to the "frequency" strategy only when no supplier matches every word', async () => {
    mock.onMultiSearch((queries) =>
      queries.map((query) => ({
        indexUid: query.indexUid,
        query: query.q,
        processingTimeMs: 1,
        page: 1,
        hitsPerPage: 20,
        totalPages: 1,
        totalHits: query.matchingStrategy === 'all' ? 0 : 1,
        facetDistribution: {},
        hits:
          query.matchingStrategy === 'all'
            ? []
            : [{ id: 's15', _rankingScore: 0.5, _rankingScoreDetails: { words: { order: 0 } } }],
      })),
    )
    const result = await engine().search({ q: 'gioăng inox', explain: true })
    const strategies = sent('POST', '/multi-search').map(
      (request) =>
        (request.body as { queries: Array<{ matchingStrategy: string }> }).queries[0]!
          .matchingStrategy,
    )
    expect(strategies).toEqual(['all', 'frequency'])
    expect(result.hits).toEqual([
      {
        id: 's15',
        score: 0.5,
        highlights: {},
        explain: { matchingStrategy: 'frequency', words: { order: 0 } },
      },
    ])
    mock.requests.length = 0
    await engine().search({ q: 'gioăng' })
    expect(sent('POST', '/multi-search')).toHaveLength(1)
  })

  it('relaxes a filtered query within its filters, facet queries included', async () => {
    mock.onMultiSearch((queries) =>
      queries.map((query) => ({
        indexUid: query.indexUid,
        query: query.q,
        processingTimeMs: 1,
        page: 1,
        hitsPerPage: 20,
        totalPages: 1,
        // A full match exists, but not inside the filters: the main query has none.
        totalHits:
          query.matchingStrategy === 'all' && (query.filter as unknown[]).length > 0 ? 0 : 1,
        facetDistribution: { province: { 'hai-phong': 1, 'thai-nguyen': 1 } },
        hits: query.matchingStrategy === 'all' ? [] : [{ id: 's13', _rankingScore: 0.4 }],
      })),
    )
    const result = await engine().search({
      q: 'precision điện',
      filters: { province: ['hai-phong'] },
      facets: ['province'],
    })
    const bodies = sent('POST', '/multi-search').map(
      (request) =>
        (
          request.body as {
            queries: Array<{ matchingStrategy: string; filter?: unknown; facets?: string[] }>
          }
        ).queries,
    )
    expect(bodies).toHaveLength(2)
    // First every word; then "frequency" for the main query (its filter kept) and for the
    // province facet's own query (without its filter), so counts follow the relaxed words.
    expect(bodies[1]!.map((query) => query.matchingStrategy)).toEqual(['frequency', 'frequency'])
    expect(bodies[1]![0]!.filter).toEqual([['province = "hai-phong"']])
    expect(bodies[1]![1]!.filter).toEqual([])
    expect(bodies[1]![1]!.facets).toEqual(['province'])
    expect(result.hits.map((hit) => hit.id)).toEqual(['s13'])
    expect(result.total).toBe(1)
  })

  it('sends every request over one kept-alive connection and maps error answers', async () => {
    const before = mock.connections()
    const adapter = engine()
    for (let i = 0; i < 5; i++) await adapter.count()
    expect(mock.connections() - before).toBe(1)
    await adapter.close()
    // An error answer becomes the client's own MeilisearchApiError, with Meilisearch's code.
    const transport = createKeepAliveTransport()
    await expect(transport.httpClient(new URL('/no-such-route', mock.url))).rejects.toMatchObject({
      name: 'MeilisearchApiError',
      cause: { code: 'not_found' },
    })
    transport.close()
  })
})
