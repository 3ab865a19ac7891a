import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Types } from 'mongoose'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { createStaffUser, signUp } from '#models/accounts/account.ts'
import { Organization } from '#models/accounts/organization.ts'
import { User } from '#models/accounts/user.ts'
import { Conversation, openConversation } from '#models/chat/conversation.ts'
import { flushChatWrites } from '#models/chat/chat-writes.ts'
import { markRead } from '#models/chat/conversation-read.ts'
import { InboxIndex } from '#models/chat/inbox-index.ts'
import { Message } from '#models/chat/message.ts'
import { AuditLog } from '#models/staff/audit-log.ts'
import { useTestApp } from '#test/app-server.ts'
import { hydrated, useBrowser } from '#test/e2e/browser.ts'
import { cookieFor, storeMessage, TEST_PASSWORD } from '#test/factories.ts'
import { compareWithReference } from './compare.ts'

/**
 * Screenshots of the signed-in pages (onboarding for both roles, the profile editor and one of
 * its sections, the inbox and a conversation, the staff audit log), desktop (1366×900) and
 * phone (390×844), Vietnamese and English, compared with the committed references as
 * first-impressions.screenshots.test.ts does. Deterministic: people, organisations, e-mail
 * addresses and tax codes are fixed; every time shown (messages, last seen, audit entries) is
 * written as a fixed date; the browser's clock is fixed; no animations or caret. Signed in with
 * a session cookie, as the e2e specs do (the sign-in form has its own tests).
 */
const app = useTestApp()
const browser = useBrowser(app)

const MAX_DIFFERENT = 0.01
const REFERENCES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'references')
const viewports = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
} as const
const SENT_AT = new Date('2026-11-28T02:15:00Z')
const REPLIED_AT = new Date('2026-11-28T03:40:00Z')

interface Person {
  userId: Types.ObjectId
  organizationId: Types.ObjectId
}
let supplier: Person
let buyer: Person
let staff: { userId: Types.ObjectId }

async function person(input: {
  kind: 'supplier' | 'buyer'
  organizationName: string
  country: string
  taxCode?: string
  name: string
  email: string
}): Promise<Person> {
  const result = await signUp({ ...input, password: TEST_PASSWORD, locale: 'vi' })
  if (!result.ok) throw new Error(`not signed up: ${result.taken.join(', ')}`)
  await User.updateOne(
    { _id: result.userId },
    { $set: { emailVerifiedAt: SENT_AT, lastSeenAt: SENT_AT } },
  )
  return { userId: result.userId, organizationId: result.organizationId }
}

beforeAll(async () => {
  supplier = await person({
    kind: 'supplier',
    organizationName: 'Công ty TNHH Cơ khí Hoa Sen',
    country: 'VN',
    taxCode: '0101234567',
    name: 'Phạm Thị Lan',
    email: 'lan.pham@hoasen.example.vn',
  })
  await Organization.updateOne(
    { _id: supplier.organizationId },
    { $set: { tradeName: 'Hoa Sen Mechanical' } },
  )
  buyer = await person({
    kind: 'buyer',
    organizationName: 'Nordlicht Components GmbH',
    country: 'DE',
    name: 'Jonas Weber',
    email: 'jonas.weber@nordlicht.example.de',
  })
  const staffUser = await createStaffUser({
    email: 'can.bo@vsi.example.vn',
    name: 'Lê Minh Quân',
    password: TEST_PASSWORD,
    roles: ['admin'],
  })
  await User.updateOne(
    { _id: staffUser._id },
    { $set: { 'totp.secret': 'JBSWY3DPEHPK3PXP', 'totp.enabledAt': SENT_AT } },
  )
  staff = { userId: staffUser._id }

  // A profile inquiry from the buyer, answered by the supplier (so the supplier has nothing
  // unread, whichever page is taken first), both at fixed times.
  const opened = await openConversation(buyer, supplier.organizationId, {
    kind: 'profile-inquiry',
  })
  if (!opened.ok) throw new Error(opened.error)
  const conversation = opened.conversation
  conversationId = conversation._id.toHexString()
  await storeMessage(
    conversation,
    buyer,
    'Xin chào, chúng tôi cần 5.000 giá đỡ thép dập mỗi tháng. Công ty có nhận đơn thử 500 chiếc không?',
  )
  await storeMessage(
    conversation,
    supplier,
    'Chào anh Jonas, chúng tôi nhận đơn thử. Báo giá sẽ gửi trong ngày mai.',
  )
  // The conversation's summary and the inboxes are written behind: done before the times are set.
  await flushChatWrites()
  const messages = await Message.find({ conversation: conversation._id }).sort({ seq: 1 }).lean()
  await Message.updateOne({ _id: messages[0]!._id }, { $set: { createdAt: SENT_AT } })
  await Message.updateOne({ _id: messages[1]!._id }, { $set: { createdAt: REPLIED_AT } })
  await Conversation.updateOne({ _id: conversation._id }, { $set: { lastMessageAt: REPLIED_AT } })
  // The buyer has read the reply already (its conversation page would mark it read anyway): no
  // unread badge on any buyer page, whichever page or test comes first.
  await markRead(buyer, conversation._id, messages[1]!._id)
  for (const organizationId of [supplier.organizationId, buyer.organizationId]) {
    // Point read and whole-array write (no positional operators on FerretDB).
    const index = await InboxIndex.findById(organizationId).lean()
    if (!index) continue
    const recent = index.recent.map((item) => ({ ...item, lastMessageAt: REPLIED_AT }))
    await InboxIndex.updateOne({ _id: organizationId }, { $set: { recent } })
  }

  // The audit log: only these entries, at fixed times.
  await AuditLog.deleteMany({})
  await AuditLog.create([
    {
      at: new Date('2026-11-27T08:05:00Z'),
      actor: staff.userId,
      actorLabel: 'Lê Minh Quân',
      action: 'staff.create',
      targetType: 'User',
      targetId: staff.userId.toHexString(),
      after: { roles: ['admin'] },
    },
    {
      at: new Date('2026-11-27T09:30:00Z'),
      actor: staff.userId,
      actorLabel: 'Lê Minh Quân',
      action: 'user.totp.enable',
      targetType: 'User',
      targetId: staff.userId.toHexString(),
    },
    {
      at: new Date('2026-11-28T04:00:00Z'),
      actor: staff.userId,
      actorLabel: 'Lê Minh Quân',
      action: 'user.password.change',
      targetType: 'User',
      targetId: supplier.userId.toHexString(),
    },
  ])
})

