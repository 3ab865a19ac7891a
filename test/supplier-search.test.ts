import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from './app-server.ts'
import { TestBrowser } from './http.ts'
import { seedSearchSuppliers, type SeededSupplier } from './fixtures/supplier-search-fixtures.ts'

const app = useTestApp()
let suppliers: Map<string, SeededSupplier>

beforeAll(async () => {
  suppliers = await seedSearchSuppliers(app.search)
})

const supplier = (key: string) => suppliers.get(key)!

async function page(path: string) {
  const response = await new TestBrowser(app.baseUrl).get(path)
  expect(response.status, path).toBe(200)
  return response.text()
}

/** The page's visible text, tags as spaces, entities decoded, runs of spaces as one. */
function textOf(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ')
}

/** The slugs of the cards in one list of the page, in order. */
function cardSlugs(html: string, list: 'organic-results' | 'featured-results') {
  const start = html.indexOf(`data-testid="${list}"`)
  if (start === -1) return []
  const end = list === 'featured-results' ? html.indexOf('</section>', start) : html.length
  const slugs = [...html.slice(start, end).matchAll(/<h3[^>]*><a[^>]*href="\/suppliers\/([^"]+)"/g)]
  return slugs.map((match) => match[1])
}

/** The attributes of the link whose whole text is `text`. */
function link(html: string, text: string): Record<string, string> {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const tag = new RegExp(`<a ([^>]*)>${escaped}</a>`).exec(html)
  if (!tag) throw new Error(`no link "${text}"`)
  return Object.fromEntries(
    [...tag[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [
      name!,
      value!.replace(/&amp;/g, '&'),
    ]),
  )
}

/** The attributes of a checkbox of the facet list. */
function checkbox(html: string, name: string, value: string): Record<string, string> {
  const tags = [...html.matchAll(/<input ([^>]*)\/?>/g)].map((tag) =>
    Object.fromEntries([...tag[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, n, v]) => [n!, v!])),
  )
  const found = tags.find(
    (tag) => tag.type === 'checkbox' && tag.name === name && tag.value === value,
  )
  if (!found) throw new Error(`no checkbox ${name}=${value}`)
  return found
}

const slugsOf = (...keys: string[]) => keys.map((key) => supplier(key).slug)

async function api(query: string) {
  const response = await new TestBrowser(app.baseUrl).get(`/api/suppliers${query}`)
  return { status: response.status, headers: response.headers, body: await response.json() }
}

