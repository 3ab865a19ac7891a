import type { Types } from 'mongoose'
import { describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { SearchOutbox } from '#models/profiles/search-outbox.ts'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { AuditLog } from '#models/staff/audit-log.ts'
import {
  runVerificationExpiry,
  VerificationCase,
  VerificationClaim,
  VerificationQueueEntry,
} from '#models/staff/verification.ts'
import { createSearchSync } from '#search/sync.ts'
import { viStaffConsole } from '#models/i18n/domains/staff-console.ts'
import { useTestApp } from './app-server.ts'
import { cookieFor, createAccount, createStaff } from './factories.ts'
import { TestBrowser } from './http.ts'
import { multipart, readySupplier as readySupplierAt } from './staff-fixtures.ts'
import { describeScans, recordQueries, scansOf } from './query-guard.ts'
import { testLogger } from './logger.ts'

const app = useTestApp()

async function signedIn(userId: Types.ObjectId) {
  const browser = new TestBrowser(app.baseUrl)
  browser.setCookie(await cookieFor(userId))
  return browser
}

/** A refusal: a client error, and the page says why in Vietnamese. */
async function expectMessage(response: Response, key: keyof typeof viStaffConsole) {
  expect(response.status).toBeGreaterThanOrEqual(400)
  expect(response.status).toBeLessThan(500)
  expect(await response.text()).toContain(viStaffConsole[key])
}

const readySupplier = () => readySupplierAt(app.baseUrl)

async function requestCase(supplier: Awaited<ReturnType<typeof readySupplier>>) {
  const response = await supplier.browser.post('/supplier-profile/verification', {
    intent: 'request',
  })
  expect(response.status).toBe(200)
  const organization = await Organization.findById(supplier.organizationId).lean()
  return organization!.verification!.caseId!.toHexString()
}

describe('verification: the supplier asks', () => {
  it('refuses a request until the checklist is complete, and stores nothing', async () => {
    const supplier = await createAccount('supplier')
    const browser = await signedIn(supplier.userId)
    const page = await (await browser.get('/supplier-profile/verification')).text()
    expect(page).toContain('Giấy chứng nhận đăng ký doanh nghiệp')
    const response = await browser.post('/supplier-profile/verification', { intent: 'request' })
    expect(response.status).toBe(400)
    await expectMessage(response, 'staffConsole.verify.checklistIncomplete')
    expect(await VerificationQueueEntry.findById(supplier.organizationId.toHexString())).toBeNull()
    expect((await Organization.findById(supplier.organizationId))!.verification!.state).toBe(
      'unverified',
    )
  })

  it('refuses uploads that are not documents and unknown intents', async () => {
    const supplier = await createAccount('supplier')
    const browser = await signedIn(supplier.userId)
    const bad = await browser.request('/supplier-profile/verification', {
      method: 'POST',
      body: multipart(
        { intent: 'upload-registration' },
        { bytes: new Uint8Array([0, 1, 2, 3, 4, 5]), name: 'x.pdf', type: 'application/pdf' },
      ),
    })
    expect(bad.status).toBe(400)
    expect(
      (await browser.post('/supplier-profile/verification', { intent: 'approve' })).status,
    ).toBe(400)
  })

  it('queues one case per organisation, even for two requests at once', async () => {
    const supplier = await readySupplier()
    const answers = await Promise.all([
      supplier.browser.post('/supplier-profile/verification', { intent: 'request' }),
      supplier.browser.post('/supplier-profile/verification', { intent: 'request' }),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400])
    expect(await VerificationCase.countDocuments({ organization: supplier.organizationId })).toBe(1)
    const organization = await Organization.findById(supplier.organizationId).lean()
    expect(organization!.verification!.state).toBe('pending')
  })
})

describe('verification: staff decide', () => {
  it('lets only verifiers see the queue, oldest first, with filters', async () => {
    const first = await readySupplier()
    const second = await readySupplier()
    await Organization.updateOne(
      { _id: second.organizationId },
      { $set: { name: 'Cơ khí Hậu Giang' } },
    )
    await requestCase(first)
    await requestCase(second)
    const verifier = await createStaff(['verifier'])
    const staff = await signedIn(verifier.userId)
    const page = await (await staff.get('/staff/verification')).text()
    const firstAt = page.indexOf('Công ty TNHH Cơ khí Thử nghiệm')
    const secondAt = page.indexOf('Cơ khí Hậu Giang')
    expect(firstAt).toBeGreaterThan(0)
    expect(secondAt).toBeGreaterThan(firstAt)
    const filtered = await (await staff.get('/staff/verification?q=h%E1%BA%ADu+giang')).text()
    expect(filtered).toContain('Cơ khí Hậu Giang')
    expect(filtered).not.toContain('Công ty TNHH Cơ khí Thử nghiệm')
    expect((await first.browser.get('/staff/verification')).status).toBe(403)
    const organiser = await createStaff(['organiser'])
    expect((await (await signedIn(organiser.userId)).get('/staff/verification')).status).toBe(403)
  })

  it('gives a case to exactly one of two verifiers claiming at once', async () => {
    const supplier = await readySupplier()
    const caseId = await requestCase(supplier)
    const a = await signedIn((await createStaff(['verifier'])).userId)
    const b = await signedIn((await createStaff(['verifier'])).userId)
    const answers = await Promise.all([
      a.post(`/staff/verification/${caseId}`, { intent: 'claim' }),
      b.post(`/staff/verification/${caseId}`, { intent: 'claim' }),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400])
    expect(await VerificationClaim.countDocuments({ _id: caseId })).toBe(1)
  })

  it('approves with every item checked and a method: badge, search facet, audit, at once', async () => {
    const supplier = await readySupplier()
    const caseId = await requestCase(supplier)
    const verifier = await createStaff(['verifier'])
    const staff = await signedIn(verifier.userId)
    const other = await signedIn((await createStaff(['verifier'])).userId)
    const checks = ['taxCode', 'registration', `certificate:${supplier.certificationId}`, 'photos']
    const decide = (browser: TestBrowser, fields: Record<string, string | string[]>) => {
      const body = new URLSearchParams()
      for (const [name, value] of Object.entries(fields))
        for (const one of [value].flat()) body.append(name, one)
      return browser.request(`/staff/verification/${caseId}`, { method: 'POST', body })
    }

    // Not claimed yet: nobody may decide.
    expect(
      (await decide(staff, { intent: 'decide', decision: 'approve', method: 'call', checks }))
        .status,
    ).toBe(400)
    expect((await staff.post(`/staff/verification/${caseId}`, { intent: 'claim' })).status).toBe(
      200,
    )
    const casePage = await (await staff.get(`/staff/verification/${caseId}`)).text()
    expect(casePage).toContain('ISO-9001-0042')
    expect(casePage).toContain('Bureau Veritas')
    expect(casePage).toMatch(/\/files\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}\.pdf/)
    // Another verifier cannot decide or release it.
    expect(
      (await decide(other, { intent: 'decide', decision: 'approve', method: 'call', checks }))
        .status,
    ).toBe(400)
    expect((await other.post(`/staff/verification/${caseId}`, { intent: 'release' })).status).toBe(
      400,
    )
    // Missing method, missing check, bad method: refused, nothing changes.
    await expectMessage(
      await decide(staff, { intent: 'decide', decision: 'approve', checks }),
      'staffConsole.verify.methodRequired',
    )
    await expectMessage(
      await decide(staff, {
        intent: 'decide',
        decision: 'approve',
        method: 'call',
        checks: checks.slice(1),
      }),
      'staffConsole.verify.uncheckedItems',
    )
    expect(
      (
        await decide(staff, {
          intent: 'decide',
          decision: 'approve',
          method: '{"$ne":null}',
          checks,
        })
      ).status,
    ).toBe(400)
    expect((await Organization.findById(supplier.organizationId).lean())!.verification!.state).toBe(
      'pending',
    )

    // Enough profile to be found at all (the minimum search bar).
    await SupplierProfile.updateOne(
      { _id: supplier.organizationId },
      {
        $set: {
          sectors: ['automotive'],
          processes: ['metal-stamping'],
          'search.pendingSince': new Date(),
        },
      },
    )
    const sync = createSearchSync({ engine: app.search, logger: testLogger, idleMs: 10 })
    await sync.drainOnce()
    const before = await app.search.search({ filters: { verified: ['true'] }, perPage: 100 })
    expect(before.hits.map((hit) => hit.id)).not.toContain(supplier.organizationId.toHexString())
    const outboxBefore = await SearchOutbox.countDocuments()
    const approved = await decide(staff, {
      intent: 'decide',
      decision: 'approve',
      method: 'site-visit',
      note: 'Đã đến thăm xưởng ở Bình Dương',
      checks,
    })
    expect(approved.status).toBe(200)
    // A second submission finds the case decided.
    expect(
      (await decide(staff, { intent: 'decide', decision: 'reject', reasons: 'other' })).status,
    ).toBe(400)

    const organization = (await Organization.findById(supplier.organizationId).lean())!
    expect(organization.verification).toMatchObject({ state: 'verified', method: 'site-visit' })
    const months =
      (organization.verification!.expiresAt!.getTime() -
        organization.verification!.verifiedAt!.getTime()) /
      (30.4 * 86_400_000)
    expect(Math.round(months)).toBe(12)
    const profile = (await SupplierProfile.findById(supplier.organizationId).lean())!
    expect(profile.certifications[0]!.verifiedAt).toBeInstanceOf(Date)
    expect(await VerificationQueueEntry.findById(supplier.organizationId.toHexString())).toBeNull()
    expect(await VerificationClaim.findById(caseId)).toBeNull()
    const audit = await AuditLog.findOne({
      action: 'verification.approve',
      targetId: supplier.organizationId.toHexString(),
    }).lean()
    expect(audit).toMatchObject({ actor: verifier.userId })
    expect(await SearchOutbox.countDocuments()).toBeGreaterThan(outboxBefore)

    // The public page shows the badge with date and method at once, in both languages.
    const publicPage = await (
      await new TestBrowser(app.baseUrl).get(`/suppliers/${organization.slug}`)
    ).text()
    expect(publicPage).toContain('Đã được chương trình xác minh ngày')
    expect(publicPage).toContain('qua thăm nhà xưởng')
    const english = await (
      await new TestBrowser(app.baseUrl).get(`/suppliers/${organization.slug}?lang=en`)
    ).text()
    expect(english).toContain('Verified by the programme on')
    expect(english).toContain('by site visit')

    // The search facet follows on the next drain of the outbox.
    await sync.drainOnce()
    const found = await app.search.search({ filters: { verified: ['true'] }, perPage: 100 })
    expect(found.hits.map((hit) => hit.id)).toContain(supplier.organizationId.toHexString())
  })

  it('rejects with reasons the supplier reads in Vietnamese and English, and may ask again', async () => {
    const supplier = await readySupplier()
    const caseId = await requestCase(supplier)
    const staff = await signedIn((await createStaff(['verifier'])).userId)
    await staff.post(`/staff/verification/${caseId}`, { intent: 'claim' })
    const noReason = await staff.post(`/staff/verification/${caseId}`, {
      intent: 'decide',
      decision: 'reject',
    })
    await expectMessage(noReason, 'staffConsole.verify.reasonsRequired')
    const body = new URLSearchParams([
      ['intent', 'decide'],
      ['decision', 'reject'],
      ['reasons', 'tax-code-mismatch'],
      ['reasons', 'photos-insufficient'],
    ])
    expect(
      (await staff.request(`/staff/verification/${caseId}`, { method: 'POST', body })).status,
    ).toBe(200)
    const organization = (await Organization.findById(supplier.organizationId).lean())!
    expect(organization.verification).toMatchObject({
      state: 'rejected',
      reasons: ['tax-code-mismatch', 'photos-insufficient'],
    })
    const vi = await (await supplier.browser.get('/supplier-profile/verification')).text()
    expect(vi).toContain('Mã số thuế không khớp với giấy đăng ký doanh nghiệp.')
    const en = await (await supplier.browser.get('/supplier-profile/verification?lang=en')).text()
    expect(en).toContain('The tax code does not match the business registration.')
    expect(await AuditLog.exists({ action: 'verification.reject' })).toBeTruthy()
    // Asking again opens a new case.
    expect(
      (await supplier.browser.post('/supplier-profile/verification', { intent: 'request' })).status,
    ).toBe(200)
  })

  it('sends a verified organisation back to the queue when its tax code or legal name changes', async () => {
    const supplier = await readySupplier()
    const caseId = await requestCase(supplier)
    const staff = await signedIn((await createStaff(['verifier'])).userId)
    await staff.post(`/staff/verification/${caseId}`, { intent: 'claim' })
    const body = new URLSearchParams([
      ['intent', 'decide'],
      ['decision', 'approve'],
      ['method', 'documents'],
      ['checks', 'taxCode'],
      ['checks', 'registration'],
      ['checks', `certificate:${supplier.certificationId}`],
      ['checks', 'photos'],
    ])
    expect(
      (await staff.request(`/staff/verification/${caseId}`, { method: 'POST', body })).status,
    ).toBe(200)
    // Unrelated change: stays verified.
    await Organization.updateOne({ _id: supplier.organizationId }, { $set: { province: 'HN' } })
    expect((await Organization.findById(supplier.organizationId).lean())!.verification!.state).toBe(
      'verified',
    )
    await Organization.updateOne(
      { _id: supplier.organizationId },
      { $set: { name: 'Công ty CP Tên Mới' } },
    )
    const organization = (await Organization.findById(supplier.organizationId).lean())!
    expect(organization.verification!.state).toBe('pending')
    const entry = await VerificationQueueEntry.findById(
      supplier.organizationId.toHexString(),
    ).lean()
    expect(entry).toMatchObject({
      reason: 'identity-changed',
      organizationName: 'Công ty CP Tên Mới',
    })
    expect(
      await AuditLog.exists({
        action: 'verification.identity-changed',
        targetId: supplier.organizationId.toHexString(),
      }),
    ).toBeTruthy()
  })

  it('reads the queue and the case by _id only on the growing collections', async () => {
    const supplier = await readySupplier()
    const caseId = await requestCase(supplier)
    const staff = await signedIn((await createStaff(['verifier'])).userId)
    const { queries } = await recordQueries(async () => {
      expect((await staff.get('/staff/verification')).status).toBe(200)
      expect((await staff.post(`/staff/verification/${caseId}`, { intent: 'claim' })).status).toBe(
        200,
      )
      expect((await staff.get(`/staff/verification/${caseId}`)).status).toBe(200)
      const body = new URLSearchParams([
        ['intent', 'decide'],
        ['decision', 'changes'],
        ['reasons', 'other'],
      ])
      expect(
        (await staff.request(`/staff/verification/${caseId}`, { method: 'POST', body })).status,
      ).toBe(200)
    })
    // Sessions by hashed id and the header's unread count are the shell's (root loader), not
    // this feature's; everything the console itself reads is by _id.
    const own = scansOf(queries).filter(
      (scan) => scan.collection !== 'sessions' && scan.collection !== 'conversations',
    )
    expect(describeScans(own)).toEqual([])
    expect(queries.some((query) => query.collection === 'verificationqueueentries')).toBe(true)
  })
})