let conversationId: string

const pages: Array<{
  name: string
  as: () => Types.ObjectId
  path: () => string
  /** A chat page: wait until its socket has joined (the presence line then appears). */
  live?: boolean
}> = [
  { name: 'welcome-supplier', as: () => supplier.userId, path: () => '/welcome' },
  { name: 'welcome-buyer', as: () => buyer.userId, path: () => '/welcome' },
  { name: 'profile-editor', as: () => supplier.userId, path: () => '/supplier-profile/general' },
  {
    name: 'profile-section',
    as: () => supplier.userId,
    path: () => '/supplier-profile/capabilities',
  },
  { name: 'inbox', as: () => supplier.userId, path: () => '/messages' },
  // The buyer's side: English pages lead with the supplier's trade name. The conversation's
  // presence line ("online" / "last seen …") follows the other side's sockets and visits, and
  // the zone's name depends on Chromium's ICU (Asia/Saigon or Asia/Ho_Chi_Minh): both are given
  // a fixed box and masked (volatile, below).
  {
    name: 'conversation',
    as: () => buyer.userId,
    path: () => `/messages/${conversationId}`,
    live: true,
  },
  { name: 'inbox-buyer', as: () => buyer.userId, path: () => '/messages' },
  { name: 'staff-audit', as: () => staff.userId, path: () => '/staff/audit' },
]

/** What changes from run to run on a page, whatever the data: masked, each in a fixed box. */
const volatile = ['[data-testid="presence"]', '[data-testid="time-zone"]']

async function settle(page: Page, live = false) {
  await hydrated(page)
  if (live) {
    await page.locator('[data-live="true"]').waitFor()
    await page.locator('[data-testid="presence"]').waitFor()
  }
  await page.addStyleTag({
    content: [
      '*,*::before,*::after{transition:none!important;animation:none!important;caret-color:transparent!important}',
      // A box of one size whatever the text, so the layout around it does not move.
      `${volatile.join(',')}{display:inline-block!important;width:14rem!important;height:1.25rem!important;overflow:hidden!important;white-space:nowrap!important}`,
    ].join('\n'),
  })
  await page.evaluate(() => document.fonts.ready)
}

describe('signed-in screenshots match their references', { timeout: 300_000 }, () => {
  for (const [device, viewport] of Object.entries(viewports)) {
    for (const lang of ['vi', 'en'] as const) {
      it(`${device}, ${lang}`, async () => {
        const failures: string[] = []
        for (const entry of pages) {
          const context = await browser.newContext({
            viewport,
            locale: lang === 'vi' ? 'vi-VN' : 'en-GB',
            timezoneId: 'Asia/Ho_Chi_Minh',
            reducedMotion: 'reduce',
          })
          const [name, ...value] = (await cookieFor(entry.as())).split('=')
          await context.addCookies([{ name: name!, value: value.join('='), url: app.baseUrl }])
          const page = await context.newPage()
          await page.clock.setFixedTime(new Date('2026-12-01T03:00:00Z'))
          await page.goto(entry.path())
          expect(new URL(page.url()).pathname, entry.name).toBe(entry.path())
          await settle(page, entry.live)
          // caret: 'initial': Playwright's default hides carets by writing a style attribute on every
          // input, which React reports as a hydration mismatch when hydration is still running;
          // settle() hides carets with a stylesheet instead.
          const shot = await page.screenshot({
            fullPage: true,
            animations: 'disabled',
            caret: 'initial',
            mask: volatile.map((selector) => page.locator(selector)),
            maskColor: '#64748b',
          })
          const reference = path.join(REFERENCES, `${entry.name}-${device}-${lang}.png`)
          const { differentShare, diffPath } = await compareWithReference(shot, reference)
          if (differentShare > MAX_DIFFERENT) {
            failures.push(
              `${entry.name}: ${(differentShare * 100).toFixed(2)}% of pixels differ${diffPath ? ` (${diffPath})` : ' (size changed)'}`,
            )
          }
          await context.close()
        }
        expect(failures).toEqual([])
      })
    }
  }
})
