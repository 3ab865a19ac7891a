import { describe, expect, it } from 'vitest'
import { createEmbeddedEngine } from './embedded-engine.ts'
import type { SearchQuery, SearchResult } from './engine.ts'
import { fixture, SUPPLIERS } from '#test/fixtures/search-fixtures.ts'
import { taxonomySearchSettings } from './taxonomy-synonyms.ts'

/** What only the embedded engine has: dead slots, rebuilds and its write queue. */
const QUERIES: SearchQuery[] = [
  { q: 'đồng' },
  { q: 'wire harness', facets: ['province'] },
  { q: 'khuon', filters: { region: ['north', 'south'] }, facets: ['region', 'sector'] },
  { filters: { certification: ['iso-9001'] }, facets: ['province', 'verified'], sort: 'name' },
  { q: 'stampng', sort: 'updated' },
]

async function engineWith(options?: Parameters<typeof createEmbeddedEngine>[0]) {
  const engine = createEmbeddedEngine(options)
  await engine.configure(taxonomySearchSettings())
  await engine.upsert(SUPPLIERS)
  return engine
}

describe('embedded engine', () => {
  it('answers the same after replaced documents force a rebuild of its index', async () => {
    const fresh = await engineWith()
    const churned = await engineWith({ compaction: { minDeadSlots: 10, deadToLiveRatio: 0.2 } })
    for (let round = 0; round < 3; round++) {
      await churned.upsert(SUPPLIERS.map((supplier) => ({ ...supplier, slug: `${round}` })))
      await churned.delete(['s05', 's06'])
      await churned.upsert([fixture('s05'), fixture('s06')])
    }
    expect(await churned.count()).toBe(30)
    // Term statistics (IDF, field lengths) count dead slots until a rebuild, so scores may
    // differ a little; the hits, their order, highlights and facets may not.
    const withoutScores = (result: SearchResult) => ({
      ...result,
      hits: result.hits.map(({ score: _score, ...hit }) => hit),
    })
    for (const query of QUERIES) {
      const [after, before] = [await churned.search(query), await fresh.search(query)]
      expect(withoutScores(after)).toEqual(withoutScores(before))
      after.hits.forEach((hit, i) => {
        const expected = before.hits[i]!.score ?? 0
        expect(Math.abs((hit.score ?? 0) - expected)).toBeLessThanOrEqual(expected * 0.05)
      })
    }
    expect(await churned.allIds()).toEqual(await fresh.allIds())
  })

  it('applies writes in the order they were made', async () => {
    const engine = createEmbeddedEngine()
    const renamed = { ...fixture('s01'), name: { vi: 'Cơ khí Quokka', en: '' } }
    await Promise.all([
      engine.upsert(SUPPLIERS),
      engine.delete(['s02']),
      engine.upsert([renamed]),
      engine.upsert([fixture('s03')]).then(() => engine.delete(['s03'])),
    ])
    expect(await engine.count()).toBe(28)
    expect((await engine.search({ q: 'quokka' })).hits.map((hit) => hit.id)).toEqual(['s01'])
    await engine.clear()
    expect(await engine.count()).toBe(0)
    expect((await engine.search({})).total).toBe(0)
  })

  it('matches words only among the filtered documents, relaxing when none of them has every word', async () => {
    const engine = await engineWith()
    // s15 (automotive) alone has every word; among the leather suppliers s10 has "cao su".
    expect((await engine.search({ q: 'gioăng cao su' })).hits.map((hit) => hit.id)).toEqual(['s15'])
    const leather = await engine.search({
      q: 'gioăng cao su',
      filters: { sector: ['leather'] },
      facets: ['sector'],
      explain: true,
    })
    const ids = leather.hits.map((hit) => hit.id)
    expect(ids).toContain('s10')
    expect(ids).not.toContain('s15')
    expect(ids.every((id) => fixture(id).sector.includes('leather'))).toBe(true)
    expect(leather.hits[0]?.explain?.relaxed).toBe(true)
    // The disjunctive facet still counts the other sectors' matches (s15 among them).
    expect(leather.facets.sector?.automotive).toBeGreaterThanOrEqual(1)
  })

  it('reads decomposed (NFD) Vietnamese like composed text', async () => {
    const engine = await engineWith()
    const decomposed = {
      ...fixture('s09'),
      id: 's31',
      name: { vi: 'Xưởng Gò Hàn Tâm Đức'.normalize('NFD'), en: '' },
    }
    await engine.upsert([decomposed])
    expect((await engine.search({ q: 'gò hàn tâm đức' })).hits.map((hit) => hit.id)).toEqual([
      's31',
    ])
    const composed = await engine.search({ q: 'Đồng Nai'.normalize('NFD') })
    expect(composed.hits.map((hit) => hit.id).sort()).toEqual(['s07', 's10', 's15'])
  })

  it('answers a repeated search from its cache only until the next write', async () => {
    const engine = await engineWith()
    const query: SearchQuery = { q: 'quokka', facets: ['province'] }
    expect((await engine.search(query)).total).toBe(0)
    // Every kind of write empties the cache: an upsert, a delete, new synonyms.
    const quokka = { ...fixture('s01'), id: 's40', name: { vi: 'Cơ khí Quokka', en: '' } }
    await engine.upsert([quokka])
    const found = await engine.search(query)
    expect(found.hits.map((hit) => hit.id)).toEqual(['s40'])
    expect(found.facets.province).toEqual({ [quokka.province]: 1 })
    await engine.configure({
      ...taxonomySearchSettings(),
      synonyms: [...taxonomySearchSettings().synonyms, ['quokka', 'wallaby']],
    })
    expect((await engine.search({ q: 'wallaby' })).hits.map((hit) => hit.id)).toEqual(['s40'])
    await engine.delete(['s40'])
    expect((await engine.search(query)).total).toBe(0)
    expect((await engine.search({ q: 'wallaby' })).total).toBe(0)
  })

  it('gives each caller its own copy of a cached result', async () => {
    const engine = await engineWith()
    const query: SearchQuery = { q: 'khuon', facets: ['region'] }
    const first = await engine.search(query)
    const expected = structuredClone(first)
    first.hits.reverse().pop()
    first.facets.region!.north = 999
    expect(await engine.search(query)).toEqual(expected)
    // The order of filter values does not make another search.
    const north = { ...query, filters: { region: ['north', 'south'] } }
    const south = { ...query, filters: { region: ['south', 'north'] } }
    expect(await engine.search(south)).toEqual(await engine.search(north))
  })

  it('hands out decoded documents read-only, and the new ones after a write', async () => {
    const engine = await engineWith()
    const [first] = await engine.documents(['s01'], ['name', 'process'])
    expect(Object.isFrozen(first)).toBe(true)
    expect(() => first!.process!.push('welding')).toThrow(TypeError)
    const [again] = await engine.documents(['s01'], ['name', 'process'])
    expect(again).toEqual(first)
    // Other fields of the same document are another entry.
    expect((await engine.documents(['s01'], ['slug']))[0]).toEqual({
      id: 's01',
      slug: fixture('s01').slug,
    })
    await engine.upsert([{ ...fixture('s01'), name: { vi: 'Cơ khí Đổi Tên', en: 'Renamed' } }])
    const [renamed] = await engine.documents(['s01'], ['name', 'process'])
    expect(renamed!.name).toEqual({ vi: 'Cơ khí Đổi Tên', en: 'Renamed' })
    await engine.delete(['s01'])
    expect(await engine.documents(['s01'], ['name'])).toEqual([])
  })

  it('answers filters that keep nothing with nothing, facets included', async () => {
    const engine = await engineWith()
    const none = await engine.search({
      q: 'khuon',
      featured: true,
      filters: { province: ['nowhere'] },
      facets: ['sector'],
    })
    expect(none).toEqual({ hits: [], total: 0, facets: { sector: {} }, page: 1, perPage: 20 })
    // A disjunctive facet still counts its other values.
    const other = await engine.search({
      q: 'khuon',
      filters: { region: ['nowhere'] },
      facets: ['region'],
    })
    expect(other.total).toBe(0)
    expect(Object.keys(other.facets.region!).length).toBeGreaterThan(0)
  })
})
