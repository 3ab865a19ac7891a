import ExcelJS from 'exceljs'
import type { Types } from 'mongoose'
import { describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { Message } from '#models/chat/message.ts'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { neutralizeCell, tableToCsv } from '#models/staff/kpi-export.ts'
import { flushSearchLog } from '#models/analytics/search-log.ts'
import { KpiSnapshot, refreshKpiSnapshot, weekOf } from '#models/staff/kpi.ts'
import { useTestApp } from './app-server.ts'
import {
  cookieFor,
  createAccount,
  createStaff,
  startConversation,
  storeMessage,
} from './factories.ts'
import { TestBrowser } from './http.ts'
import { describeScans, recordQueries, scansOf } from './query-guard.ts'

const app = useTestApp()

async function signedIn(userId: Types.ObjectId) {
  const browser = new TestBrowser(app.baseUrl)
  browser.setCookie(await cookieFor(userId))
  return browser
}

async function supplierWith(fields: Record<string, unknown>) {
  const supplier = await createAccount('supplier')
  await SupplierProfile.create({
    _id: supplier.organizationId,
    organization: supplier.organizationId,
    ...fields,
  })
  return supplier
}

describe('KPI snapshot', () => {
  it('counts suppliers, buyers, verification and conversations answered within 24 hours', async () => {
    const a = await supplierWith({ sectors: ['automotive'], province: 'ha-noi' })
    await supplierWith({ sectors: ['automotive', 'electronics'], province: 'ha-noi' })
    await Organization.updateOne(
      { _id: a.organizationId },
      { $set: { 'verification.state': 'verified', 'verification.verifiedAt': new Date() } },
    )
    const buyer = await createAccount('buyer')
    const quick = await startConversation(
      { userId: buyer.userId, organizationId: buyer.organizationId },
      a.organizationId,
    )
    await storeMessage(
      quick,
      { userId: buyer.userId, organizationId: buyer.organizationId },
      'Xin chào, báo giá?',
    )
    await storeMessage(
      quick,
      { userId: a.userId, organizationId: a.organizationId },
      'Vâng, gửi ngay.',
    )
    const slow = await startConversation(
      { userId: buyer.userId, organizationId: buyer.organizationId },
      a.organizationId,
    )
    await storeMessage(
      slow,
      { userId: buyer.userId, organizationId: buyer.organizationId },
      'Còn hàng không?',
    )
    const late = await storeMessage(
      slow,
      { userId: a.userId, organizationId: a.organizationId },
      'Có.',
    )
    // The answer came two days later.
    await Message.updateOne(
      { _id: late.message._id },
      { $set: { createdAt: new Date(Date.now() + 2 * 86_400_000) } },
    )

    const { figures } = await refreshKpiSnapshot()
    expect(figures['suppliers-by-sector']).toMatchObject({ automotive: 2, electronics: 1 })
    expect(figures['suppliers-by-province']!['ha-noi']).toBe(2)
    expect(Object.keys(figures['suppliers-by-province']!).length).toBeGreaterThanOrEqual(34)
    expect(figures['verified-share']).toEqual({ verified: 1, unverified: 1 })
    expect(figures['buyers-by-country']).toEqual({ DE: 1 })
    const week = weekOf(new Date())
    expect(figures['conversations-started']![week]).toBe(2)
    expect(figures['conversations-answered-24h']![week]).toBe(1)
    expect(figures['supplier-registrations']![week]).toBe(2)
    expect(await KpiSnapshot.findById(new Date().toISOString().slice(0, 10))).not.toBeNull()
  })
})

describe('dashboard, exports and public statistics', () => {
  it('shows staff the tables from the snapshot, in Vietnamese and English, without scans', async () => {
    const staff = await signedIn((await createStaff(['verifier'])).userId)
    expect((await staff.post('/staff/dashboard', { intent: 'refresh' })).status).toBe(200)
    const { result: page, queries } = await recordQueries(async () =>
      (await staff.get('/staff/dashboard')).text(),
    )
    expect(page).toContain('Nhà cung cấp theo tỉnh/thành (34 đơn vị)')
    expect(page).toContain('<table')
    expect(page).toContain('Hà Nội')
    const own = scansOf(queries).filter(
      (scan) => scan.collection !== 'sessions' && scan.collection !== 'conversations',
    )
    expect(describeScans(own)).toEqual([])
    const english = await (await staff.get('/staff/dashboard?lang=en')).text()
    expect(english).toContain('Suppliers by province (34 units)')
    expect(english).toContain('Hanoi')
    // A broken range is said and ignored.
    expect(await (await staff.get('/staff/dashboard?from=2026-13-45&lang=vi')).text()).toContain(
      'Khoảng ngày không hợp lệ',
    )
  })

  it('logs searches people run and shows the weekly count and the queries without results', async () => {
    await flushSearchLog({ settleAll: true })
    const person = {
      'User-Agent':
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    }
    const visitor = new TestBrowser(app.baseUrl)
    const search = (path: string, headers: Record<string, string> = person) =>
      visitor.request(path, { headers })
    expect((await search('/suppliers?q=qwzx%20titan')).status).toBe(200)
    // A second page of the same search, a bot and a prefetch are not searches people ran.
    expect((await search('/suppliers?q=qwzx%20titan&page=2')).status).toBe(200)
    expect(
      (await search('/suppliers?q=qwzx%20bot', { 'User-Agent': 'Googlebot/2.1' })).status,
    ).toBe(200)
    expect(
      (await search('/suppliers?q=qwzx%20prefetch', { ...person, 'Sec-Purpose': 'prefetch' }))
        .status,
    ).toBe(200)
    await flushSearchLog({ settleAll: true })
    const { figures } = await refreshKpiSnapshot()
    expect(figures['searches']![weekOf(new Date())]).toBe(1)
    expect(figures['searches-without-results']![weekOf(new Date())]).toBe(1)
    expect(figures['top-no-result-queries']).toEqual({ 'qwzx titan': 1 })

    const staff = await signedIn((await createStaff(['verifier'])).userId)
    const english = await (await staff.get('/staff/dashboard?lang=en')).text()
    expect(english).toContain('Top queries without results (90 days)')
    expect(english).toContain('qwzx titan')
    expect(english).toContain('Searches per week')
    // Query text a person typed is data, shown escaped.
    await search('/suppliers?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E')
    await flushSearchLog({ settleAll: true })
    await refreshKpiSnapshot()
    const page = await (await staff.get('/staff/dashboard?lang=vi')).text()
    expect(page).toContain('Truy vấn không có kết quả nhiều nhất (90 ngày)')
    expect(page).not.toContain('<script>alert(1)</script>')
  })

  it('keeps the dashboard and exports for staff only', async () => {
    const supplier = await createAccount('supplier')
    const browser = await signedIn(supplier.userId)
    expect((await browser.get('/staff/dashboard')).status).toBe(403)
    expect(
      (await browser.get('/staff/dashboard/export?kpi=verified-share&format=csv')).status,
    ).toBe(403)
    expect((await browser.post('/staff/dashboard', { intent: 'refresh' })).status).toBe(403)
    expect((await new TestBrowser(app.baseUrl).get('/staff/dashboard')).status).toBe(302)
  })

  it('exports CSV and XLSX with formulas neutralised', async () => {
    await supplierWith({ sectors: ['=HYPERLINK("http://evil.example","x")'], province: 'ha-noi' })
    await refreshKpiSnapshot()
    const staff = await signedIn((await createStaff(['admin'])).userId)
    const csv = await staff.get('/staff/dashboard/export?kpi=suppliers-by-sector&format=csv')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('Content-Type')).toContain('text/csv')
    const text = await csv.text()
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`)
    expect(text).not.toMatch(/(^|[,\n])=HYPERLINK/)
    const xlsx = await staff.get('/staff/dashboard/export?kpi=all&format=xlsx')
    expect(xlsx.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never)
    expect(workbook.worksheets.length).toBeGreaterThanOrEqual(5)
    const values: unknown[] = []
    workbook.eachSheet((sheet) => sheet.eachRow((row) => values.push(...(row.values as unknown[]))))
    expect(values).toContain(`'=HYPERLINK("http://evil.example","x")`)
    expect(
      values.some((value) => typeof value === 'object' && value !== null && 'formula' in value),
    ).toBe(false)
    expect((await staff.get('/staff/dashboard/export?kpi=all&format=pdf')).status).toBe(400)
    expect((await staff.get('/staff/dashboard/export?kpi=nope&format=csv')).status).toBe(404)
  })

  it('neutralises every formula lead character', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r'])
      expect(neutralizeCell(`${lead}1+1`)).toBe(`'${lead}1+1`)
    expect(neutralizeCell('Hà Nội')).toBe('Hà Nội')
    expect(neutralizeCell(-3)).toBe(-3)
    expect(tableToCsv({ title: 't', header: ['a', 'b'], rows: [['@SUM(A1)', 1]] })).toContain(
      "'@SUM(A1),1",
    )
  })

  it('shows the public statistics to anyone, cached, without names or private figures', async () => {
    await supplierWith({ sectors: ['automotive'], province: 'ha-noi' })
    await refreshKpiSnapshot()
    const response = await new TestBrowser(app.baseUrl).get('/statistics')
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toContain('public')
    const page = await response.text()
    expect(page).toContain('Thống kê chương trình')
    expect(page).toContain('Nhà cung cấp theo ngành')
    expect(page).not.toContain('Mức độ hoàn thiện hồ sơ')
    expect(page).not.toContain('Công ty TNHH Cơ khí Thử nghiệm')
    expect(page).not.toContain('@example.vn')
  })
})
