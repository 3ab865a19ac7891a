import { Schema, Types } from 'mongoose'
import { Organization } from '../accounts/organization.ts'
import { membersOf, User } from '../accounts/user.ts'
import { Conversation, isParticipant } from '../chat/conversation.ts'
import { Message } from '../chat/message.ts'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import { isLocale, translator, type TranslationKey } from '../i18n/index.ts'
import { SupplierProfile } from '../profiles/supplier-profile.ts'
import { Quote } from '../sourcing/quote.ts'
import { SourcingRequest } from '../sourcing/sourcing-request.ts'
import { recordAudit } from './audit-log.ts'
import {
  REPORT_TEXT_MAX_LENGTH,
  reportReasons,
  reportTargetTypes,
  type ModerationAction,
  type ReportReason,
  type ReportTargetType,
} from './moderation-schemas.ts'

export * from './moderation-schemas.ts'

/**
 * Moderation (issue 17, item 2; decision 013). Any signed-in user reports a supplier profile,
 * a chat message or a quote; staff work the reports queue.
 *
 * Collections, and why each read is a point read or a read of a small collection:
 * - `ModerationReport`: one per report, grows; read and written by `_id` only.
 * - `ModerationOpenKey`: `_id` = `<reporter>:<targetType>:<targetId>`, exists while that
 *   report is open. Its unique `_id` is "one open report per reporter and target": a second
 *   report (even two at once) fails the insert.
 * - `ModerationQueueEntry`: one per OPEN report (deleted on the decision), `_id` = the report's
 *   id. The queue page reads this small collection whole; deleting the entry is the one-decision
 *   token (whoever deletes it decides).
 * - `ModerationAllowance`: `report:<user>:<day>#n`, n < REPORTS_PER_DAY: the per-user limit,
 *   exact under concurrency without a counter (as models/sourcing/sourcing-limits.ts).
 * The organisation carries the outcome (`status` hidden/suspended and `moderation.*`); updating
 * its status marks the supplier profile for search (organization.ts hook), and every public
 * read of suppliers, requests and quotes already requires `status: 'active'`.
 */

export const REPORTS_PER_DAY = 10

const reportSchema = new Schema({
  reporter: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  reporterOrganization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
  targetType: { type: String, enum: reportTargetTypes, required: true },
  targetId: { type: String, required: true },
  /** The organisation the report is about (the profile's, the sender's, the quoting firm's). */
  organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
  organizationName: { type: String, required: true },
  reason: { type: String, enum: reportReasons, required: true },
  text: { type: String, maxlength: REPORT_TEXT_MAX_LENGTH },
  /** What was reported, as it was then (a message or quote may change or go). */
  excerpt: { type: String, maxlength: 2_000 },
  createdAt: { type: Date, required: true },
  state: { type: String, enum: ['open', 'closed'], default: 'open', required: true },
  outcome: { type: String, enum: ['dismiss', 'hide', 'suspend'] },
  decidedAt: Date,
  decidedBy: { type: Schema.Types.ObjectId, ref: 'User' },
})
export const ModerationReport = defineModel('ModerationReport', reportSchema)

const openKeySchema = new Schema(
  { _id: { type: String, required: true }, report: { type: Schema.Types.ObjectId } },
  { versionKey: false },
)
export const ModerationOpenKey = defineModel('ModerationOpenKey', openKeySchema)

const queueSchema = new Schema(
  {
    _id: { type: String, required: true },
    targetType: { type: String, required: true },
    organizationName: { type: String, required: true },
    reason: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
)
export const ModerationQueueEntry = defineModel('ModerationQueueEntry', queueSchema)

const allowanceSchema = new Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false },
)
export const ModerationAllowance = defineModel('ModerationAllowance', allowanceSchema)

export type ReportError =
  | 'staffConsole.report.invalid'
  | 'staffConsole.report.notFound'
  | 'staffConsole.report.duplicate'
  | 'staffConsole.report.tooMany'
  | 'staffConsole.report.own'

const openKeyOf = (reporter: Types.ObjectId, type: ReportTargetType, id: string) =>
  `${reporter.toHexString()}:${type}:${id}`

async function takeReportAllowance(userId: Types.ObjectId, now: Date): Promise<boolean> {
  const key = `report:${userId.toHexString()}:${now.toISOString().slice(0, 10)}`
  for (let slot = 0; slot < REPORTS_PER_DAY; slot += 1) {
    try {
      await ModerationAllowance.create({ _id: `${key}#${slot}`, at: now })
      return true
    } catch (error) {
      if (!isDuplicateKeyServerError(error)) throw error
    }
  }
  return false
}