describe('the search page, as a plain GET form', () => {
  it('finds "dập khuôn" from a query typed without diacritics, and marks the words', async () => {
    const html = await page('/suppliers?q=dap+khuon')
    expect(html).toContain('<form')
    expect(html).toMatch(/<form[^>]*method="get"[^>]*action="\/suppliers"/)
    expect(html).toMatch(/<input[^>]*name="q"[^>]*value="dap khuon"/)
    expect(new Set(cardSlugs(html, 'organic-results'))).toEqual(
      new Set(slugsOf('que-vo', 'minh-phat', 'vinh-phuc')),
    )
    expect(textOf(html)).toContain('3 nhà cung cấp')
    expect(html).toMatch(/<mark[^>]*>Dập<\/mark> <mark[^>]*>khuôn<\/mark>/i)
    // The card: trade name, province, key processes and valid certificates, the badge.
    const text = textOf(html)
    expect(text).toContain('Công ty TNHH Cơ khí Chính xác Minh Phát')
    expect(text).toContain('Bắc Ninh')
    expect(text).toContain('Dập kim loại')
    expect(text).toContain('IATF 16949')
    expect(text).toContain('Đã xác minh')
    expect(html).toContain(`href="/suppliers/${supplier('minh-phat').slug}"`)
    const minhPhatCard = html.slice(
      html.indexOf(`href="/suppliers/${supplier('minh-phat').slug}"`),
      html.indexOf('</article>', html.indexOf(`href="/suppliers/${supplier('minh-phat').slug}"`)),
    )
    expect(minhPhatCard, 'the expired ISO 14001 is not shown').not.toContain('ISO 14001')
  })

  it('combines filters: OR within a facet, AND across facets, with exact totals', async () => {
    const cases: Array<[string, string[]]> = [
      ['process=metal-stamping', ['vinh-phuc', 'minh-phat', 'que-vo']],
      [
        'process=metal-stamping&process=cnc-milling',
        ['viet-nhat', 'vinh-phuc', 'hung-thinh', 'minh-phat', 'que-vo'],
      ],
      ['process=metal-stamping&process=cnc-milling&province=bac-ninh', ['minh-phat', 'que-vo']],
      ['process=metal-stamping&process=cnc-milling&province=bac-ninh&verified=true', ['minh-phat']],
    ]
    for (const [query, keys] of cases) {
      const html = await page(`/suppliers?${query}`)
      // Without words, the newest profile first.
      expect(cardSlugs(html, 'organic-results'), query).toEqual(slugsOf(...keys))
      expect(textOf(html), query).toContain(`${keys.length} nhà cung cấp`)
      const json = await api(`?${query}`)
      expect(json.body.total, query).toBe(keys.length)
    }
  })

  it('shows facet counts (disjunctive), ticks the chosen values and offers chips that remove them', async () => {
    const html = await page(
      '/suppliers?process=metal-stamping&process=cnc-milling&province=bac-ninh',
    )
    const text = textOf(html)
    // Provinces counted over both processes, ignoring the province filter itself.
    expect(text).toMatch(/Tỉnh\/thành phố Bắc Ninh 2 (Đồng Nai|Hải Phòng|Phú Thọ) 1/)
    expect(text).toContain('Phú Thọ 1')
    // Processes counted within Bắc Ninh.
    expect(text).toContain('Dập kim loại 2')
    expect(text).toContain('Lắp ráp mạch in (SMT) 1')
    expect(text).toMatch(
      /Xác minh Chưa xác minh 1 Đã được chương trình xác minh 1|Xác minh Đã được chương trình xác minh 1 Chưa xác minh 1/,
    )
    expect(checkbox(html, 'province', 'bac-ninh')).toMatchObject({ form: 'supplier-search' })
    expect(checkbox(html, 'province', 'bac-ninh')).toHaveProperty('checked')
    expect(checkbox(html, 'process', 'metal-stamping')).toHaveProperty('checked')
    expect(checkbox(html, 'province', 'hai-phong')).not.toHaveProperty('checked')
    // Each chip is a link to the same search without that one value.
    expect(html).toContain('href="/suppliers?process=cnc-milling&amp;province=bac-ninh"')
    expect(html).toContain('href="/suppliers?process=metal-stamping&amp;province=bac-ninh"')
    expect(html).toContain('href="/suppliers?process=metal-stamping&amp;process=cnc-milling"')
    expect(text).toContain('Bỏ lọc Bắc Ninh')
    expect(text).toContain('Xóa tất cả bộ lọc')
    // Labels follow the visitor's language.
    const english = textOf(
      await page('/suppliers?process=metal-stamping&process=cnc-milling&province=bac-ninh&lang=en'),
    )
    expect(english).toContain('Metal stamping 2')
    // Names in the page language where the firm has one: the trade name used abroad.
    expect(english).toContain('Minh Phat Precision Engineering')
    expect(english).not.toContain('Công ty TNHH Cơ khí Chính xác Minh Phát')
    expect(english).toContain('Công ty TNHH Dập Khuôn Quế Võ')
    expect(english).toContain('Remove filter Bac Ninh')
    expect(english).toContain('2 suppliers')
  })

  it('pages through the results with links, marking the current page', async () => {
    const first = await page('/suppliers')
    expect(textOf(first)).toContain('34 nhà cung cấp')
    expect(cardSlugs(first, 'organic-results')).toHaveLength(20)
    expect(first).toMatch(/<nav aria-label="Phân trang kết quả"/)
    expect(link(first, '1')).toMatchObject({ href: '/suppliers', 'aria-current': 'page' })
    expect(link(first, '2')).toMatchObject({ href: '/suppliers?page=2' })
    expect(link(first, '2')['aria-current']).toBeUndefined()
    expect(link(first, 'Trang sau')).toMatchObject({ href: '/suppliers?page=2', rel: 'next' })

    const second = await page('/suppliers?page=2')
    const slugs = cardSlugs(second, 'organic-results')
    expect(slugs).toHaveLength(14)
    expect(slugs.some((slug) => cardSlugs(first, 'organic-results').includes(slug))).toBe(false)
    expect(link(second, '2')).toMatchObject({ href: '/suppliers?page=2', 'aria-current': 'page' })
    expect(link(second, 'Trang trước')).toMatchObject({ href: '/suppliers', rel: 'prev' })

    // Filters and the query stay in the page links.
    const filtered = await page('/suppliers?sector=mechanical&sort=name')
    expect(link(filtered, '2').href).toBe('/suppliers?sector=mechanical&sort=name&page=2')
  })

  it('helps when nothing is found: links that remove each filter, and a spelling suggestion', async () => {
    const html = await page('/suppliers?q=xyzzy+qwerty&province=bac-ninh&verified=true')
    const text = textOf(html)
    expect(text).toContain('Không tìm thấy nhà cung cấp phù hợp')
    expect(text).toContain('0 nhà cung cấp')
    expect(text).toContain('Bỏ lọc “Bắc Ninh”')
    expect(html).toContain('href="/suppliers?q=xyzzy+qwerty&amp;verified=true"')
    expect(html).toContain('href="/suppliers?q=xyzzy+qwerty&amp;province=bac-ninh"')
    expect(html).toContain('href="/suppliers?q=xyzzy+qwerty"')
    expect(text).not.toContain('Có phải bạn muốn tìm')

    // No supplier says "electroplatx"; the taxonomy knows "electroplating", and Long Hải plates.
    const misspelt = await page('/suppliers?q=electroplatx')
    expect(textOf(misspelt)).toContain('Có phải bạn muốn tìm: electroplating')
    expect(misspelt).toContain('href="/suppliers?q=electroplating"')
    const suggested = await page('/suppliers?q=electroplating')
    expect(cardSlugs(suggested, 'organic-results')).toEqual(slugsOf('long-hai'))
  })

  it('never lists a hidden supplier, even one its index entry outlived', async () => {
    const hidden = supplier('hidden')
    for (const path of ['/suppliers?q=dap+khuon', '/suppliers?process=metal-stamping']) {
      const html = await page(path)
      expect(html).not.toContain(hidden.slug)
      expect(html).not.toContain('An Danh Stamping')
    }
    expect((await api('?process=metal-stamping')).body.total).toBe(3)

    // Drift: the index still holds the hidden supplier (the reconcile job has not run yet).
    await app.search.upsert([hidden.document])
    try {
      const html = await page('/suppliers?q=an+danh+stamping')
      expect(html).not.toContain(hidden.slug)
      expect(html).not.toContain('An Danh Stamping')
      const json = await api('?q=an+danh+stamping')
      expect(json.body.hits.map((hit: { id: string }) => hit.id)).not.toContain(hidden.id)
    } finally {
      await app.search.delete([hidden.id])
    }
  })

  it('renders a highlighted name with markup in it as text', async () => {
    const html = await page('/suppliers?q=kiem+dinh+song+hong')
    expect(cardSlugs(html, 'organic-results')).toEqual(slugsOf('xss'))
    expect(html).not.toContain('<img src=x')
    expect(html).not.toMatch(/<img[^>]*onerror/i)
    expect(html).toMatch(
      /<mark[^>]*>Định<\/mark> &lt;img src=x onerror=alert\(1\)&gt; <mark[^>]*>Sông<\/mark>/,
    )
    const json = await api('?q=kiem+dinh+song+hong')
    expect(json.body.hits[0].highlights.name).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })
})

