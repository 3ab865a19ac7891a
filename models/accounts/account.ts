import mongoose, { type Types } from 'mongoose'
import { DuplicateKeyError, withDuplicateKeyCheck } from '../errors.ts'
import { makeSlug, Organization, taxCodeKey, type OrganizationKind } from './organization.ts'
import { hashPassword } from './password.ts'
import {
  emailRegistered,
  normalizeEmail,
  User,
  type OrganizationRole,
  type StaffRole,
} from './user.ts'

export interface SignUpInput {
  kind: Exclude<OrganizationKind, 'programme'>
  organizationName: string
  country: string
  taxCode?: string
  province?: string
  name: string
  email: string
  password: string
  locale: 'vi' | 'en'
}

export type SignUpResult =
  | { ok: true; userId: Types.ObjectId; organizationId: Types.ObjectId }
  | { ok: false; taken: Array<'email' | 'taxCode'> }

/**
 * Creates the organisation and its owner in one step. There are no multi-document transactions
 * on FerretDB, so the organisation is removed again when the owner cannot be created: a
 * duplicate e-mail or tax code leaves nothing behind.
 */
export async function signUp(input: SignUpInput): Promise<SignUpResult> {
  const email = normalizeEmail(input.email)
  // A point read through the e-mail key. A taken tax code is not looked up first (that would
  // read every organisation on FerretDB, decision 010): the unique `taxCodeKey` index refuses
  // the insert below, which is what decides anyway.
  if (await emailRegistered(email)) return { ok: false, taken: ['email'] }

  const passwordHash = await hashPassword(input.password)
  const organizationId = new mongoose.Types.ObjectId()
  const organizationFields = {
    _id: organizationId,
    kind: input.kind,
    name: input.organizationName,
    slug: makeSlug(input.organizationName),
    country: input.country,
    taxCode: input.taxCode,
    taxCodeKey: taxCodeKey(input.taxCode, organizationId),
    province: input.province,
  }
  try {
    await withDuplicateKeyCheck(Organization, organizationFields, () =>
      Organization.create(organizationFields),
    )
  } catch (error) {
    if (error instanceof DuplicateKeyError && error.fields.includes('taxCodeKey')) {
      return { ok: false, taken: ['taxCode'] }
    }
    throw error
  }
  const userFields = {
    email,
    passwordHash,
    name: input.name,
    locale: input.locale,
    organization: organizationId,
    organizationRole: 'owner' as const,
  }
  try {
    const user = await withDuplicateKeyCheck(User, userFields, () => User.create(userFields))
    return { ok: true, userId: user._id, organizationId }
  } catch (error) {
    await Organization.deleteOne({ _id: organizationId })
    if (error instanceof DuplicateKeyError) return { ok: false, taken: ['email'] }
    throw error
  }
}

/** The programme's own organisation, which staff accounts belong to. */
export async function programmeOrganization() {
  const existing = await Organization.findOne({ kind: 'programme' })
  if (existing) return existing
  const _id = new mongoose.Types.ObjectId()
  return Organization.create({
    _id,
    kind: 'programme',
    name: 'Chương trình phát triển công nghiệp hỗ trợ',
    slug: 'vsi-programme',
    country: 'VN',
    taxCodeKey: taxCodeKey(undefined, _id),
  })
}

export async function createStaffUser(input: {
  email: string
  name: string
  password: string
  roles: StaffRole[]
}) {
  const organization = await programmeOrganization()
  const fields = {
    email: normalizeEmail(input.email),
    passwordHash: await hashPassword(input.password),
    name: input.name,
    organization: organization._id,
    organizationRole: 'member' as OrganizationRole,
    staffRoles: input.roles,
    emailVerifiedAt: new Date(),
  }
  return withDuplicateKeyCheck(User, fields, () => User.create(fields))
}
