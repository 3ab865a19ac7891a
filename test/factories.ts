import crypto from 'node:crypto'
import type { Types } from 'mongoose'
import { hashPassword } from '#models/accounts/password.ts'
import { createStaffUser, signUp } from '#models/accounts/account.ts'
import { openConversation, type ChatMember } from '#models/chat/conversation.ts'
import { sendMessage } from '#models/chat/send-message.ts'
import { createSession } from '#models/accounts/session.ts'
import { User, type OrganizationRole, type StaffRole } from '#models/accounts/user.ts'
import { sessionCookieHeader } from '#app/utils/session.server.ts'

export const TEST_PASSWORD = 'mat-khau-thu-nghiem-01'

function uniqueTaxCode(): string {
  return String(crypto.randomInt(1_000_000_000, 9_999_999_999))
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${crypto.randomBytes(4).toString('hex')}@example.vn`
}

/** A supplier or buyer organisation with its owner, e-mail verified. */
export async function createAccount(
  kind: 'supplier' | 'buyer' = 'supplier',
  overrides: { email?: string } = {},
) {
  const email = overrides.email ?? uniqueEmail(kind)
  const result = await signUp({
    kind,
    organizationName: kind === 'supplier' ? 'Công ty TNHH Cơ khí Thử nghiệm' : 'Test Buyer GmbH',
    country: kind === 'supplier' ? 'VN' : 'DE',
    taxCode: kind === 'supplier' ? uniqueTaxCode() : undefined,
    name: 'Nguyễn Thử Nghiệm',
    email,
    password: TEST_PASSWORD,
    locale: 'vi',
  })
  if (!result.ok) throw new Error(`test account not created: ${result.taken.join(', ')}`)
  await User.updateOne({ _id: result.userId }, { $set: { emailVerifiedAt: new Date() } })
  return { email, userId: result.userId, organizationId: result.organizationId }
}

/** A colleague in an existing organisation. */
export async function addMember(organizationId: Types.ObjectId, role: OrganizationRole) {
  const email = uniqueEmail(role)
  const user = await User.create({
    email,
    passwordHash: await hashPassword(TEST_PASSWORD),
    name: `Đồng nghiệp ${role}`,
    organization: organizationId,
    organizationRole: role,
    emailVerifiedAt: new Date(),
  })
  return { email, userId: user._id }
}

export async function createStaff(roles: StaffRole[]) {
  const email = uniqueEmail('staff')
  const user = await createStaffUser({
    email,
    name: 'Cán bộ Thử nghiệm',
    password: TEST_PASSWORD,
    roles,
  })
  await User.updateOne(
    { _id: user._id },
    { $set: { 'totp.secret': 'JBSWY3DPEHPK3PXP', 'totp.enabledAt': new Date() } },
  )
  return { email, userId: user._id }
}

/** A signed-in cookie without going through the sign-in form (which has its own tests). */
export async function cookieFor(
  userId: Parameters<typeof createSession>[0]['userId'],
  secondFactorDone = true,
) {
  const { sessionId } = await createSession({ userId, secondFactorDone })
  return sessionCookieHeader(sessionId, null).split(';')[0]!
}

/**
 * A new conversation between the member's organisation and another one (about a fresh RFQ, so
 * each call opens its own).
 */
export async function startConversation(member: ChatMember, otherOrganization: Types.ObjectId) {
  const opened = await openConversation(member, otherOrganization, {
    kind: 'rfq',
    refId: crypto.randomBytes(12).toString('hex'),
  })
  if (!opened.ok) throw new Error(opened.error)
  return opened.conversation
}

/** Stores a message as the socket and the form do; throws when it is refused. */
export async function storeMessage(
  conversation: Awaited<ReturnType<typeof startConversation>>,
  sender: ChatMember,
  body: string,
  clientId: string = crypto.randomUUID(),
) {
  const result = await sendMessage({ conversation, sender, clientId, body })
  if (!result.ok) throw new Error(result.error)
  return result
}