/**
 * The organisation a target belongs to, if the reporter may see the target: any public
 * supplier profile; a message of a conversation of the reporter's organisation; a quote on a
 * request of the reporter's organisation. Point reads only.
 */
async function resolveTarget(
  reporterOrganization: Types.ObjectId,
  type: ReportTargetType,
  id: string,
): Promise<{ organization: Types.ObjectId; excerpt?: string } | null> {
  if (type === 'profile') {
    if (!Types.ObjectId.isValid(id) || String(new Types.ObjectId(id)) !== id) return null
    const organization = await Organization.findById(id).select('kind status').lean()
    if (!organization || organization.kind !== 'supplier' || organization.status !== 'active')
      return null
    return { organization: organization._id }
  }
  if (type === 'message') {
    if (!Types.ObjectId.isValid(id) || String(new Types.ObjectId(id)) !== id) return null
    const message = await Message.findById(id).lean()
    if (!message) return null
    const conversation = await Conversation.findById(message.conversation).lean()
    if (!conversation || !isParticipant(conversation, reporterOrganization)) return null
    return { organization: message.senderOrganization, excerpt: message.body.slice(0, 2_000) }
  }
  if (id.length > 100) return null
  const quote = await Quote.findById(id).lean()
  if (!quote) return null
  const request = await SourcingRequest.findById(quote.request).select('buyer').lean()
  if (!request || !request.buyer.equals(reporterOrganization)) return null
  return {
    organization: quote.supplier,
    excerpt:
      `${quote.unitPrice} ${quote.currency}, MOQ ${quote.moq}${quote.notes ? ` — ${quote.notes}` : ''}`.slice(
        0,
        2_000,
      ),
  }
}

export async function fileReport(input: {
  reporter: { userId: Types.ObjectId; organizationId: Types.ObjectId }
  targetType: ReportTargetType
  targetId: string
  reason: ReportReason
  text?: string
  now?: Date
}): Promise<{ ok: true; reportId: string } | { ok: false; error: ReportError }> {
  const now = input.now ?? new Date()
  const target = await resolveTarget(
    input.reporter.organizationId,
    input.targetType,
    input.targetId,
  )
  if (!target) return { ok: false, error: 'staffConsole.report.notFound' }
  if (target.organization.equals(input.reporter.organizationId))
    return { ok: false, error: 'staffConsole.report.own' }
  const key = openKeyOf(input.reporter.userId, input.targetType, input.targetId)
  if (await ModerationOpenKey.exists({ _id: key }))
    return { ok: false, error: 'staffConsole.report.duplicate' }
  if (!(await takeReportAllowance(input.reporter.userId, now)))
    return { ok: false, error: 'staffConsole.report.tooMany' }
  const reportId = new Types.ObjectId()
  try {
    await ModerationOpenKey.create({ _id: key, report: reportId })
  } catch (error) {
    if (isDuplicateKeyServerError(error))
      return { ok: false, error: 'staffConsole.report.duplicate' }
    throw error
  }
  const organization = await Organization.findById(target.organization).select('name').lean()
  const organizationName = organization?.name ?? '—'
  await ModerationReport.create({
    _id: reportId,
    reporter: input.reporter.userId,
    reporterOrganization: input.reporter.organizationId,
    targetType: input.targetType,
    targetId: input.targetId,
    organization: target.organization,
    organizationName,
    reason: input.reason,
    text: input.text || undefined,
    excerpt: target.excerpt,
    createdAt: now,
  })
  await ModerationQueueEntry.create({
    _id: reportId.toHexString(),
    targetType: input.targetType,
    organizationName,
    reason: input.reason,
    createdAt: now,
  })
  return { ok: true, reportId: reportId.toHexString() }
}

/** The open reports, oldest first: the small queue collection, read whole. */
export async function reportsQueue() {
  const entries = await ModerationQueueEntry.find().lean()
  return entries
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((entry) => ({
      reportId: entry._id,
      targetType: entry.targetType as ReportTargetType,
      organizationName: entry.organizationName,
      reason: entry.reason as ReportReason,
      createdAt: entry.createdAt,
    }))
}

export async function reportDetails(reportId: string) {
  if (!/^[0-9a-f]{24}$/.test(reportId)) return null
  const report = await ModerationReport.findById(reportId).lean()
  if (!report) return null
  const [organization, profile] = await Promise.all([
    Organization.findById(report.organization).lean(),
    SupplierProfile.findById(report.organization).select('description').lean(),
  ])
  if (!organization) return null
  return { report, organization, profile }
}