describe('the sponsored slot', () => {
  const organicIds = async (query: string) =>
    (await api(query)).body.hits.map((hit: { id: string }) => hit.id)

  it('shows featured suppliers in a labelled slot above the results, leaving the results as they are', async () => {
    const html = await page('/suppliers?q=dap+khuon')
    const featuredAt = html.indexOf('data-testid="featured-results"')
    expect(featuredAt).toBeGreaterThan(-1)
    expect(featuredAt).toBeLessThan(html.indexOf('data-testid="organic-results"'))
    expect(html).toMatch(/<h2 id="featured-title"[^>]*>Được tài trợ<\/h2>/)
    expect(new Set(cardSlugs(html, 'featured-results'))).toEqual(
      new Set(slugsOf('que-vo', 'vinh-phuc')),
    )
    // The featured suppliers are still in the organic list, in the engine's own order.
    const engineOrder = (await app.search.search({ q: 'dap khuon' })).hits.map((hit) => hit.id)
    expect(cardSlugs(html, 'organic-results')).toEqual(
      engineOrder.map((id) => [...suppliers.values()].find((s) => s.id === id)!.slug),
    )
    const json = await api('?q=dap+khuon')
    expect(json.body.hits.map((hit: { id: string }) => hit.id)).toEqual(engineOrder)
    expect(json.body.featured.map((hit: { id: string }) => hit.id).sort()).toEqual(
      [supplier('que-vo').id, supplier('vinh-phuc').id].sort(),
    )
  })

  it('orders the organic results the same with and without featured suppliers', async () => {
    const queries = ['?q=dap+khuon', '?process=metal-stamping', '', '?q=wire+harness', '?sort=name']
    const withFeatured = await Promise.all(queries.map(organicIds))
    const featured = [...suppliers.values()].filter(({ fixture }) => fixture.featured)
    await app.search.upsert(featured.map(({ document }) => ({ ...document, featured: false })))
    try {
      const withoutFeatured = await Promise.all(queries.map(organicIds))
      expect(withoutFeatured).toEqual(withFeatured)
      const html = await page('/suppliers?q=dap+khuon')
      expect(html).not.toContain('data-testid="featured-results"')
      expect(textOf(html)).not.toContain('Được tài trợ')
    } finally {
      await app.search.upsert(featured.map(({ document }) => document))
    }
  })
})

