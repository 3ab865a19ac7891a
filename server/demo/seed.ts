/**
 * Writes invented, deterministic demo suppliers and buyers (see `server/demo/demo-data.ts`): the same
 * arguments give the same data. Records already there (same slug or tax code) are skipped, so a
 * second run with the same seed adds nothing. Generated members cannot sign in. The command line
 * is `npm run seed` (server/cli/seed.ts).
 *
 * `seedDemoIfEmpty` is what `npm start` calls: on a database without organisations it seeds a
 * small demo and creates one account of each role, whose password it returns to be shown once.
 */
import crypto from 'node:crypto'
import mongoose, { type Model } from 'mongoose'
import { programmeOrganization } from '#models/accounts/account.ts'
import { recordAudit } from '#models/staff/audit-log.ts'
import {
  generateBuyer,
  generateSupplier,
  recordRandom,
  type DemoBuyer,
  type DemoContext,
  type DemoSupplier,
} from '#server/demo/demo-data.ts'
import { Organization, taxCodeKey } from '#models/accounts/organization.ts'
import { OrganizationSlug } from '#models/accounts/organization-slug.ts'
import { hashPassword } from '#models/accounts/password.ts'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { recordUserEmail, UserEmail } from '#models/accounts/user-email.ts'
import { OrganizationMemberKey } from '#models/accounts/organization-members.ts'
import { OrganizationTaxKey } from '#models/staff/import.ts'
import { User, type StaffRole } from '#models/accounts/user.ts'
import type { Logger } from '../logger.ts'

const { ObjectId } = mongoose.Types

/** Stored for generated members: not an argon2 hash, so no password ever matches it. */
export const NO_PASSWORD_HASH = '!demo-member-without-password'

export interface SeedProgress {
  kind: 'supplier' | 'buyer'
  done: number
  total: number
}

export interface SeedOptions extends DemoContext {
  suppliers: number
  buyers: number
  /** Documents per insertMany (default 1,000). */
  batchSize?: number
  onProgress?: (progress: SeedProgress) => void
}

export interface SeedResult {
  suppliers: number
  buyers: number
  /** Generated organisations not written because one with the same slug or tax code exists. */
  skipped: number
}

/**
 * Writes the demo records in batches: organisations first (unordered, so a duplicate skips only
 * itself), then the owners and profiles of those that were stored. No transactions on FerretDB:
 * an interrupted run leaves whole batches of organisations, possibly without owners or profiles.
 */
export async function seedDemoData(options: SeedOptions): Promise<SeedResult> {
  // Unique indexes must exist before the bulk writes, or duplicates would slip in.
  await Promise.all([Organization.init(), User.init(), SupplierProfile.init()])
  const context: DemoContext = { seed: options.seed, baseDate: options.baseDate }
  const batchSize = options.batchSize ?? 1_000
  const result: SeedResult = { suppliers: 0, buyers: 0, skipped: 0 }

  // The next batch is generated while the previous one is written (the database is another
  // process), so the two overlap; writes themselves stay one batch at a time.
  let writing: Promise<void> = Promise.resolve()
  for (const kind of ['supplier', 'buyer'] as const) {
    const total = kind === 'supplier' ? options.suppliers : options.buyers
    for (let from = 0; from < total; from += batchSize) {
      const records: Array<DemoSupplier | DemoBuyer> = []
      for (let index = from; index < Math.min(total, from + batchSize); index++) {
        const random = recordRandom(options.seed, kind, index)
        records.push(
          kind === 'supplier'
            ? generateSupplier(random, index, context)
            : generateBuyer(random, index, context),
        )
      }
      await writing
      writing = writeBatch(records).then((written) => {
        result[kind === 'supplier' ? 'suppliers' : 'buyers'] += written
        result.skipped += records.length - written
        options.onProgress?.({ kind, done: from + records.length, total })
      })
    }
  }
  await writing
  return result
}