describe('organisation changes and expiry', () => {
  it('marks the profile for search when an organisation status changes', async () => {
    const supplier = await createAccount('supplier')
    await SupplierProfile.create({
      _id: supplier.organizationId,
      organization: supplier.organizationId,
    })
    await SupplierProfile.updateOne({ _id: supplier.organizationId }, { $unset: { search: 1 } })
    await Organization.updateOne(
      { _id: supplier.organizationId },
      { $set: { status: 'suspended' } },
    )
    const profile = (await SupplierProfile.findById(supplier.organizationId).lean())!
    expect(profile.search?.pendingSince).toBeInstanceOf(Date)
    expect(await SearchOutbox.exists({ profile: supplier.organizationId })).toBeTruthy()
  })

  it('reminds a month before expiry, once, and ends the verification at expiry', async () => {
    const supplier = await createAccount('supplier')
    const now = new Date()
    const expiresAt = new Date(now.getTime() + 20 * 86_400_000)
    await Organization.updateOne(
      { _id: supplier.organizationId },
      {
        $set: {
          verification: { state: 'verified', verifiedAt: now, method: 'call', expiresAt },
        },
      },
    )
    const sent: Array<{ to: string; subject: string }> = []
    const mailer = {
      send: async (message: { to: string; subject: string }) => void sent.push(message),
    }
    const first = await runVerificationExpiry({ mailer, origin: 'https://vsi.example', now })
    expect(first.reminded).toBeGreaterThanOrEqual(1)
    expect(sent.filter((mail) => mail.to === supplier.email)).toHaveLength(1)
    expect(sent.find((mail) => mail.to === supplier.email)!.subject).toContain('sắp hết hạn')
    await runVerificationExpiry({ mailer, origin: 'https://vsi.example', now })
    expect(sent.filter((mail) => mail.to === supplier.email)).toHaveLength(1)
    await runVerificationExpiry({
      mailer,
      origin: 'https://vsi.example',
      now: new Date(expiresAt.getTime() + 1000),
    })
    expect(sent.filter((mail) => mail.to === supplier.email)).toHaveLength(2)
    const organization = (await Organization.findById(supplier.organizationId).lean())!
    expect(organization.verification!.state).toBe('unverified')
    expect(
      await AuditLog.exists({
        action: 'verification.expire',
        targetId: supplier.organizationId.toHexString(),
      }),
    ).toBeTruthy()
  })
})
