import { organizationIdForSlug } from '#models/accounts/organization-slug.ts'
import iconv from 'iconv-lite'
import ExcelJS from 'exceljs'
import type { Types } from 'mongoose'
import { beforeAll, describe, expect, it } from 'vitest'
import { signUp } from '#models/accounts/account.ts'
import { Organization } from '#models/accounts/organization.ts'
import { User } from '#models/accounts/user.ts'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { AuditLog } from '#models/staff/audit-log.ts'
import {
  ClaimInvitationBatch,
  invitationRetryDelayMs,
  MAX_INVITATION_ATTEMPTS,
  sendClaimInvitations,
} from '#models/staff/claim-invitations.ts'
import { IMPORT_LIMITS, parseImportFile } from '#models/staff/import-file.ts'
import {
  ImportQueue,
  OrganizationClaim,
  StaffImport,
  runImportQueueOnce,
} from '#models/staff/import.ts'
import { useTestApp } from './app-server.ts'
import { cookieFor, createAccount, createStaff, TEST_PASSWORD } from './factories.ts'
import { rawRequest, TestBrowser } from './http.ts'
import { describeScans, recordQueries, scansOf } from './query-guard.ts'
import { csvOf, validMst, xlsxOf, zipOf } from './staff-import-fixtures.ts'

const app = useTestApp()

let admin: TestBrowser
let adminEn: TestBrowser

async function signedIn(userId: Types.ObjectId) {
  const browser = new TestBrowser(app.baseUrl)
  browser.setCookie(await cookieFor(userId))
  return browser
}

beforeAll(async () => {
  const staff = await createStaff(['admin'])
  admin = await signedIn(staff.userId)
  adminEn = await signedIn(staff.userId)
  adminEn.setCookie('lang=en')
})

function upload(browser: TestBrowser, name: string, bytes: Uint8Array | string) {
  const form = new FormData()
  form.set(
    'file',
    new Blob([new Uint8Array(typeof bytes === 'string' ? Buffer.from(bytes) : bytes)]),
    name,
  )
  return browser.request('/staff/imports?index', { method: 'POST', body: form })
}

function importIdOf(response: Response): string {
  expect(response.status).toBe(302)
  const id = /\/staff\/imports\/([0-9a-f]{24})$/.exec(response.headers.get('Location') ?? '')?.[1]
  expect(id).toBeTruthy()
  return id!
}

const runJob = () =>
  runImportQueueOnce({ origin: app.baseUrl, mail: (message) => app.mailer.send(message) })

const HEADER = ['Tên doanh nghiệp', 'Mã số thuế', 'Tỉnh', 'Ngành nghề', 'Gia công', 'Email']