async function writeBatch(records: ReadonlyArray<DemoSupplier | DemoBuyer>): Promise<number> {
  const ids = records.map(() => new ObjectId())
  const organizations = records.map(({ organization }, i) => ({
    _id: ids[i]!,
    ...organization,
    taxCodeKey: taxCodeKey(organization.taxCode, ids[i]!),
  }))
  const stored = new Set(await insertNew(Organization, organizations))
  const kept = records.flatMap((record, i) => (stored.has(i) ? [{ record, id: ids[i]! }] : []))

  const owners = kept.map(({ record: { owner, organization }, id }) => ({
    _id: new ObjectId(),
    ...owner,
    passwordHash: NO_PASSWORD_HASH,
    organization: id,
    organizationRole: 'owner',
    staffRoles: [],
    emailVerifiedAt: organization.createdAt,
    createdAt: organization.createdAt,
    updatedAt: organization.createdAt,
  }))
  const profiles = kept.flatMap(({ record, id }) =>
    'profile' in record ? [profileDocument(record.profile, id)] : [],
  )
  const [storedOwners] = await Promise.all([
    insertNew(User, owners),
    insertNew(SupplierProfile, profiles),
  ])
  // The key documents the save hooks would write (insertMany runs none): e-mail, member,
  // slug and tax-code keys, so seeded data needs no start-up backfill (decision 010).
  const ownersStored = storedOwners.map((i) => owners[i]!)
  await Promise.all([
    insertNew(
      UserEmail,
      ownersStored.map((owner) => ({ _id: owner.email, user: owner._id })),
    ),
    insertNew(
      OrganizationMemberKey,
      ownersStored.flatMap((owner) => [
        { _id: `${String(owner.organization)}@${owner._id.toHexString()}`, user: owner._id },
        { _id: `${String(owner.organization)}#0`, user: owner._id },
      ]),
    ),
    insertNew(
      OrganizationSlug,
      kept.flatMap(({ record, id }) =>
        record.organization.kind === 'supplier'
          ? [{ _id: record.organization.slug, organization: id }]
          : [],
      ),
    ),
    insertNew(
      OrganizationTaxKey,
      kept.flatMap(({ record, id }) =>
        record.organization.taxCode ? [{ _id: record.organization.taxCode, organization: id }] : [],
      ),
    ),
  ])
  return kept.length
}

/** The stored shape: what Mongoose would add itself (sub-document ids, empty arrays). */
function profileDocument(profile: DemoSupplier['profile'], organization: mongoose.Types.ObjectId) {
  return {
    // Derived id: a profile is found by its organisation's id with a point read (decision 010).
    _id: organization,
    organization,
    ...profile,
    equipment: profile.equipment.map((item) => ({ _id: new ObjectId(), ...item })),
    products: profile.products.map((item) => ({ _id: new ObjectId(), ...item, images: [] })),
    certifications: profile.certifications.map((item) => ({ _id: new ObjectId(), ...item })),
    photos: [],
    catalogues: [],
  }
}

/**
 * Inserts lean documents unordered and returns the positions of those stored. Duplicate keys
 * are expected (a re-run, or another process seeding at the same time); any other error throws.
 */
async function insertNew(model: Model<any>, documents: readonly object[]): Promise<number[]> {
  const positions = documents.map((_, i) => i)
  if (documents.length === 0) return positions
  try {
    await model.insertMany(documents, { ordered: false, lean: true })
    return positions
  } catch (error) {
    const writeErrors = (error as { writeErrors?: Array<{ index: number; code?: number }> })
      .writeErrors
    if (!writeErrors?.length || writeErrors.some((writeError) => writeError.code !== 11000)) {
      throw error
    }
    const failed = new Set(writeErrors.map((writeError) => writeError.index))
    return positions.filter((i) => !failed.has(i))
  }
}

// ---------------------------------------------------------------------------------------------
// The demo that `npm start` seeds into an empty database

export const DEMO_SEED = 20250701
export const DEMO_SUPPLIERS = 300
export const DEMO_BUYERS = 60

export const demoAccountRoles = [
  'supplier owner',
  'supplier member',
  'buyer owner',
  'staff admin',
  'staff verifier',
  'staff organiser',
] as const
export type DemoAccountRole = (typeof demoAccountRoles)[number]

export interface DemoAccount {
  role: DemoAccountRole
  email: string
  password: string
  organization: string
}

const DEMO_EMAIL_DOMAIN = 'demo.vsi.example'
const demoEmail = (role: DemoAccountRole) => `${role.replace(' ', '.')}@${DEMO_EMAIL_DOMAIN}`

/**
 * Seeds a demo when the database has no organisation at all (a fresh install), and returns one
 * account of each role to print; returns [] when there was something already. The accounts
 * share one password, random unless given: a production database seeded this way has no
 * well-known staff password. Staff accounts have no TOTP yet and must set it up at first sign-in.
 */
