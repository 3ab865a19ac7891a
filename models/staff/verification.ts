import { Schema, Types } from 'mongoose'
import { StoredFile } from '../files/stored-file.ts'
import { Organization, TAX_CODE_PATTERN } from '../accounts/organization.ts'
import { User } from '../accounts/user.ts'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import { translator, isLocale, type TranslationKey } from '../i18n/index.ts'
import { SupplierProfile } from '../profiles/supplier-profile.ts'
import { recordAudit } from './audit-log.ts'

/**
 * The programme's verification workflow (issue 17, decision 013).
 *
 * Collections, and why each read is a point read or a read of a small collection:
 * - `VerificationCase`: one per request, grows; read and written only by `_id`.
 * - `VerificationQueueEntry`: one per organisation WAITING (deleted on decision), `_id` = the
 *   organisation's id as hex. The unique `_id` is the lock "one open case per organisation"
 *   (two requests at once: one insert fails), and deleting it is the lock "one decision per
 *   case" (whoever deletes it decides). The queue page reads this small collection whole.
 * - `VerificationClaim`: `_id` = the case id; inserting it claims the case, so two verifiers
 *   never hold one case (FerretDB 1.24 has no transactions and `findOneAndUpdate` is not
 *   atomic; a unique-key insert is).
 * - `VerificationDossier`: `_id` = the organisation's id; the supplier's private business
 *   registration certificate (a StoredFile) and its last case.
 * The organisation carries the outcome (`verification.*`); updating it marks the profile for
 * search (organization.ts), so the badge and the search facet follow at once.
 */

export {
  NOTE_MAX_LENGTH,
  queueReasons,
  REMINDER_DAYS_BEFORE,
  VERIFICATION_VALIDITY_MONTHS,
  verificationDecisions,
  verificationMethods,
  verificationReasons,
  type QueueReason,
  type VerificationDecision,
  type VerificationMethod,
  type VerificationReason,
} from './verification-schemas.ts'
import {
  NOTE_MAX_LENGTH,
  queueReasons,
  REMINDER_DAYS_BEFORE,
  VERIFICATION_VALIDITY_MONTHS,
  verificationMethods,
  type QueueReason,
  type VerificationDecision,
  type VerificationMethod,
  type VerificationReason,
} from './verification-schemas.ts'

const caseSchema = new Schema({
  organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
  organizationName: { type: String, required: true },
  taxCode: String,
  reason: { type: String, enum: queueReasons, required: true },
  requestedAt: { type: Date, required: true },
  requestedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  state: {
    type: String,
    enum: ['open', 'approved', 'changes', 'rejected'],
    default: 'open',
    required: true,
  },
  checks: { type: [String], default: [] },
  method: { type: String, enum: verificationMethods },
  note: { type: String, maxlength: NOTE_MAX_LENGTH },
  reasons: { type: [String], default: [] },
  decidedAt: Date,
  decidedBy: { type: Schema.Types.ObjectId, ref: 'User' },
})
export const VerificationCase = defineModel('VerificationCase', caseSchema)

const queueSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
    organization: { type: Schema.Types.ObjectId, required: true },
    organizationName: { type: String, required: true },
    province: String,
    reason: { type: String, enum: queueReasons, required: true },
    requestedAt: { type: Date, required: true },
  },
  { versionKey: false },
)
export const VerificationQueueEntry = defineModel('VerificationQueueEntry', queueSchema)

