import type { BrowserContext, Page } from 'playwright-core'
import type { Types } from 'mongoose'
import { describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { User } from '#models/accounts/user.ts'
import { useTestApp } from '#test/app-server.ts'
import { cookieFor, createAccount } from '#test/factories.ts'
import { hydrated, useBrowser } from './browser.ts'

const app = useTestApp()
const browser = useBrowser(app)

/** A browser profile already signed in as this user (the sign-in form has its own tests). */
async function signedInContext(userId: Types.ObjectId): Promise<BrowserContext> {
  const context = await browser.newContext()
  const [name, ...value] = (await cookieFor(userId)).split('=')
  await context.addCookies([{ name: name!, value: value.join('='), url: app.baseUrl }])
  return context
}

async function person(kind: 'supplier' | 'buyer', organizationName: string, name: string) {
  const account = await createAccount(kind)
  await Organization.updateOne(
    { _id: account.organizationId },
    { $set: { name: organizationName } },
  )
  await User.updateOne({ _id: account.userId }, { $set: { name } })
  const { slug } = (await Organization.findById(account.organizationId).lean())!
  return { ...account, slug }
}

/** The conversation page has joined its room: live messages, typing and receipts flow. */
const live = (page: Page) => page.locator('section[data-live="true"]').waitFor()
const messages = (page: Page) => page.getByTestId('chat-message')

describe('chat between a buyer and a supplier in two browsers', { timeout: 120_000 }, () => {
  it('contacts from the public page and chats live with typing and read receipts', async () => {
    const supplier = await person('supplier', 'Công ty Cơ khí Trực Tuyến', 'Trần Văn Cung')
    const buyer = await person('buyer', 'Live Buyer GmbH', 'Anna Schmidt')
    const supplierPage = await (await signedInContext(supplier.userId)).newPage()
    const buyerPage = await (await signedInContext(buyer.userId)).newPage()

    // The supplier waits in the inbox, connected.
    await supplierPage.goto('/messages')
    await hydrated(supplierPage)
    await supplierPage.locator('section[data-connected="true"]').waitFor()
    await supplierPage.getByText('Chưa có cuộc trò chuyện nào.').waitFor()

    // The buyer writes from the supplier's public page.
    await buyerPage.goto(`/suppliers/${supplier.slug}`)
    await hydrated(buyerPage)
    await buyerPage
      .getByRole('textbox', { name: 'Tin nhắn' })
      .fill('Chào anh, chúng tôi cần giá đỡ thép dập.')
    await buyerPage.getByRole('textbox', { name: 'Sản phẩm' }).fill('Giá đỡ thép')
    await buyerPage.getByRole('textbox', { name: 'Số lượng' }).fill('2.000 chiếc')
    await buyerPage.getByRole('button', { name: 'Gửi tin nhắn' }).click()
    await buyerPage.waitForURL(/\/messages\/[0-9a-f]{24}(\?|$)/)
    await hydrated(buyerPage)
    await live(buyerPage)
    await messages(buyerPage).filter({ hasText: 'Giá đỡ thép' }).waitFor()

    // It arrives in the supplier's inbox without a reload, unread.
    const entry = supplierPage.getByTestId('inbox-entry').filter({ hasText: 'Live Buyer GmbH' })
    await entry.waitFor()
    await entry.getByText('1 chưa đọc').waitFor()

    // The supplier opens it: the buyer sees "Seen" under the first message.
    await entry.getByRole('link').click()
    await supplierPage.waitForURL(/\/messages\/[0-9a-f]{24}(\?|$)/)
    await hydrated(supplierPage)
    await live(supplierPage)
    await messages(supplierPage).filter({ hasText: '2.000 chiếc' }).waitFor()
    await messages(buyerPage).last().getByText('Đã xem').waitFor()

    // Typing shows on the other side, then the reply arrives live, once.
    const supplierBox = supplierPage.getByRole('textbox', { name: 'Tin nhắn' })
    await supplierBox.pressSequentially('Chúng tôi gửi báo giá', { delay: 20 })
    await buyerPage.getByText('Trần Văn Cung đang nhập…').waitFor()
    await supplierBox.pressSequentially(' trong hôm nay.')
    await supplierPage.getByRole('button', { name: 'Gửi', exact: true }).click()
    const reply = 'Chúng tôi gửi báo giá trong hôm nay.'
    await messages(supplierPage)
      .filter({ hasText: reply })
      .and(supplierPage.locator('[data-state="stored"]'))
      .waitFor()
    await messages(buyerPage).filter({ hasText: reply }).waitFor()
    expect(buyerPage.url(), 'no reload or navigation').toMatch(/\/messages\/[0-9a-f]{24}(\?|$)/)
    await expect.poll(() => messages(buyerPage).filter({ hasText: reply }).count()).toBe(1)
    await expect.poll(() => messages(supplierPage).filter({ hasText: reply }).count()).toBe(1)
    await expect.poll(() => buyerPage.getByText('Trần Văn Cung đang nhập…').count()).toBe(0)

    // The buyer answers; the supplier, looking at the conversation, reads it at once.
    await buyerPage
      .getByRole('textbox', { name: 'Tin nhắn' })
      .fill('Cảm ơn anh, xem https://example.vn/ban-ve nhé.')
    await buyerPage.getByRole('button', { name: 'Gửi', exact: true }).click()
    await messages(supplierPage).filter({ hasText: 'Cảm ơn anh' }).waitFor()
    const link = messages(supplierPage).getByRole('link', { name: 'https://example.vn/ban-ve' })
    expect(await link.getAttribute('rel')).toBe('nofollow noopener noreferrer')
    await messages(buyerPage).last().getByText('Đã xem').waitFor()
    await expect.poll(() => buyerPage.getByText('Đã xem').count()).toBe(1)
    await expect.poll(() => messages(buyerPage).count()).toBe(3)

    // Presence: online while the supplier's page is open; "last seen" once it is closed.
    const presence = buyerPage.getByTestId('presence')
    await expect.poll(() => presence.textContent()).toContain('Đang trực tuyến')
    await supplierPage.close()
    await expect.poll(() => presence.textContent()).toMatch(/^Truy cập lần cuối .*\d/)
  })
})