export async function seedDemoIfEmpty(options: {
  logger: Logger
  password?: string
  suppliers?: number
  buyers?: number
  /** Defaults to today (UTC midnight), so certificates lapse and expire relative to now. */
  baseDate?: Date
}): Promise<DemoAccount[]> {
  if (await Organization.exists({})) return []
  const started = performance.now()
  const today = new Date()
  const baseDate =
    options.baseDate ??
    new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()))
  const password = options.password ?? crypto.randomBytes(12).toString('base64url')
  const [passwordHash, seeded] = await Promise.all([
    hashPassword(password),
    seedDemoData({
      seed: DEMO_SEED,
      baseDate,
      suppliers: options.suppliers ?? DEMO_SUPPLIERS,
      buyers: options.buyers ?? DEMO_BUYERS,
    }),
  ])
  if (seeded.suppliers + seeded.buyers === 0) {
    // Another app node seeded the same records at the same moment: its accounts are the demo's.
    options.logger.warn(seeded, 'demo data was being seeded by another process')
    return []
  }

  // The demo supplier is the first verified, visible one; the demo buyer the first buyer.
  const supplier = await Organization.findOne({
    kind: 'supplier',
    status: 'active',
    'verification.state': 'verified',
  }).sort({ _id: 1 })
  const buyer = await Organization.findOne({ kind: 'buyer' }).sort({ _id: 1 })
  if (!supplier || !buyer) throw new Error('demo data has no verified supplier or no buyer')
  const verified = { passwordHash, emailVerifiedAt: new Date() }
  await User.updateOne(
    { organization: supplier._id, organizationRole: 'owner' },
    { $set: { email: demoEmail('supplier owner'), ...verified } },
  )
  await User.updateOne(
    { organization: buyer._id, organizationRole: 'owner' },
    { $set: { email: demoEmail('buyer owner'), ...verified } },
  )
  // Addresses changed in place: their e-mail keys are written here (saves write them by hook).
  for (const organization of [supplier._id, buyer._id]) {
    const owner = await User.findOne({ organization, organizationRole: 'owner' })
    if (owner) await recordUserEmail(owner.email, owner._id)
  }
  await User.create({
    email: demoEmail('supplier member'),
    name: 'Trần Thị Mai',
    organization: supplier._id,
    organizationRole: 'member',
    ...verified,
  })
  const programme = await programmeOrganization()
  const staff: Array<[DemoAccountRole, StaffRole, string]> = [
    ['staff admin', 'admin', 'Nguyễn Văn An'],
    ['staff verifier', 'verifier', 'Lê Thị Bình'],
    ['staff organiser', 'organiser', 'Phạm Minh Châu'],
  ]
  for (const [role, staffRole, name] of staff) {
    const user = await User.create({
      email: demoEmail(role),
      name,
      organization: programme._id,
      organizationRole: 'member',
      staffRoles: [staffRole],
      ...verified,
    })
    await recordAudit({
      actorLabel: 'demo data (start-up)',
      action: 'staff.create',
      targetType: 'User',
      targetId: user._id.toHexString(),
      after: { email: user.email, name: user.name, staffRoles: [staffRole] },
    })
  }
  options.logger.info(
    { ...seeded, ms: Math.round(performance.now() - started) },
    'demo data seeded into the empty database',
  )
  const organizationOf: Record<DemoAccountRole, string> = {
    'supplier owner': supplier.name,
    'supplier member': supplier.name,
    'buyer owner': buyer.name,
    'staff admin': programme.name,
    'staff verifier': programme.name,
    'staff organiser': programme.name,
  }
  return demoAccountRoles.map((role) => ({
    role,
    email: demoEmail(role),
    password,
    organization: organizationOf[role],
  }))
}

/** The demo accounts as a plain-text table for the console. */
export function formatDemoAccounts(accounts: readonly DemoAccount[]): string {
  const rows = [
    ['role', 'e-mail', 'password', 'organisation'],
    ...accounts.map((a) => [a.role, a.email, a.password, a.organization]),
  ]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  const line = (row: string[]) =>
    `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`.trimEnd()
  return [
    '',
    'Demo data was added to the empty database. Demo accounts (the password is shown only now):',
    '',
    line(rows[0]!),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.slice(1).map(line),
    '',
    'Staff accounts set up two-step verification at first sign-in. Start with SEED_DEMO=0 to skip.',
    '',
  ].join('\n')
}