const claimSchema = new Schema(
  {
    _id: { type: String, required: true },
    claimedBy: { type: Schema.Types.ObjectId, required: true },
    claimedByName: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
)
export const VerificationClaim = defineModel('VerificationClaim', claimSchema)

const dossierSchema = new Schema({
  registrationFile: { type: Schema.Types.ObjectId, ref: 'StoredFile' },
  lastCase: { type: Schema.Types.ObjectId },
})
export const VerificationDossier = defineModel('VerificationDossier', dossierSchema)

export type ChecklistKey = 'taxCode' | 'registration' | 'certificate' | 'photos'
export interface ChecklistItem {
  key: ChecklistKey
  ok: boolean
}

interface ProfileForChecklist {
  certifications?: Array<{ evidenceFile?: unknown }> | null
  photos?: unknown[] | null
}

/** What a supplier needs before asking (the page shows it; the request enforces it). */
export function verificationChecklist(
  organization: { taxCode?: string | null },
  profile: ProfileForChecklist | null,
  dossier: { registrationFile?: unknown } | null,
): ChecklistItem[] {
  return [
    {
      key: 'taxCode',
      ok: Boolean(organization.taxCode && TAX_CODE_PATTERN.test(organization.taxCode)),
    },
    { key: 'registration', ok: Boolean(dossier?.registrationFile) },
    {
      key: 'certificate',
      ok: Boolean(profile?.certifications?.some((item) => Boolean(item.evidenceFile))),
    },
    { key: 'photos', ok: (profile?.photos?.length ?? 0) > 0 },
  ]
}

export async function findDossier(organizationId: Types.ObjectId) {
  return VerificationDossier.findById(organizationId).lean()
}

/**
 * Attaches the business registration certificate (an uploaded file of the organisation) and
 * returns the one it replaced, for the caller to remove.
 */
export async function setRegistrationFile(
  organizationId: Types.ObjectId,
  fileId: Types.ObjectId,
): Promise<Types.ObjectId | null> {
  const before = await VerificationDossier.findById(organizationId).lean()
  await VerificationDossier.updateOne(
    { _id: organizationId },
    { $set: { registrationFile: fileId } },
    { upsert: true },
  )
  return before?.registrationFile ?? null
}

type Result<T = object> = ({ ok: true } & T) | { ok: false; error: TranslationKey }

async function openCase(input: {
  organizationId: Types.ObjectId
  reason: QueueReason
  requestedBy?: Types.ObjectId
}): Promise<Result<{ caseId: Types.ObjectId }>> {
  const organization = await Organization.findById(input.organizationId).lean()
  if (!organization || organization.kind !== 'supplier')
    return { ok: false, error: 'staffConsole.verify.notSupplier' }
  const caseId = new Types.ObjectId()
  const requestedAt = new Date()
  try {
    await VerificationQueueEntry.create({
      _id: organization._id.toHexString(),
      caseId,
      organization: organization._id,
      organizationName: organization.name,
      province: organization.province ?? undefined,
      reason: input.reason,
      requestedAt,
    })
  } catch (error) {
    if (isDuplicateKeyServerError(error))
      return { ok: false, error: 'staffConsole.verify.alreadyPending' }
    throw error
  }
  await VerificationCase.create({
    _id: caseId,
    organization: organization._id,
    organizationName: organization.name,
    taxCode: organization.taxCode ?? undefined,
    reason: input.reason,
    requestedAt,
    requestedBy: input.requestedBy,
  })
  await VerificationDossier.updateOne(
    { _id: organization._id },
    { $set: { lastCase: caseId } },
    { upsert: true },
  )
  await Organization.updateOne(
    { _id: organization._id },
    {
      $set: { 'verification.state': 'pending', 'verification.caseId': caseId },
      $unset: { 'verification.reasons': 1 },
    },
  )
  return { ok: true, caseId }
}

/** The supplier asks for verification; refused until the checklist is complete. */
export async function requestVerification(input: {
  organizationId: Types.ObjectId
  userId: Types.ObjectId
  actorLabel: string
}): Promise<Result<{ caseId: Types.ObjectId }>> {
  const [organization, profile, dossier] = await Promise.all([
    Organization.findById(input.organizationId).lean(),
    SupplierProfile.findById(input.organizationId).lean(),
    findDossier(input.organizationId),
  ])
  if (!organization) return { ok: false, error: 'staffConsole.verify.notSupplier' }
  if (organization.verification?.state === 'verified')
    return { ok: false, error: 'staffConsole.verify.alreadyVerified' }
  if (verificationChecklist(organization, profile, dossier).some((item) => !item.ok))
    return { ok: false, error: 'staffConsole.verify.checklistIncomplete' }
  const opened = await openCase({
    organizationId: input.organizationId,
    reason: 'request',
    requestedBy: input.userId,
  })
  if (opened.ok) {
    await recordAudit({
      actor: input.userId,
      actorLabel: input.actorLabel,
      action: 'verification.request',
      targetType: 'organization',
      targetId: input.organizationId.toHexString(),
      after: { caseId: opened.caseId.toHexString() },
    })
  }
  return opened
}

/**
 * A verified (or waiting) organisation whose tax code or legal name changed goes back to the
 * queue: the badge was given to the old identity. Called by the organisation model's update
 * hook (organization.ts) with the values before and after.
 */
export async function requeueAfterIdentityChange(organizationId: Types.ObjectId): Promise<void> {
  const organization = await Organization.findById(organizationId).lean()
  if (!organization || organization.verification?.state !== 'verified') return
  const opened = await openCase({ organizationId, reason: 'identity-changed' })
  if (!opened.ok) return
  await recordAudit({
    actorLabel: 'system',
    action: 'verification.identity-changed',
    targetType: 'organization',
    targetId: organizationId.toHexString(),
    before: { name: organization.name, taxCode: organization.taxCode },
    after: { caseId: opened.caseId.toHexString() },
  })
}

export interface QueueFilters {
  province?: string
  reason?: string
  claim?: 'all' | 'unclaimed' | 'mine'
  q?: string
}

/** The waiting cases, oldest first, with who holds each (both small collections). */
export async function verificationQueue(viewerId: Types.ObjectId, filters: QueueFilters = {}) {
  const [entries, claims] = await Promise.all([
    VerificationQueueEntry.find().lean(),
    VerificationClaim.find().lean(),
  ])
  const claimByCase = new Map(claims.map((claim) => [claim._id, claim]))
  const q = filters.q?.trim().toLocaleLowerCase('vi')
  return entries
    .map((entry) => {
      const claim = claimByCase.get(entry.caseId.toHexString())
      return {
        caseId: entry.caseId.toHexString(),
        organizationName: entry.organizationName,
        province: entry.province ?? null,
        reason: entry.reason as QueueReason,
        requestedAt: entry.requestedAt,
        claimedBy: claim ? claim.claimedByName : null,
        claimedByMe: Boolean(claim?.claimedBy.equals(viewerId)),
      }
    })
    .filter(
      (entry) =>
        (!filters.province || entry.province === filters.province) &&
        (!filters.reason || entry.reason === filters.reason) &&
        (filters.claim !== 'unclaimed' || !entry.claimedBy) &&
        (filters.claim !== 'mine' || entry.claimedByMe) &&
        (!q || entry.organizationName.toLocaleLowerCase('vi').includes(q)),
    )
    .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime())
}