describe('supplier-list import', () => {
  it('maps columns, dry-runs with per-row errors, imports, reports, and re-runs without duplicates', async () => {
    // A firm that registered itself: its row is skipped, never overwritten.
    const registeredMst = validMst(900)
    const registered = await signUp({
      kind: 'supplier',
      organizationName: 'Công ty Tự Đăng Ký',
      country: 'VN',
      taxCode: registeredMst,
      name: 'Chủ Doanh Nghiệp',
      email: 'chu.tu.dang.ky@example.vn',
      password: TEST_PASSWORD,
      locale: 'vi',
    })
    expect(registered.ok).toBe(true)
    const rows = [
      HEADER,
      [
        'Công ty TNHH Cơ khí Đông Á',
        validMst(1),
        'Tỉnh Bình Dương',
        'Cơ khí',
        'dap khuon kim loai',
        'dong.a@example.vn',
      ],
      ['Nhựa Việt', validMst(2), 'Vĩnh Phúc', 'điện tử', '', ''],
      ['Bad MST', '0101234560', 'Hà Nội', '', '', ''],
      ['Nowhere Co', validMst(3), 'Atlantis', '', '', ''],
      ['Odd Sector', validMst(4), 'Hà Nội', 'quantum widgets', '', ''],
      ['Second Đông Á', validMst(1), 'Hà Nội', '', '', ''],
      ['=HYPERLINK("http://evil.example","x")', validMst(5), 'Hà Nội', '', '', ''],
      ['Tự Đăng Ký (từ danh sách)', registeredMst, 'Hà Nội', '', '', ''],
    ]
    // Semicolons and a UTF-8 BOM, as Excel writes "CSV UTF-8" in Vietnamese locales.
    const file = `\uFEFF${csvOf(rows, ';')}`
    const importId = importIdOf(await upload(admin, 'so-cong-thuong.csv', file))
    const page = await (await admin.get(`/staff/imports/${importId}`)).text()
    expect(page).toContain('Ghép cột')
    // The guessed mapping is preselected: "Mã số thuế" → the tax code column.
    expect(page).toMatch(/name="field.taxCode"[^>]*>.*?<option value="1" selected/s)

    // Mapping without the tax code is refused; nothing queued.
    const missing = await admin.post(`/staff/imports/${importId}`, {
      intent: 'map',
      'field.name': '0',
    })
    expect(missing.status).toBe(400)
    expect(await missing.text()).toContain('Hãy ghép cột cho tên doanh nghiệp và mã số thuế.')
    expect(await ImportQueue.countDocuments()).toBe(0)
    const twice = await admin.post(`/staff/imports/${importId}`, {
      intent: 'map',
      'field.name': '0',
      'field.taxCode': '0',
    })
    expect(twice.status).toBe(400)

    const mapped = await admin.post(`/staff/imports/${importId}`, {
      intent: 'map',
      'field.name': '0',
      'field.taxCode': '1',
      'field.province': '2',
      'field.sectors': '3',
      'field.processes': '4',
      'field.email': '5',
    })
    expect(mapped.status).toBe(303)
    const running = await (await admin.get(`/staff/imports/${importId}`)).text()
    expect(running).toContain('Đang kiểm tra thử')
    expect(running).toContain('http-equiv="refresh"')
    // Confirming before the dry run ends is refused.
    expect((await admin.post(`/staff/imports/${importId}`, { intent: 'confirm' })).status).toBe(400)

    await runJob()
    const dryRun = await StaffImport.findById(importId).lean()
    expect(dryRun?.state).toBe('validated')
    expect(dryRun?.counts).toMatchObject({ create: 2, update: 0, skip: 1, invalid: 5 })
    expect(await Organization.countDocuments({ taxCode: validMst(1) })).toBe(0)
    const dryRunPage = await (await admin.get(`/staff/imports/${importId}`)).text()
    expect(dryRunPage).toContain('Mã số thuế không hợp lệ: 0101234560')
    expect(dryRunPage).toContain('Không nhận ra tỉnh/thành phố: Atlantis')
    expect(dryRunPage).toContain('Không nhận ra ngành: quantum widgets')
    expect(dryRunPage).toContain(`Trùng mã số thuế với một dòng phía trên: ${validMst(1)}`)
    expect(dryRunPage).toContain('Tên bắt đầu bằng = + - @')
    const englishPage = await (await adminEn.get(`/staff/imports/${importId}`)).text()
    expect(englishPage).toContain('Unknown province: Atlantis')
    expect(englishPage).toContain('Import 2 rows')

    expect(
      (await admin.post(`/staff/imports/${importId}`, { intent: 'confirm', sendInvitations: 'on' }))
        .status,
    ).toBe(303)
    // A second confirmation (double click, another tab) is refused.
    expect((await admin.post(`/staff/imports/${importId}`, { intent: 'confirm' })).status).toBe(400)
    await runJob()
    const done = await StaffImport.findById(importId).lean()
    expect(done?.state).toBe('done')
    expect(done?.counts).toMatchObject({
      created: 2,
      updated: 0,
      skipped: 1,
      invalid: 5,
      invited: 1,
    })

    const dongA = await Organization.findOne({ taxCode: validMst(1) }).lean()
    expect(dongA).toMatchObject({
      name: 'Công ty TNHH Cơ khí Đông Á',
      kind: 'supplier',
      province: 'ho-chi-minh',
      status: 'active',
    })
    // Its public page is a point read by the slug key written with it.
    expect(String(await organizationIdForSlug(dongA!.slug))).toBe(String(dongA!._id))
    const profile = await SupplierProfile.findById(dongA!._id).lean()
    expect(profile?.sectors).toEqual(['mechanical'])
    expect(profile?.processes).toEqual(['metal-stamping'])
    expect(profile?.search?.pendingSince).toBeTruthy()
    expect((await Organization.findOne({ taxCode: validMst(2) }).lean())?.province).toBe('phu-tho')
    // Unclaimed: no member, a claim record with the e-mail.
    expect(await User.countDocuments({ organization: dongA!._id })).toBe(0)
    expect((await OrganizationClaim.findById(dongA!._id).lean())?.email).toBe('dong.a@example.vn')
    // The self-registered firm is untouched.
    expect(
      (await Organization.findById(registered.ok && registered.organizationId).lean())?.name,
    ).toBe('Công ty Tự Đăng Ký')
    expect(await AuditLog.countDocuments({ targetId: importId })).toBe(3)

    const reportPage = await (await admin.get(`/staff/imports/${importId}`)).text()
    expect(reportPage).toContain('Báo cáo nhập')
    expect(reportPage).toContain('Doanh nghiệp đã tự đăng ký hoặc đã nhận hồ sơ')
    // The XLSX report: every line, formula-looking text neutralised, no formula cells.
    const report = await admin.get(`/staff/imports/${importId}/report.xlsx`)
    expect(report.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await report.arrayBuffer())
    const sheet = workbook.worksheets[1]!
    expect(sheet.rowCount).toBe(rows.length)
    const texts: string[] = []
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.formula).toBeFalsy()
        texts.push(String(cell.value))
      }),
    )
    expect(texts).toContain(`'=HYPERLINK("http://evil.example","x")`)

    // The same file again: the remembered mapping, and nothing created twice.
    const again = importIdOf(await upload(admin, 'so-cong-thuong.csv', file))
    const remembered = await StaffImport.findById(again).lean()
    expect(remembered?.mapping).toMatchObject({ processes: 4, email: 5 })
    expect(
      (
        await admin.post(`/staff/imports/${again}`, {
          intent: 'map',
          ...Object.fromEntries(
            Object.entries(remembered!.mapping as Record<string, number>).map(([field, index]) => [
              `field.${field}`,
              String(index),
            ]),
          ),
        })
      ).status,
    ).toBe(303)
    await runJob()
    expect((await StaffImport.findById(again).lean())?.counts).toMatchObject({
      create: 0,
      update: 2,
      skip: 1,
    })
    expect((await admin.post(`/staff/imports/${again}`, { intent: 'confirm' })).status).toBe(303)
    await runJob()
    expect((await StaffImport.findById(again).lean())?.counts).toMatchObject({
      created: 0,
      updated: 0,
      skipped: 3,
      invited: 0,
    })
    expect(await Organization.countDocuments({ taxCode: validMst(1) })).toBe(1)
    expect(await Organization.countDocuments({ taxCode: validMst(2) })).toBe(1)

    // An unclaimed import is updated by a newer list.
    const changed = csvOf([
      HEADER,
      ['Công ty TNHH Cơ khí Đông Á Mới', validMst(1), 'Hà Nội', 'Cơ khí', '', ''],
    ])
    const third = importIdOf(await upload(admin, 'moi.csv', changed))
    await admin.post(`/staff/imports/${third}`, {
      intent: 'map',
      'field.name': '0',
      'field.taxCode': '1',
      'field.province': '2',
    })
    await runJob()
    await admin.post(`/staff/imports/${third}`, { intent: 'confirm' })
    await runJob()
    expect((await StaffImport.findById(third).lean())?.counts).toMatchObject({ updated: 1 })
    expect(await Organization.findById(dongA!._id).lean()).toMatchObject({
      name: 'Công ty TNHH Cơ khí Đông Á Mới',
      province: 'ha-noi',
    })

    // Claiming: the invitation's link, the tax code, a new owner; the link works once.
    const mail = await app.lastMailTo('dong.a@example.vn')
    expect(mail.subject).toContain('Claim your company profile')
    const token = /\/claim\?token=([\w-]+)/.exec(mail.text)?.[1]
    expect(token).toBeTruthy()
    const visitor = new TestBrowser(app.baseUrl)
    const claimPage = await visitor.get(`/claim?token=${token}`)
    expect(claimPage.status).toBe(200)
    expect(await claimPage.text()).toContain('Công ty TNHH Cơ khí Đông Á Mới')
    const wrong = await visitor.post(`/claim?token=${token}`, {
      token: token!,
      taxCode: validMst(2),
      name: 'Trần Đại Diện',
      password: TEST_PASSWORD,
    })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('Mã số thuế không khớp.')
    expect(await User.countDocuments({ organization: dongA!._id })).toBe(0)
    const [first, second] = await Promise.all(
      [0, 1].map(() =>
        new TestBrowser(app.baseUrl).post(`/claim?token=${token}`, {
          token: token!,
          taxCode: validMst(1),
          name: 'Trần Đại Diện',
          password: TEST_PASSWORD,
        }),
      ),
    )
    expect([first!.status, second!.status].sort()).toEqual([302, 400])
    const owners = await User.find({ organization: dongA!._id }).lean()
    expect(owners).toHaveLength(1)
    expect(owners[0]).toMatchObject({ email: 'dong.a@example.vn', organizationRole: 'owner' })
    expect((await OrganizationClaim.findById(dongA!._id).lean())?.claimedAt).toBeTruthy()
    expect(
      await AuditLog.countDocuments({ action: 'import.claim', targetId: dongA!._id.toHexString() }),
    ).toBe(1)
    expect(
      await AuditLog.countDocuments({
        action: 'import.claim.wrongTaxCode',
        targetId: dongA!._id.toHexString(),
      }),
    ).toBe(1)
    const usedLink = await visitor.get(`/claim?token=${token}`)
    expect(usedLink.status).toBe(400)
    // The shared invalid-link page (app/components/accounts/token-page.tsx), localised.
    const usedPage = await usedLink.text()
    expect(usedPage).toContain('Liên kết không hợp lệ, đã được dùng hoặc đã hết hạn.')
    expect(usedPage).toContain('Về trang chủ')

    // Claimed: a later list no longer changes it.
    const fourth = importIdOf(await upload(admin, 'moi.csv', changed.replace('Mới', 'Cũ')))
    await admin.post(`/staff/imports/${fourth}`, {
      intent: 'map',
      'field.name': '0',
      'field.taxCode': '1',
    })
    await runJob()
    expect((await StaffImport.findById(fourth).lean())?.counts).toMatchObject({
      skip: 1,
      create: 0,
    })
  })

  it('refuses hostile files with a localised reason and stores nothing', async () => {
    const before = await StaffImport.countDocuments()
    const refusals: Array<[string, Uint8Array | string, string, string]> = [
      [
        'binary.csv',
        Buffer.from([
          0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 1, 2,
        ]),
        'Tệp không phải là văn bản CSV',
        'The file is not CSV text',
      ],
      [
        'bomb.xlsx',
        zipOf([
          { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
          { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(100 * 1024 * 1024, 0x20) },
        ]),
        'Bảng tính giải nén ra quá lớn',
        'The workbook expands to too much data',
      ],
      [
        'many-columns.csv',
        csvOf([
          Array.from({ length: 1000 }, (_, i) => `c${i}`),
          Array.from({ length: 1000 }, () => 'x'),
        ]),
        'Tệp có quá nhiều cột',
        'The file has too many columns',
      ],
      [
        'many-rows.csv',
        csvOf([HEADER, ...Array.from({ length: 20_001 }, (_, i) => [`Firm ${i}`, validMst(i)])]),
        'Tệp có quá nhiều dòng',
        'The file has too many rows',
      ],
      [
        'formulas.xlsx',
        await xlsxOf([
          HEADER,
          ['Công ty A', { formula: 'CONCAT("0101","234567")', result: '0101234567' }],
        ]),
        'Bảng tính có công thức (ô B2)',
        'The workbook contains formulas (cell B2)',
      ],
      [
        'not-really.xlsx',
        'Tên,MST\nA,0101234567\n',
        'Tệp không phải là bảng tính XLSX hợp lệ',
        'The file is not a valid XLSX',
      ],
      ['list.pdf', '%PDF-1.4', 'Chỉ nhận tệp .csv hoặc .xlsx', 'Only .csv or .xlsx files'],
    ]
    for (const [name, bytes, vi, en] of refusals) {
      const response = await upload(admin, name, bytes)
      expect(response.status, name).toBe(400)
      const text = await response.text()
      expect(text, name).toContain(vi)
      expect(text, name).toContain('Không nhập gì cả.')
      const english = await (await upload(adminEn, name, bytes)).text()
      expect(english, name).toContain(en)
      expect(english, name).toContain('Nothing was imported.')
    }
    // 200 MB: refused by its declared length before a byte is read or parsed.
    const huge = await rawRequest(app.baseUrl, '/staff/imports?index', {
      method: 'POST',
      headers: {
        'Content-Type': 'multipart/form-data; boundary=x',
        'Content-Length': String(200 * 1024 * 1024),
        Cookie: admin.cookieHeader(),
      },
      body: '--x--',
    })
    expect(huge.status).toBe(413)
    expect(huge.body).toContain('Yêu cầu quá lớn. / The request is too large.')
    // Just over the file limit, inside the body cap: refused by size before parsing.
    expect(
      (await parseImportFile('big.csv', Buffer.alloc(IMPORT_LIMITS.maxBytes + 1, 0x41))).ok,
    ).toBe(false)
    expect(await StaffImport.countDocuments()).toBe(before)
  })

  it('reads UTF-16 and Windows-1258 lists, tabs and semicolons', async () => {
    const rows = [HEADER.slice(0, 3), ['Công ty Cơ khí Đông Á', validMst(31), 'Đồng Nai']]
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode(csvOf(rows, '\t'), 'utf-16le'),
    ])
    const parsed16 = await parseImportFile('utf16.csv', utf16)
    expect(parsed16.ok && parsed16.sheet.rows[0]).toEqual(rows[1])
    expect(parsed16.ok && parsed16.encoding).toBe('utf-16le')
    // Windows-1258 writes tones as combining marks: "Nhựa" is N h ư + dot below + a.
    const cp1258 = Buffer.concat([
      iconv.encode('Tên,MST\r\n', 'windows-1258'),
      Buffer.from([0x4e, 0x68, 0xfd, 0xf2, 0x61]),
      Buffer.from(`,${validMst(32)}\r\n`),
    ])
    const parsed1258 = await parseImportFile('legacy.csv', cp1258)
    expect(parsed1258.ok && parsed1258.encoding).toBe('windows-1258')
    expect(parsed1258.ok && parsed1258.sheet.headers).toEqual(['Tên', 'MST'])
    expect(parsed1258.ok && parsed1258.sheet.rows[0]![0]).toBe('Nhựa')
    // Through the page too.
    const importId = importIdOf(await upload(admin, 'utf16.csv', utf16))
    expect((await StaffImport.findById(importId).lean())?.headers).toEqual(HEADER.slice(0, 3))
  })

  it('shows the invitations queued, sent and failed, and sends the failed ones again', async () => {
    const list = csvOf([
      ['Tên', 'MST', 'Email'],
      ['Công ty Thư Đến', validMst(60), 'den@example.vn'],
      ['Công ty Thư Trả Về', validMst(61), 'tra.ve@example.vn'],
    ])
    const importId = importIdOf(await upload(admin, 'thu-moi.csv', list))
    const fields = { 'field.name': '0', 'field.taxCode': '1', 'field.email': '2' }
    await admin.post(`/staff/imports/${importId}`, { intent: 'map', ...fields })
    await runImportQueueOnce({ origin: app.baseUrl })
    await admin.post(`/staff/imports/${importId}`, { intent: 'confirm', sendInvitations: 'on' })
    // Imported, nothing mailed yet: both wait.
    await runImportQueueOnce({ origin: app.baseUrl })
    const waiting = await (await admin.get(`/staff/imports/${importId}`)).text()
    expect(waiting).toContain('data-testid="invitations-queued">2<')
    expect(waiting).not.toContain('name="intent" value="resendInvitations"')

    // One address bounces every time, until the job gives up on it.
    let now = new Date()
    for (let attempt = 1; attempt <= MAX_INVITATION_ATTEMPTS; attempt++) {
      await sendClaimInvitations({
        origin: app.baseUrl,
        now,
        mail: async (message) => {
          if (message.to === 'tra.ve@example.vn') throw new Error('550 no such user')
          await app.mailer.send(message)
        },
      })
      now = new Date(now.getTime() + invitationRetryDelayMs(attempt) + 1)
    }
    const page = await (await adminEn.get(`/staff/imports/${importId}`)).text()
    expect(page).toContain('Claim invitations')
    expect(page).toContain('data-testid="invitations-sent">1<')
    expect(page).toContain('data-testid="invitations-failed">1<')
    expect(page).toContain('550 no such user')
    expect(page).toContain('Send the 1 failed invitations again')
    expect(await (await admin.get(`/staff/imports/${importId}`)).text()).toContain(
      'Gửi lại 1 thư không gửi được',
    )

    // Only staff admins, only from the app's own pages.
    const verifier = await signedIn((await createStaff(['verifier'])).userId)
    const resend = { intent: 'resendInvitations' }
    expect((await verifier.post(`/staff/imports/${importId}`, resend)).status).toBe(403)
    const forged = await admin.request(`/staff/imports/${importId}`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
      body: new URLSearchParams(resend),
    })
    expect(forged.status).toBe(403)
    expect(await ClaimInvitationBatch.countDocuments({ importId })).toBe(0)

    // A plain form post (no JavaScript): requested once, then sent by the job.
    expect((await admin.post(`/staff/imports/${importId}`, resend)).status).toBe(303)
    expect((await admin.post(`/staff/imports/${importId}`, resend)).status).toBe(400)
    const requested = await (await admin.get(`/staff/imports/${importId}`)).text()
    expect(requested).toContain('Đã yêu cầu gửi lại')
    expect(
      await AuditLog.countDocuments({ action: 'import.invitations.resend', targetId: importId }),
    ).toBe(1)
    await runJob()
    expect((await app.lastMailTo('tra.ve@example.vn')).subject).toContain(
      'Claim your company profile',
    )
    const after = await (await admin.get(`/staff/imports/${importId}`)).text()
    expect(after).toContain('data-testid="invitations-sent">2<')
    expect(after).toContain('data-testid="invitations-failed">0<')
    expect(after).not.toContain('name="intent" value="resendInvitations"')
  })

  it('is for staff admins only, and its pages read no growing collection by filter', async () => {
    const supplier = await createAccount('supplier')
    const verifier = await createStaff(['verifier'])
    for (const userId of [supplier.userId, verifier.userId]) {
      const browser = await signedIn(userId)
      expect((await browser.get('/staff/imports')).status).toBe(403)
      expect((await upload(browser, 'a.csv', 'a,b\n1,2\n')).status).toBe(403)
    }
    const importId = importIdOf(
      await upload(admin, 'guard.csv', csvOf([HEADER, ['A', validMst(40)]])),
    )
    const { queries } = await recordQueries(async () => {
      expect((await admin.get(`/staff/imports/${importId}`)).status).toBe(200)
      expect(
        (
          await admin.post(`/staff/imports/${importId}`, {
            intent: 'map',
            'field.name': '0',
            'field.taxCode': '1',
          })
        ).status,
      ).toBe(303)
    })
    // The page shell's unread badge reads sessions and conversations (as in the other staff tests).
    const own = scansOf(queries).filter(
      (scan) => scan.collection !== 'sessions' && scan.collection !== 'conversations',
    )
    expect(describeScans(own)).toEqual([])
    await runJob()
  })
})