/** What a mail needs; the server's mailer fits. */
export interface ModerationMailer {
  send(message: { to: string; subject: string; text: string; html: string }): Promise<unknown>
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}

async function mailUser(
  mailer: ModerationMailer,
  user: { email: string; locale?: string | null },
  subjectKey: TranslationKey,
  bodyKey: TranslationKey,
  params: Record<string, string>,
  link: string,
) {
  const t = translator(isLocale(user.locale) ? user.locale : 'vi')
  const subject = t(subjectKey, params)
  const body = t(bodyKey, params)
  await mailer.send({
    to: user.email,
    subject,
    text: `${body}\n\n${link}\n`,
    html: `<p>${escapeHtml(body)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
  })
}

export type ModerationError =
  | 'staffConsole.moderation.invalid'
  | 'staffConsole.moderation.closed'
  | 'staffConsole.moderation.notSuspended'

/**
 * A staff decision on a report. dismiss/hide/suspend close the report (whoever deletes the
 * queue entry decides); restore brings a hidden or suspended organisation back. Suspension
 * ends every member's sessions (and their sockets). Reporter and reported are told by mail, in
 * their language; every action is in the audit log.
 */
export async function moderate(input: {
  reportId: string
  action: ModerationAction
  reasonText?: string
  actor: { userId: Types.ObjectId; name: string; ip?: string }
  mailer: ModerationMailer
  origin: string
  endMemberSessions: (userIds: Types.ObjectId[]) => Promise<number>
  now?: Date
}): Promise<{ ok: true } | { ok: false; error: ModerationError }> {
  const now = input.now ?? new Date()
  const details = await reportDetails(input.reportId)
  if (!details) return { ok: false, error: 'staffConsole.moderation.invalid' }
  const { report, organization } = details
  const before = { status: organization.status, moderation: organization.moderation }

  if (input.action === 'restore') {
    if (organization.status === 'active')
      return { ok: false, error: 'staffConsole.moderation.notSuspended' }
    await Organization.updateOne(
      { _id: organization._id },
      { $set: { status: 'active' }, $unset: { moderation: 1 } },
    )
  } else {
    const removed = await ModerationQueueEntry.deleteOne({ _id: input.reportId })
    if (removed.deletedCount !== 1) return { ok: false, error: 'staffConsole.moderation.closed' }
    await ModerationReport.updateOne(
      { _id: report._id },
      {
        $set: {
          state: 'closed',
          outcome: input.action,
          decidedAt: now,
          decidedBy: input.actor.userId,
        },
      },
    )
    await ModerationOpenKey.deleteOne({
      _id: openKeyOf(report.reporter, report.targetType as ReportTargetType, report.targetId),
    })
    if (input.action !== 'dismiss') {
      await Organization.updateOne(
        { _id: organization._id },
        {
          $set: {
            status: input.action === 'hide' ? 'hidden' : 'suspended',
            moderation: {
              reason: report.reason,
              note: input.reasonText || undefined,
              at: now,
              report: report._id,
            },
          },
        },
      )
    }
  }

  const members = input.action === 'dismiss' ? [] : await membersOf(organization._id)
  let sessionsEnded = 0
  if (input.action === 'suspend')
    sessionsEnded = await input.endMemberSessions(members.map((member) => member._id))

  await recordAudit({
    actor: input.actor.userId,
    actorLabel: input.actor.name,
    action: `moderation.${input.action}`,
    targetType: 'organization',
    targetId: organization._id.toHexString(),
    before,
    after: {
      reportId: input.reportId,
      status:
        input.action === 'dismiss'
          ? organization.status
          : input.action === 'hide'
            ? 'hidden'
            : input.action === 'suspend'
              ? 'suspended'
              : 'active',
      note: input.reasonText || undefined,
      sessionsEnded,
    },
    ip: input.actor.ip,
  })

  const params = { organization: organization.name }
  if (input.action !== 'restore') {
    const reporter = await User.findById(report.reporter).select('email locale').lean()
    if (reporter)
      await mailUser(
        input.mailer,
        reporter,
        'staffConsole.mail.reportDecidedSubject',
        input.action === 'dismiss'
          ? 'staffConsole.mail.reportDismissedBody'
          : 'staffConsole.mail.reportActedBody',
        params,
        `${input.origin}/contact`,
      )
  }
  if (input.action !== 'dismiss') {
    const owners = members.filter((member) => member.organizationRole === 'owner')
    for (const owner of owners)
      await mailUser(
        input.mailer,
        owner,
        `staffConsole.mail.${input.action}Subject`,
        `staffConsole.mail.${input.action}Body`,
        params,
        `${input.origin}/contact`,
      )
  }
  return { ok: true }
}
