import crypto from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { Organization, supplierSlugs } from '#models/accounts/organization.ts'
import {
  backfillOrganizationSlugKeys,
  OrganizationSlug,
  organizationIdForSlug,
  SLUG_KEYS_MARKER,
} from '#models/accounts/organization-slug.ts'
import { backfillUserEmailKeys } from '#models/accounts/user.ts'
import { backfillChatIndexes } from '#models/chat/inbox-index-backfill.ts'
import { forgetMaintenanceDone, MaintenanceMarker } from '#models/maintenance-marker.ts'
import { profileFor, SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { seedDemoData } from '#server/demo/seed.ts'
import { createSearchSync } from '#search/sync.ts'
import { useTestApp } from './app-server.ts'
import { createAccount, TEST_PASSWORD, uniqueEmail } from './factories.ts'
import { TestBrowser } from './http.ts'
import { testLogger } from './logger.ts'
import { describeScans, recordQueries, scansOf } from './query-guard.ts'

/**
 * The scan guard on the public search journeys (decision 010): every query these requests send
 * to a growing collection must be a point read or write by `_id`. A query added to one of these
 * paths with any other filter (a slug, an `$in`, a sort) fails this file.
 */
const app = useTestApp()
let slugs: string[] = []

beforeAll(async () => {
  await seedDemoData({ suppliers: 40, buyers: 5, seed: 7, baseDate: new Date('2026-01-01') })
  const sync = createSearchSync({ engine: app.search, logger: testLogger })
  expect(await sync.reindexAll()).toBeGreaterThan(30)
  const organizations = await Organization.find({ kind: 'supplier' }).limit(3).lean()
  slugs = organizations.map((organization) => organization.slug)
}, 120_000)

async function scansDuring(path: string, browser = new TestBrowser(app.baseUrl)) {
  const { result: status, queries } = await recordQueries(async () => {
    const response = await browser.get(path)
    await response.arrayBuffer()
    return response.status
  })
  return { status, queries, scans: describeScans(scansOf(queries)) }
}

describe('public search journeys read growing collections by _id only', () => {
  const searches = ['ep nhua', 'wire harness', 'dập kim loại', 'máy', '']
  for (const q of searches) {
    it(`GET /api/suppliers?q=${q}`, async () => {
      const { status, queries, scans } = await scansDuring(
        `/api/suppliers?${new URLSearchParams({ q })}`,
      )
      expect(status).toBe(200)
      expect(queries.length).toBeGreaterThan(0)
      expect(scans).toEqual([])
    })
  }

  it('GET /suppliers?q=… (the search page)', async () => {
    const { status, scans } = await scansDuring('/suppliers?q=ep+nhua')
    expect(status).toBe(200)
    expect(scans).toEqual([])
  })

  it('GET /suppliers/<slug> (a supplier page)', async () => {
    for (const slug of slugs) {
      const { status, scans } = await scansDuring(`/suppliers/${slug}`)
      expect(status).toBe(200)
      expect(scans).toEqual([])
    }
  })

  it("GET /suppliers/<a slug that is no supplier's>: a 404 without a scan once every supplier has its key", async () => {
    // A new supplier gets its key when it is saved; older ones get theirs from the backfill.
    const created = await Organization.create({
      kind: 'supplier',
      name: 'Cơ khí Khóa Mới',
      slug: `co-khi-khoa-moi-${crypto.randomBytes(3).toString('hex')}`,
      country: 'VN',
      taxCodeKey: `none:${crypto.randomBytes(12).toString('hex')}`,
    })
    expect(String(await organizationIdForSlug(created.slug))).toBe(String(created._id))
    await OrganizationSlug.deleteMany({ _id: { $in: slugs } })
    expect(await backfillOrganizationSlugKeys(supplierSlugs)).toBeGreaterThanOrEqual(40)
    try {
      const missing = `no-such-supplier-${crypto.randomBytes(4).toString('hex')}`
      for (let attempt = 0; attempt < 2; attempt++) {
        const { status, scans } = await scansDuring(`/suppliers/${missing}`)
        expect(status).toBe(404)
        expect(scans).toEqual([])
      }
      for (const slug of slugs) {
        const { status, scans } = await scansDuring(`/suppliers/${slug}`)
        expect(status).toBe(200)
        expect(scans).toEqual([])
      }
    } finally {
      await MaintenanceMarker.deleteOne({ _id: SLUG_KEYS_MARKER })
      forgetMaintenanceDone(SLUG_KEYS_MARKER)
    }
  })

  it('a hidden supplier drops out of results and its page at once', async () => {
    const organization = (await Organization.findOne({ slug: slugs[0] }))!
    await Organization.updateOne({ _id: organization._id }, { $set: { status: 'hidden' } })
    try {
      const api = await new TestBrowser(app.baseUrl).get(`/api/suppliers?perPage=100`)
      const body = (await api.json()) as { hits: Array<{ slug: string }> }
      expect(body.hits.map((hit) => hit.slug)).not.toContain(slugs[0])
      const page = await new TestBrowser(app.baseUrl).get(`/suppliers/${slugs[0]}`)
      expect(page.status).toBe(404)
    } finally {
      await Organization.updateOne({ _id: organization._id }, { $set: { status: 'active' } })
    }
  })
})

describe('signed-in journeys read sessions and accounts by _id', () => {
  it('signing in, then searching and opening a supplier while signed in', async () => {
    const { email } = await createAccount('buyer')
    await backfillUserEmailKeys()
    const browser = new TestBrowser(app.baseUrl)
    const { result: signIn, queries } = await recordQueries(() =>
      browser.post('/login', { email, password: TEST_PASSWORD }),
    )
    expect(signIn.status).toBe(302)
    expect(describeScans(scansOf(queries))).toEqual([])
    // The header's unread badge reads the chat's inbox and read indexes once they are built.
    await backfillChatIndexes()
    for (const path of ['/suppliers?q=ep+nhua', `/suppliers/${slugs[1]}`, '/account']) {
      const { status, queries: pageQueries, scans } = await scansDuring(path, browser)
      expect(status, path).toBe(200)
      expect(pageQueries.some((query) => query.collection === 'sessions')).toBe(true)
      expect(scans, path).toEqual([])
    }
  })
})

describe('sign-up and the profile editor read by _id (decision 010, second session)', () => {
  it('a sign-up with a tax code, and its refusal when the tax code is taken, send no scan', async () => {
    const taxCode = `03${crypto.randomInt(10_000_000, 99_999_999)}`
    const fields = (email: string) => ({
      kind: 'supplier',
      organizationName: 'Công ty TNHH Kiểm tra Truy vấn',
      country: 'VN',
      taxCode,
      province: 'bac-ninh',
      name: 'Lê Văn Kiểm',
      email,
      password: 'mot-mat-khau-dai-01',
    })
    const { result: first, queries } = await recordQueries(() =>
      new TestBrowser(app.baseUrl).post('/signup', fields(uniqueEmail('guard'))),
    )
    expect(first.status).toBeLessThan(400)
    expect(describeScans(scansOf(queries))).toEqual([])
    // The same tax code again: refused by the unique key of the insert, said so (409).
    const again = await new TestBrowser(app.baseUrl).post('/signup', fields(uniqueEmail('guard')))
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('Mã số thuế này đã được đăng ký.')
  })

  it("a supplier owner's profile editor finds the profile by its derived id", async () => {
    const { email, organizationId } = await createAccount('supplier')
    await backfillUserEmailKeys()
    const browser = new TestBrowser(app.baseUrl)
    expect((await browser.post('/login', { email, password: TEST_PASSWORD })).status).toBe(302)
    // First visit creates the profile (an insert), the next one reads it (a point read).
    expect((await browser.get('/supplier-profile/general')).status).toBe(200)
    const { status, scans } = await scansDuring('/supplier-profile/general', browser)
    expect(status).toBe(200)
    expect(scans).toEqual([])
    const { queries } = await recordQueries(() => profileFor(organizationId))
    expect(queries.map((query) => `${query.collection}.${query.method}`)).toEqual([
      'supplierprofiles.findOne',
    ])
    expect(describeScans(scansOf(queries))).toEqual([])
  })
})

describe('the guard itself', () => {
  it('fails on a planted scan: a slug, an $in on _id, a filter beside _id', async () => {
    const organization = (await Organization.findOne({ slug: slugs[0] }).lean())!
    const { queries } = await recordQueries(async () => {
      await Organization.findOne({ slug: slugs[0] })
      await Organization.find({ _id: { $in: [organization._id] } })
      await SupplierProfile.findOne({ _id: organization._id, 'search.pendingSince': null })
      await Organization.findById(organization._id)
    })
    expect(describeScans(scansOf(queries))).toEqual([
      `organizations.findOne({"slug":"${slugs[0]}"})`,
      `organizations.find({"_id":{"$in":["${organization._id.toHexString()}"]}})`,
      `supplierprofiles.findOne({"_id":"${organization._id.toHexString()}","search.pendingSince":null})`,
    ])
  })
})