export async function findCase(caseId: string) {
  if (!Types.ObjectId.isValid(caseId) || !/^[a-f0-9]{24}$/.test(caseId)) return null
  return VerificationCase.findById(caseId).lean()
}

export async function findClaim(caseId: string) {
  return VerificationClaim.findById(caseId).lean()
}

interface StaffActor {
  userId: Types.ObjectId
  name: string
  ip?: string
}

/** Claims an open case: a unique-key insert, so exactly one of two verifiers gets it. */
export async function claimCase(caseId: string, actor: StaffActor): Promise<Result> {
  const found = await findCase(caseId)
  if (!found || found.state !== 'open')
    return { ok: false, error: 'staffConsole.verify.caseClosed' }
  try {
    await VerificationClaim.create({
      _id: caseId,
      claimedBy: actor.userId,
      claimedByName: actor.name,
      at: new Date(),
    })
  } catch (error) {
    if (isDuplicateKeyServerError(error)) {
      const claim = await findClaim(caseId)
      if (claim?.claimedBy.equals(actor.userId)) return { ok: true }
      return { ok: false, error: 'staffConsole.verify.claimedByOther' }
    }
    throw error
  }
  await recordAudit({
    actor: actor.userId,
    actorLabel: actor.name,
    action: 'verification.claim',
    targetType: 'verification-case',
    targetId: caseId,
    ip: actor.ip,
  })
  return { ok: true }
}