describe('GET /api/suppliers', () => {
  it('explains each hit’s score with debug=score, and only then', async () => {
    const { status, body } = await api('?q=dap+khuon&perPage=2&debug=score')
    expect(status).toBe(200)
    // "dap khuon" is one synonym phrase ("dập khuôn"): one slot, matched.
    expect(body.hits[0].explain).toMatchObject({ wordsMatched: 1, ofWords: 1, relaxed: false })
    expect((await api('?q=dap+khuon&perPage=2')).body.hits[0].explain).toBeUndefined()
    expect((await api('?q=dap&debug=all')).status).toBe(400)
  })

  it('answers the search as JSON, not to be cached', async () => {
    const { status, headers, body } = await api(
      '?q=dap+khuon&process=metal-stamping&process=cnc-milling&perPage=2&sort=relevance',
    )
    expect(status).toBe(200)
    expect(headers.get('content-type')).toMatch(/^application\/json/)
    expect(headers.get('cache-control')).toBe('no-store')
    expect(Object.keys(body).sort()).toEqual(
      ['facets', 'featured', 'hits', 'page', 'perPage', 'query', 'total'].sort(),
    )
    expect(body.query).toEqual({
      q: 'dap khuon',
      filters: { process: ['metal-stamping', 'cnc-milling'] },
      sort: 'relevance',
      page: 1,
      perPage: 2,
    })
    expect(body.total).toBe(3)
    expect(body.page).toBe(1)
    expect(body.perPage).toBe(2)
    expect(body.hits).toHaveLength(2)
    for (const hit of [...body.hits, ...body.featured]) {
      expect(Object.keys(hit).sort()).toEqual(
        [
          'certifications',
          'highlights',
          'id',
          'name',
          'processes',
          'province',
          'region',
          'slug',
          'verified',
          'sectors',
          'employeeBand',
          'exportMarkets',
          'summary',
        ].sort(),
      )
    }
    const minhPhat = supplier('minh-phat')
    const second = await api('?q=dap+khuon&process=metal-stamping&perPage=1&page=2')
    const all = await api('?q=dap+khuon&process=metal-stamping')
    expect(second.body.hits[0].id).toBe(all.body.hits[1].id)
    expect(all.body.hits.find((hit: { id: string }) => hit.id === minhPhat.id)).toEqual({
      id: minhPhat.id,
      slug: minhPhat.slug,
      name: {
        vi: 'Công ty TNHH Cơ khí Chính xác Minh Phát',
        en: 'Minh Phat Precision Engineering',
      },
      province: 'bac-ninh',
      region: 'north',
      processes: ['metal-stamping', 'cnc-milling', 'mould-and-die-making'],
      certifications: ['iso-9001', 'iatf-16949'],
      verified: true,
      sectors: ['automotive', 'mechanical'],
      employeeBand: '50-199',
      exportMarkets: ['JP'],
      summary: {
        vi: 'Chuyên dập khuôn và phay CNC linh kiện xe máy, ô tô.',
        en: 'Metal stamping and CNC milling of motorbike and car parts.',
      },
      highlights: expect.objectContaining({ description: expect.stringContaining('<mark>') }),
    })
    expect(Object.keys(body.facets).sort()).toEqual(
      [
        'certification',
        'employeeBand',
        'exportMarket',
        'material',
        'process',
        'province',
        'region',
        'sector',
        'verified',
      ].sort(),
    )
    expect(body.facets.process['metal-stamping']).toBe(3)
    expect(body.featured.map((hit: { id: string }) => hit.id).sort()).toEqual(
      [supplier('que-vo').id, supplier('vinh-phuc').id].sort(),
    )

    const chosen = await api('?facets=province,verified&verified=true')
    expect(Object.keys(chosen.body.facets).sort()).toEqual(['province', 'verified'])
    expect(chosen.body.facets.verified).toEqual({ true: chosen.body.total, false: 15 })
    expect((await api(`?q=${'a'.repeat(200)}`)).status).toBe(200)
  })

  it.each([
    ['an unknown parameter', '?colour=red', 'unknown_parameter', 'colour'],
    ['the page language, which is no search parameter', '?lang=en', 'unknown_parameter', 'lang'],
    ['an unknown facet name', '?facets=process,colour', 'unknown_facet', 'facets'],
    ['an unknown facet value', '?process=laser-welding', 'unknown_facet_value', 'process'],
    ['a province that is no code', '?province=Bac%20Ninh', 'unknown_facet_value', 'province'],
    ['verified other than true or false', '?verified=yes', 'unknown_facet_value', 'verified'],
    ['page 0', '?page=0', 'invalid_page', 'page'],
    ['page 1001', '?page=1001', 'invalid_page', 'page'],
    ['a page that is not a whole number', '?page=1.5', 'invalid_page', 'page'],
    ['a page that is no number', '?page=two', 'invalid_page', 'page'],
    ['a negative page', '?page=-1', 'invalid_page', 'page'],
    ['perPage 101', '?perPage=101', 'invalid_per_page', 'perPage'],
    ['perPage 0', '?perPage=0', 'invalid_per_page', 'perPage'],
    ['a query of 201 characters', `?q=${'a'.repeat(201)}`, 'query_too_long', 'q'],
    ['an unknown sort', '?sort=best', 'invalid_sort', 'sort'],
    ['a repeated page', '?page=1&page=2', 'repeated_parameter', 'page'],
  ])('refuses %s with a 400 and a bilingual message', async (_what, query, code, field) => {
    const { status, headers, body } = await api(query)
    expect(status).toBe(400)
    expect(headers.get('cache-control')).toBe('no-store')
    expect(body).toEqual({
      error: {
        code,
        field,
        message: { vi: expect.any(String), en: expect.any(String) },
      },
    })
    expect(body.error.message.vi).not.toBe(body.error.message.en)
    expect(body.error.message.en).toContain(field === 'facets' ? 'colour' : field)
  })
})
