import { Types } from 'mongoose'
import { describe, expect, it } from 'vitest'
import { confirmEmailToken } from '#app/utils/email-verification.server.ts'
import { signUp } from '#models/accounts/account.ts'
import {
  memberEmailVerification,
  queueOrganizationForSearch,
} from '#models/accounts/email-verified.ts'
import { makeSlug, Organization, taxCodeKey } from '#models/accounts/organization.ts'
import { issueToken } from '#models/accounts/token.ts'
import { User } from '#models/accounts/user.ts'
import { SearchOutbox } from '#models/profiles/search-outbox.ts'
import { saveProfileSection, SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { createEmbeddedEngine } from '#search/embedded-engine.ts'
import { toSupplierSearchDocument } from '#search/supplier-document.ts'
import { createSearchSync } from '#search/sync.ts'
import { taxonomySearchSettings } from '#search/taxonomy-synonyms.ts'
import { useTestDatabase } from './database.ts'
import { TEST_PASSWORD, uniqueEmail } from './factories.ts'
import { testLogger } from './logger.ts'

/**
 * The search bar's e-mail condition (search/profile-bar.ts, decision 009) enforced where the
 * index is built: a supplier whose owner has not confirmed their address is not found, and is
 * found once they have, through the search outbox.
 */
useTestDatabase()

let taxCodes = 0

/** A supplier sign-up (owner's e-mail not confirmed) with a profile above the rest of the bar. */
async function signedUpSupplier(word: string) {
  const email = uniqueEmail('bar')
  const result = await signUp({
    kind: 'supplier',
    organizationName: `Công ty TNHH ${word}`,
    country: 'VN',
    taxCode: String(4_100_000_000 + ++taxCodes),
    name: 'Trần Chủ Xưởng',
    email,
    password: TEST_PASSWORD,
    locale: 'vi',
  })
  if (!result.ok) throw new Error('sign-up failed')
  await saveProfileSection(result.organizationId, 'capabilities', {
    sectors: ['mechanical'],
    processes: ['welding'],
  })
  await saveProfileSection(result.organizationId, 'general', {
    description: { vi: `Chuyên hàn ${word}`, en: '' },
  })
  return { ...result, email }
}

async function confirmByLink(userId: Types.ObjectId, email: string) {
  const token = await issueToken({ purpose: 'verify-email', email, user: userId })
  expect(await confirmEmailToken(token)).toBe('verified')
}

async function setup() {
  const engine = createEmbeddedEngine()
  await engine.configure(taxonomySearchSettings())
  const sync = createSearchSync({ engine, logger: testLogger, batchSize: 50, idleMs: 5 })
  const found = async (q: string) =>
    (await engine.search({ q, perPage: 20 })).hits.map((hit) => hit.id)
  const drain = async () => {
    for (;;) {
      const result = await sync.drainOnce()
      if (result.upserted + result.deleted === 0) break
    }
  }
  return { engine, sync, found, drain }
}

describe('the verified e-mail condition of the search bar, at indexing', () => {
  it('keeps an unverified sign-up out, and indexes it once the owner confirms by the link', async () => {
    const { engine, sync, found, drain } = await setup()
    const supplier = await signedUpSupplier('zirconiumxa')
    const id = supplier.organizationId.toHexString()
    expect(await memberEmailVerification(supplier.organizationId)).toBe(false)

    await drain()
    expect(await found('zirconiumxa')).toEqual([])
    expect((await engine.allIds()).map((entry) => entry.id)).not.toContain(id)
    // Below the bar is not "missing": the reconcile job leaves it alone.
    expect(await sync.reconcile()).toEqual({ missing: 0, stale: 0, orphaned: 0, repaired: 0 })

    // The owner opens the verification link: an outbox entry, then the worker indexes it.
    const queuedBefore = await SearchOutbox.countDocuments()
    await confirmByLink(supplier.userId, supplier.email)
    expect(await SearchOutbox.countDocuments()).toBe(queuedBefore + 1)
    expect(await memberEmailVerification(supplier.organizationId)).toBe(true)
    await drain()
    expect(await found('zirconiumxa')).toEqual([id])
    expect(await sync.reconcile()).toEqual({ missing: 0, stale: 0, orphaned: 0, repaired: 0 })
  })

  it('a full rebuild applies the same condition (one pass over the users)', async () => {
    const { sync, found } = await setup()
    const unverified = await signedUpSupplier('molypdenxb')
    const verified = await signedUpSupplier('vanadixc')
    await User.updateOne({ _id: verified.userId }, { $set: { emailVerifiedAt: new Date() } })
    await sync.reindexAll()
    expect(await found('molypdenxb')).toEqual([])
    expect(await found('vanadixc')).toEqual([verified.organizationId.toHexString()])
    expect(unverified.organizationId.equals(verified.organizationId)).toBe(false)
  })

  it('any member with a confirmed address counts; an imported firm nobody claimed is indexed', async () => {
    const { found, drain } = await setup()
    const supplier = await signedUpSupplier('tantalxd')
    // A colleague whose address is confirmed (an accepted invitation proves it).
    await User.create({
      email: uniqueEmail('colleague'),
      passwordHash: 'x',
      name: 'Lê Đồng Nghiệp',
      organization: supplier.organizationId,
      organizationRole: 'admin',
      emailVerifiedAt: new Date(),
    })
    await queueOrganizationForSearch(supplier.organizationId)
    await drain()
    expect(await found('tantalxd')).toEqual([supplier.organizationId.toHexString()])

    // The programme's import: an organisation and a profile, no member yet.
    const imported = new Types.ObjectId()
    await Organization.create({
      _id: imported,
      kind: 'supplier',
      name: 'Công ty TNHH Nhập khẩu Danh sách',
      slug: makeSlug('Công ty TNHH Nhập khẩu Danh sách'),
      country: 'VN',
      taxCodeKey: taxCodeKey(undefined, imported),
    })
    expect(await memberEmailVerification(imported)).toBeUndefined()
    await saveProfileSection(imported, 'capabilities', {
      sectors: ['mechanical'],
      processes: ['welding'],
    })
    await saveProfileSection(imported, 'general', { description: { vi: 'Hàn niobixe', en: '' } })
    await drain()
    expect(await found('niobixe')).toEqual([imported.toHexString()])
  })

  it('reconcile removes an unverified supplier indexed before the condition (an old index)', async () => {
    const { engine, sync, found, drain } = await setup()
    const supplier = await signedUpSupplier('hafnixe')
    await drain()
    // As an index built before this change holds it: the document, same version.
    const [organization, profile] = await Promise.all([
      Organization.findById(supplier.organizationId).lean(),
      SupplierProfile.findById(supplier.organizationId).lean(),
    ])
    const stale = toSupplierSearchDocument(organization, profile, new Date())
    expect(stale).not.toBeNull()
    await engine.upsert([stale!])
    expect(await found('hafnixe')).toEqual([supplier.organizationId.toHexString()])
    // (This engine is new: the earlier tests' suppliers count as missing and are added.)
    expect(await sync.reconcile()).toMatchObject({ stale: 0, orphaned: 1 })
    expect(await found('hafnixe')).toEqual([])
  })

  it('a buyer confirming its address queues nothing', async () => {
    const email = uniqueEmail('buyer')
    const result = await signUp({
      kind: 'buyer',
      organizationName: 'Test Buyer GmbH',
      country: 'DE',
      name: 'Anna Käufer',
      email,
      password: TEST_PASSWORD,
      locale: 'en',
    })
    if (!result.ok) throw new Error('sign-up failed')
    const before = await SearchOutbox.countDocuments()
    await confirmByLink(result.userId, email)
    expect(await SearchOutbox.countDocuments()).toBe(before)
  })
})