/** Gives a claimed case back to the queue (only its holder may). */
export async function releaseCase(caseId: string, actor: StaffActor): Promise<Result> {
  const claim = await findClaim(caseId)
  if (!claim || !claim.claimedBy.equals(actor.userId))
    return { ok: false, error: 'staffConsole.verify.notYourCase' }
  await VerificationClaim.deleteOne({ _id: caseId })
  await recordAudit({
    actor: actor.userId,
    actorLabel: actor.name,
    action: 'verification.release',
    targetType: 'verification-case',
    targetId: caseId,
    ip: actor.ip,
  })
  return { ok: true }
}

/** The items a verifier ticks: MST, registration certificate, each certificate, photos. */
export function requiredChecks(profile: {
  certifications?: Array<{ _id: Types.ObjectId; evidenceFile?: unknown }> | null
}): string[] {
  return [
    'taxCode',
    'registration',
    ...(profile.certifications ?? [])
      .filter((item) => item.evidenceFile)
      .map((item) => `certificate:${item._id.toHexString()}`),
    'photos',
  ]
}

export function addMonths(date: Date, months: number): Date {
  const result = new Date(date)
  result.setUTCMonth(result.getUTCMonth() + months)
  return result
}

/** Approves, asks for changes or rejects a case the actor holds; every decision is audited. */
export async function decideCase(input: {
  caseId: string
  actor: StaffActor
  decision: VerificationDecision
  method?: VerificationMethod
  note?: string
  checks: string[]
  reasons: VerificationReason[]
  now?: Date
}): Promise<Result> {
  const found = await findCase(input.caseId)
  if (!found || found.state !== 'open')
    return { ok: false, error: 'staffConsole.verify.caseClosed' }
  const claim = await findClaim(input.caseId)
  if (!claim || !claim.claimedBy.equals(input.actor.userId))
    return { ok: false, error: 'staffConsole.verify.notYourCase' }
  const profile = await SupplierProfile.findById(found.organization)
  const required = requiredChecks(profile ?? {})
  const checks = input.checks.filter((check) => required.includes(check))
  if (input.decision === 'approve') {
    if (!input.method) return { ok: false, error: 'staffConsole.verify.methodRequired' }
    if (required.some((check) => !checks.includes(check)))
      return { ok: false, error: 'staffConsole.verify.uncheckedItems' }
  } else if (input.reasons.length === 0) {
    return { ok: false, error: 'staffConsole.verify.reasonsRequired' }
  }
  // Whoever removes the queue entry decides: a second submission finds it gone.
  const taken = await VerificationQueueEntry.deleteOne({ _id: found.organization.toHexString() })
  if (taken.deletedCount !== 1) return { ok: false, error: 'staffConsole.verify.caseClosed' }
  const now = input.now ?? new Date()
  const state =
    input.decision === 'approve'
      ? 'approved'
      : input.decision === 'changes'
        ? 'changes'
        : 'rejected'
  await VerificationCase.updateOne(
    { _id: found._id },
    {
      $set: {
        state,
        checks,
        method: input.method,
        note: input.note,
        reasons: input.decision === 'approve' ? [] : input.reasons,
        decidedAt: now,
        decidedBy: input.actor.userId,
      },
    },
  )
  const before = await Organization.findById(found.organization).lean()
  const verification =
    input.decision === 'approve'
      ? {
          state: 'verified',
          verifiedAt: now,
          verifiedBy: input.actor.userId,
          method: input.method,
          expiresAt: addMonths(now, VERIFICATION_VALIDITY_MONTHS),
          caseId: found._id,
          decidedAt: now,
        }
      : {
          state: input.decision === 'reject' ? 'rejected' : 'unverified',
          caseId: found._id,
          reasons: input.reasons,
          decidedAt: now,
        }
  await Organization.updateOne({ _id: found.organization }, { $set: { verification } })
  if (input.decision === 'approve' && profile) {
    // Certificates the verifier checked against their evidence carry the check themselves.
    const certifications = profile
      .toObject()
      .certifications.map((item) =>
        checks.includes(`certificate:${item._id.toHexString()}`)
          ? { ...item, verifiedAt: now, verifiedBy: input.actor.userId }
          : item,
      )
    await SupplierProfile.updateOne(
      { _id: profile._id },
      { $set: { certifications, 'search.pendingSince': new Date() } },
    )
  }
  await VerificationClaim.deleteOne({ _id: input.caseId })
  await recordAudit({
    actor: input.actor.userId,
    actorLabel: input.actor.name,
    action: `verification.${input.decision}`,
    targetType: 'organization',
    targetId: found.organization.toHexString(),
    before: { verification: before?.verification },
    after: { caseId: input.caseId, verification, checks, note: input.note },
    ip: input.actor.ip,
  })
  return { ok: true }
}

