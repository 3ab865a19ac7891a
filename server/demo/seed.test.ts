import { describe, expect, it } from 'vitest'
import { AuditLog } from '#models/staff/audit-log.ts'
import { Organization } from '#models/accounts/organization.ts'
import { verifyPassword } from '#models/accounts/password.ts'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { User } from '#models/accounts/user.ts'
import { useTestDatabase } from '#test/database.ts'
import { createLogger } from '../logger.ts'
import {
  demoAccountRoles,
  formatDemoAccounts,
  NO_PASSWORD_HASH,
  seedDemoData,
  seedDemoIfEmpty,
  type DemoAccount,
} from './seed.ts'

useTestDatabase()

const logger = createLogger('silent')
const baseDate = new Date('2026-01-01T00:00:00Z')

describe('seedDemoIfEmpty', () => {
  let accounts: DemoAccount[] = []

  it('seeds an empty database with suppliers, buyers and one account of each role', async () => {
    accounts = await seedDemoIfEmpty({ logger, suppliers: 200, buyers: 20, baseDate })
    expect(accounts.map((account) => account.role)).toEqual([...demoAccountRoles])
    expect(new Set(accounts.map((account) => account.password)).size).toBe(1)
    expect(accounts[0]!.password.length).toBeGreaterThanOrEqual(16)

    expect(await Organization.countDocuments({ kind: 'supplier' })).toBe(200)
    expect(await Organization.countDocuments({ kind: 'buyer' })).toBe(20)
    expect(await Organization.countDocuments({ kind: 'programme' })).toBe(1)
    expect(await SupplierProfile.countDocuments({ 'search.pendingSince': { $ne: null } })).toBe(200)
    // Every organisation has its owner; only the demo accounts have a password.
    expect(await User.countDocuments({ organizationRole: 'owner' })).toBe(220)
    expect(await User.countDocuments({ passwordHash: { $ne: NO_PASSWORD_HASH } })).toBe(6)
  })

  it('stores profiles that Mongoose reads back as it wrote them', async () => {
    const profile = await SupplierProfile.findOne({}).sort({ _id: 1 })
    expect(profile!.products.length).toBeGreaterThan(0)
    expect(profile!.products[0]!._id).toBeDefined()
    expect(profile!.products[0]!.name?.vi).toBeTruthy()
    expect(profile!.description?.vi).toBeTruthy()
    const organization = await Organization.findById(profile!.organization)
    expect(organization!.kind).toBe('supplier')
    expect(organization!.taxCodeKey).toBe(`vn:${organization!.taxCode}`)
  })

  it('gives demo accounts a password that signs in, and generated members none', async () => {
    for (const account of accounts) {
      const user = await User.findOne({ email: account.email })
      expect(user, account.email).not.toBeNull()
      expect(await verifyPassword(user!.passwordHash, account.password)).toBe(true)
      expect(user!.emailVerifiedAt).toBeInstanceOf(Date)
    }
    const member = await User.findOne({ passwordHash: NO_PASSWORD_HASH })
    expect(await verifyPassword(member!.passwordHash, accounts[0]!.password)).toBe(false)
  })

  it('puts supplier and buyer accounts in their organisations, with the right roles', async () => {
    const byRole = async (role: DemoAccount['role']) =>
      (await User.findOne({ email: accounts.find((a) => a.role === role)!.email }))!
    const owner = await byRole('supplier owner')
    const member = await byRole('supplier member')
    const buyer = await byRole('buyer owner')
    expect(owner.organizationRole).toBe('owner')
    expect(member.organizationRole).toBe('member')
    expect(member.organization.equals(owner.organization)).toBe(true)
    const supplier = await Organization.findById(owner.organization)
    expect(supplier).toMatchObject({ kind: 'supplier', verification: { state: 'verified' } })
    expect(await SupplierProfile.exists({ organization: supplier!._id })).toBeTruthy()
    expect((await Organization.findById(buyer.organization))!.kind).toBe('buyer')
    expect(buyer.organizationRole).toBe('owner')
  })

  it('makes staff accounts with their role and without TOTP, so they set it up first', async () => {
    for (const [role, staffRole] of [
      ['staff admin', 'admin'],
      ['staff verifier', 'verifier'],
      ['staff organiser', 'organiser'],
    ] as const) {
      const user = await User.findOne({ email: accounts.find((a) => a.role === role)!.email })
      expect(user!.staffRoles).toEqual([staffRole])
      expect(user!.totp?.secret).toBeFalsy()
      expect((await Organization.findById(user!.organization))!.kind).toBe('programme')
    }
    expect(await AuditLog.countDocuments({ action: 'staff.create' })).toBe(3)
  })

  it('seeds nothing when the database has organisations', async () => {
    expect(await seedDemoIfEmpty({ logger, suppliers: 200, buyers: 20, baseDate })).toEqual([])
    expect(await Organization.countDocuments({})).toBe(221)
    expect(await User.countDocuments({})).toBe(224)
  })

  it('prints the accounts as a table', () => {
    const table = formatDemoAccounts(accounts)
    for (const account of accounts) {
      expect(table).toContain(account.email)
      expect(table).toContain(account.role)
    }
    expect(table).toContain(accounts[0]!.password)
  })
})

describe('seedDemoData', () => {
  it('adds another seed’s records, and skips those already there on a re-run', async () => {
    const before = {
      organizations: await Organization.countDocuments({}),
      users: await User.countDocuments({}),
      profiles: await SupplierProfile.countDocuments({}),
    }
    const progress: number[] = []
    const options = {
      suppliers: 120,
      buyers: 15,
      seed: 7,
      baseDate,
      batchSize: 50,
      onProgress: ({ done }: { done: number }) => progress.push(done),
    }
    expect(await seedDemoData(options)).toEqual({ suppliers: 120, buyers: 15, skipped: 0 })
    expect(progress).toEqual([50, 100, 120, 15])

    expect(await seedDemoData(options)).toEqual({ suppliers: 0, buyers: 0, skipped: 135 })
    expect(await Organization.countDocuments({})).toBe(before.organizations + 135)
    expect(await User.countDocuments({})).toBe(before.users + 135)
    expect(await SupplierProfile.countDocuments({})).toBe(before.profiles + 120)
  })
})
