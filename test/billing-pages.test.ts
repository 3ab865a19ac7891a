import { describe, expect, it } from 'vitest'
import { entitlementFor, findBillingAccount } from '#models/billing/billing-account.ts'
import { AuditLog } from '#models/staff/audit-log.ts'
import { useTestApp } from './app-server.ts'
import { cookieFor, createAccount, createStaff } from './factories.ts'
import { TestBrowser } from './http.ts'

/**
 * Billing on the embedded default: no Stripe keys. The pages say payments are not configured,
 * nothing crashes, and a staff admin grants a plan by hand (audit-logged).
 */
const app = useTestApp()

async function signedIn(userId: Parameters<typeof cookieFor>[0]) {
  const browser = new TestBrowser(app.baseUrl)
  browser.setCookie(await cookieFor(userId))
  return browser
}

const inDays = (days: number) =>
  new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)

describe('billing without Stripe keys', () => {
  it('says payments are not configured and refuses a checkout, changing nothing', async () => {
    const owner = await createAccount('supplier')
    const browser = await signedIn(owner.userId)
    const page = await browser.get('/account/billing')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('data-testid="billing-not-configured"')
    expect(html).toContain('Thanh toán trực tuyến chưa được cấu hình')
    const refused = await browser.post('/account/billing', {
      intent: 'checkout',
      offer: 'vsi_supplier_premium_month_vnd',
    })
    expect(refused.status).toBe(400)
    expect(await findBillingAccount(owner.organizationId)).toBeNull()
  })

  it('answers 404 on the webhook endpoint', async () => {
    const response = await fetch(`${app.baseUrl}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=abc' },
      body: '{}',
    })
    expect(response.status).toBe(404)
  })

  it('lets a staff admin grant Premium by hand, recorded in the audit log', async () => {
    const supplier = await createAccount('supplier')
    const admin = await createStaff(['admin'])
    const browser = await signedIn(admin.userId)
    expect((await browser.get('/staff/billing')).status).toBe(200)

    const badDate = await browser.post('/staff/billing', {
      organization: supplier.organizationId.toHexString(),
      plan: 'supplier_premium',
      until: '2020-01-01',
    })
    expect(badDate.status).toBe(400)
    expect(await badDate.text()).toContain('Ngày kết thúc phải ở tương lai')
    const wrongKind = await browser.post('/staff/billing', {
      organization: supplier.organizationId.toHexString(),
      plan: 'buyer_pro',
      until: inDays(30),
    })
    expect(wrongKind.status).toBe(400)
    const unknown = await browser.post('/staff/billing', {
      organization: '0123456789abcdef01234567',
      plan: 'supplier_premium',
      until: inDays(30),
    })
    expect(unknown.status).toBe(400)
    expect(await findBillingAccount(supplier.organizationId)).toBeNull()

    const granted = await browser.post('/staff/billing', {
      organization: supplier.organizationId.toHexString(),
      plan: 'supplier_premium',
      until: inDays(30),
    })
    expect(granted.status).toBe(200)
    expect((await entitlementFor(supplier.organizationId)).plan).toBe('supplier_premium')
    expect((await findBillingAccount(supplier.organizationId))?.featured).toBe(true)
    const audit = await AuditLog.find({
      targetId: supplier.organizationId.toHexString(),
      action: 'billing.manual_grant',
    }).lean()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.actor?.toHexString()).toBe(admin.userId.toHexString())
    expect(audit[0]!.after).toMatchObject({
      entitlement: { plan: 'supplier_premium', source: 'manual' },
    })

    const owner = await signedIn(supplier.userId)
    const html = await (await owner.get('/account/billing')).text()
    expect(html).toContain('Nhà cung cấp Premium')
    expect(html).toContain('Cấp bởi cán bộ chương trình')
  })

  it('refuses the grant form to staff who are not admins', async () => {
    const verifier = await createStaff(['verifier'])
    const supplier = await createAccount('supplier')
    const browser = await signedIn(verifier.userId)
    const response = await browser.post('/staff/billing', {
      organization: supplier.organizationId.toHexString(),
      plan: 'supplier_premium',
      until: inDays(30),
    })
    expect(response.status).toBe(403)
    expect(await findBillingAccount(supplier.organizationId)).toBeNull()
  })
})