/** What a mail needs; the server's mailer fits. */
export interface VerificationMailer {
  send(message: { to: string; subject: string; text: string; html: string }): Promise<unknown>
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}

/**
 * The daily expiry job: reminds owners a month before a verification expires (once), and ends
 * verifications past their date (badge and search facet go). A background job, so it streams
 * one cursor over the organisations.
 */
export async function runVerificationExpiry(input: {
  mailer: VerificationMailer
  origin: string
  now?: Date
}): Promise<{ reminded: number; expired: number }> {
  const now = input.now ?? new Date()
  let reminded = 0
  let expired = 0
  const cursor = Organization.find({ 'verification.state': 'verified' }).lean().cursor()
  for await (const organization of cursor) {
    const expiresAt = organization.verification?.expiresAt
    if (!expiresAt) continue
    const expiring = expiresAt.getTime() <= now.getTime()
    const remind =
      !expiring &&
      !organization.verification?.reminderSentAt &&
      expiresAt.getTime() - now.getTime() <= REMINDER_DAYS_BEFORE * 86_400_000
    if (!expiring && !remind) continue
    if (expiring) {
      await Organization.updateOne(
        { _id: organization._id },
        { $set: { 'verification.state': 'unverified', 'verification.decidedAt': now } },
      )
      await recordAudit({
        actorLabel: 'system',
        action: 'verification.expire',
        targetType: 'organization',
        targetId: organization._id.toHexString(),
        before: { expiresAt },
      })
      expired += 1
    } else {
      await Organization.updateOne(
        { _id: organization._id },
        { $set: { 'verification.reminderSentAt': now } },
      )
      reminded += 1
    }
    const owners = await User.find({ organization: organization._id, organizationRole: 'owner' })
      .select('email locale')
      .lean()
    for (const owner of owners) {
      const t = translator(isLocale(owner.locale) ? owner.locale : 'vi')
      const params = {
        organization: organization.name,
        date: expiresAt.toISOString().slice(0, 10),
      }
      const subject = t(
        expiring ? 'staffConsole.mail.expiredSubject' : 'staffConsole.mail.reminderSubject',
        params,
      )
      const intro = t(
        expiring ? 'staffConsole.mail.expiredBody' : 'staffConsole.mail.reminderBody',
        params,
      )
      const link = `${input.origin}/supplier-profile/verification`
      await input.mailer.send({
        to: owner.email,
        subject,
        text: `${intro}\n\n${link}\n`,
        html: `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
      })
    }
  }
  return { reminded, expired }
}

/** Stored files by id, one point read each (the files collection grows). */
export async function filesByIds(ids: ReadonlyArray<Types.ObjectId | null | undefined>) {
  const files = await Promise.all(
    ids
      .filter((id): id is Types.ObjectId => Boolean(id))
      .map((id) => StoredFile.findById(id).lean()),
  )
  return new Map(files.flatMap((file) => (file ? [[file._id.toHexString(), file] as const] : [])))
}

/** Everything the case page shows: the case, the organisation, its profile and evidence. */
export async function caseDetails(caseId: string) {
  const found = await findCase(caseId)
  if (!found) return null
  const [organization, profile, dossier, claim] = await Promise.all([
    Organization.findById(found.organization).lean(),
    SupplierProfile.findById(found.organization).lean(),
    findDossier(found.organization),
    findClaim(caseId),
  ])
  if (!organization) return null
  const files = await filesByIds([
    dossier?.registrationFile,
    ...(profile?.certifications ?? []).map((item) => item.evidenceFile),
    ...(profile?.photos ?? []),
  ])
  return { case: found, organization, profile, dossier, claim, files }
}
