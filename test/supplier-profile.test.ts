import { describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { profileFor, SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { useTestApp } from './app-server.ts'
import { addMember, cookieFor, createAccount } from './factories.ts'
import { TestBrowser } from './http.ts'

const app = useTestApp()

async function signedIn(userId: Parameters<typeof cookieFor>[0]) {
  const browser = new TestBrowser(app.baseUrl)
  browser.setCookie(await cookieFor(userId))
  return browser
}

describe('supplier profile editor and public page', () => {
  it('saves sections as plain form posts, marks the profile for search, and renders it publicly in both languages', async () => {
    const supplier = await createAccount('supplier')
    const member = await addMember(supplier.organizationId, 'member')
    const browser = await signedIn(member.userId)

    const general = await browser.post('/supplier-profile/general', {
      tradeName: 'Cơ khí Đông Á',
      'description.vi':
        'Chuyên dập khuôn và gia công CNC linh kiện ô tô. <script>alert(1)</script>',
      'description.en': '',
      website: 'https://dong-a.example.vn',
      foundedYear: '2004',
      employeeBand: '50-199',
      province: 'bac-ninh',
      languages: 'vi',
    })
    expect(general.status).toBe(200)
    expect(await general.text()).toContain('Đã lưu.')
    const capabilities = await browser.request('/supplier-profile/capabilities', {
      method: 'POST',
      body: new URLSearchParams([
        ['sectors', 'automotive'],
        ['processes', 'metal-stamping'],
        ['processes', 'cnc-milling'],
        ['materials', 'carbon-steel'],
        ['equipment[0].name.vi', 'Máy dập 200 tấn'],
        ['equipment[0].quantity', '4'],
      ]),
    })
    expect(capabilities.status).toBe(200)
    const certifications = await browser.post('/supplier-profile/certifications', {
      'certifications[0].standard': 'iso-9001',
      'certifications[0].number': 'VN-QMS-1234',
      'certifications[0].validUntil': '2020-01-31',
    })
    expect(certifications.status).toBe(200)

    const profile = await SupplierProfile.findOne({ organization: supplier.organizationId })
    expect(profile).toMatchObject({
      tradeName: 'Cơ khí Đông Á',
      foundedYear: 2004,
      province: 'bac-ninh',
    })
    expect(profile!.processes).toEqual(['metal-stamping', 'cnc-milling'])
    expect(profile!.equipment[0]!.quantity).toBe(4)
    expect(profile!.search?.pendingSince).toBeInstanceOf(Date)

    const slug = (await Organization.findById(supplier.organizationId))!.slug
    const visitor = new TestBrowser(app.baseUrl)
    const page = await visitor.get(`/suppliers/${slug}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<title>Cơ khí Đông Á — VSI Connect</title>')
    expect(html).toContain(
      'Chuyên dập khuôn và gia công CNC linh kiện ô tô. &lt;script&gt;alert(1)&lt;/script&gt;',
    )
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('Đã hết hạn')
    expect(html).toContain('Chưa xác minh')
    expect(html).toContain(`hrefLang="en" href="${app.baseUrl}/suppliers/${slug}?lang=en"`)
    const jsonLd = /<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/.exec(html)?.[1]
    expect(jsonLd).toBeTruthy()
    expect(jsonLd).not.toContain('<')
    expect(JSON.parse(jsonLd!)).toMatchObject({
      '@type': 'Organization',
      alternateName: 'Cơ khí Đông Á',
      foundingDate: '2004',
    })

    visitor.setCookie('lang=en')
    const english = await (await visitor.get(`/suppliers/${slug}`)).text()
    expect(english).toContain(
      'This text is not available in English; the Vietnamese original is shown.',
    )
    expect(english).toContain('Metal stamping')
    expect(english).toContain('Expired')
  })

  it('refuses bad input with a localised message and changes nothing', async () => {
    const supplier = await createAccount('supplier')
    const browser = await signedIn(supplier.userId)
    await browser.post('/supplier-profile/general', { foundedYear: '2010' })
    const before = (await SupplierProfile.findOne({
      organization: supplier.organizationId,
    }))!.toObject()
    const bad = await browser.post('/supplier-profile/general', {
      foundedYear: '1850',
      website: 'javascript:alert(1)',
      province: 'atlantis',
    })
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('Năm không hợp lệ.')
    expect(html).toContain('Địa chỉ web không hợp lệ')
    const products = await browser.post('/supplier-profile/products', {
      'products[0].name.vi': 'Bó dây điện',
      'products[0].hsCode': '85-44',
    })
    expect(products.status).toBe(400)
    expect(await products.text()).toContain('Mã HS gồm 4 đến 10 chữ số')
    const after = (await SupplierProfile.findOne({
      organization: supplier.organizationId,
    }))!.toObject()
    expect(after.updatedAt).toEqual(before.updatedAt)
    expect(after.foundedYear).toBe(2010)
    expect(after.products).toEqual([])
  })

  it('lets only supplier members edit, and hides hidden or suspended suppliers from the public', async () => {
    const buyer = await createAccount('buyer')
    expect((await (await signedIn(buyer.userId)).get('/supplier-profile/general')).status).toBe(403)
    expect((await new TestBrowser(app.baseUrl).get('/supplier-profile/general')).status).toBe(302)
    expect((await new TestBrowser(app.baseUrl).get('/supplier-profile/nonsense')).status).toBe(302)

    const supplier = await createAccount('supplier')
    expect((await (await signedIn(supplier.userId)).get('/supplier-profile/nonsense')).status).toBe(
      404,
    )
    const organization = (await Organization.findById(supplier.organizationId))!
    expect((await new TestBrowser(app.baseUrl).get(`/suppliers/${organization.slug}`)).status).toBe(
      200,
    )
    for (const status of ['hidden', 'suspended']) {
      await Organization.updateOne({ _id: organization._id }, { $set: { status } })
      expect(
        (await new TestBrowser(app.baseUrl).get(`/suppliers/${organization.slug}`)).status,
      ).toBe(404)
    }
    const buyerSlug = (await Organization.findById(buyer.organizationId))!.slug
    expect((await new TestBrowser(app.baseUrl).get(`/suppliers/${buyerSlug}`)).status).toBe(404)
  })
})

describe('a barely filled public page', () => {
  it('shows visitors no empty section, and its owner prompts that lead to the editor', async () => {
    const supplier = await createAccount('supplier')
    const slug = (await Organization.findById(supplier.organizationId))!.slug
    const page = `/suppliers/${slug}`
    const sections = [
      'capabilities-title',
      'products-title',
      'certifications-title',
      'markets-title',
    ]

    for (const lang of ['vi', 'en']) {
      const visitor = new TestBrowser(app.baseUrl)
      visitor.setCookie(`lang=${lang}`)
      const html = await (await visitor.get(page)).text()
      for (const id of sections) expect(html).not.toContain(`id="${id}"`)
      expect(html).not.toContain('about-title')
      expect(html).not.toContain('data-testid="owner-prompt"')
      expect(html).not.toContain('Doanh nghiệp chưa cập nhật')
      expect(html).not.toContain('has not filled this in')
      // The phone's sticky contact: a plain link (to sign in first, for a visitor).
      expect(html).toMatch(/data-testid="sticky-contact"[^>]*><a href="\/login\?redirectTo=[^"]+"/)
    }

    // Once something is filled in, that section appears for everyone, and only that one.
    await profileFor(supplier.organizationId)
    await SupplierProfile.updateOne(
      { _id: supplier.organizationId },
      { $set: { processes: ['metal-stamping'] } },
    )
    const filled = await (await new TestBrowser(app.baseUrl).get(page)).text()
    expect(filled).toContain('id="capabilities-title"')
    expect(filled).not.toContain('id="products-title"')

    const owner = await signedIn(supplier.userId)
    const own = await (await owner.get(page)).text()
    expect(own).toContain('Các mục trống bên dưới chỉ hiện với bạn')
    const prompts = [...own.matchAll(/data-testid="owner-prompt"[^>]*><a [^>]*href="([^"]+)"/g)]
    expect(prompts.map((match) => match[1])).toEqual([
      '/supplier-profile/general#profile-general-description.vi',
      '/supplier-profile/media#photos',
      '/supplier-profile/products',
      '/supplier-profile/certifications',
      '/supplier-profile/markets',
    ])
    for (const id of sections) expect(own).toContain(`id="${id}"`)
    // Nobody to contact: no sticky button on one's own page.
    expect(own).not.toContain('data-testid="sticky-contact"')
  })
})

describe('profile photos and catalogues', () => {
  it('accepts a real image by its content, serves it publicly, and refuses disguised files', async () => {
    const sharp = (await import('sharp')).default
    const supplier = await createAccount('supplier')
    const browser = await signedIn(supplier.userId)
    const png = await sharp({
      create: { width: 1200, height: 800, channels: 3, background: '#1e3a8a' },
    })
      .png()
      .toBuffer()
    const upload = (purpose: string, name: string, bytes: Uint8Array, type: string) => {
      const form = new FormData()
      form.set('purpose', purpose)
      form.set('file', new File([Buffer.from(bytes)], name, { type }))
      return browser.request('/supplier-profile/media', { method: 'POST', body: form })
    }
    const accepted = await upload('photo', 'nha-may.png', png, 'image/png')
    expect(accepted.status).toBe(200)
    expect(await accepted.text()).toContain('Đã tải tệp lên.')

    const disguised = await upload(
      'photo',
      'anh.jpg',
      new TextEncoder().encode('<html><script>alert(1)</script></html>'),
      'image/jpeg',
    )
    expect(disguised.status).toBe(400)
    expect(await disguised.text()).toContain('Loại tệp không được chấp nhận.')
    const profile = await SupplierProfile.findOne({ organization: supplier.organizationId })
    expect(profile!.photos).toHaveLength(1)

    const slug = (await Organization.findById(supplier.organizationId))!.slug
    const html = await (await new TestBrowser(app.baseUrl).get(`/suppliers/${slug}`)).text()
    const src = /<img src="(\/files\/[^"]+\.webp)"/.exec(html)?.[1]
    expect(src).toBeTruthy()
    const image = await new TestBrowser(app.baseUrl).get(src!)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/webp')
    expect(image.headers.get('x-content-type-options')).toBe('nosniff')
    const metadata = await sharp(new Uint8Array(await image.arrayBuffer())).metadata()
    expect(metadata.width).toBe(400)

    // A hidden profile's photos are private again, but its own members still see them. (Members
    // of a suspended organisation are signed out altogether: test/moderation.test.ts.)
    await Organization.updateOne({ _id: supplier.organizationId }, { $set: { status: 'hidden' } })
    expect((await new TestBrowser(app.baseUrl).get(src!)).status).toBe(404)
    expect((await browser.get(src!)).status).toBe(200)
    expect((await new TestBrowser(app.baseUrl).get('/files/..%2F..%2Fetc%2Fpasswd')).status).toBe(
      404,
    )
  })
})

describe('buyer and investor profile', () => {
  it('lets a buyer state what it sources and where it would invest; suppliers cannot use it', async () => {
    const buyer = await createAccount('buyer')
    const browser = await signedIn(buyer.userId)
    const saved = await browser.request('/buyer-profile', {
      method: 'POST',
      body: new URLSearchParams([
        ['buyerType', 'fdi-manufacturer'],
        ['headquartersCountry', 'JP'],
        ['industries', 'automotive'],
        ['sourcingProcesses', 'wire-harness-assembly'],
        ['investmentProvinces', 'bac-ninh'],
        ['investmentProvinces', 'hai-phong'],
        ['sourcingInterests.en', 'Wire harnesses for two-wheelers, 50k sets a month'],
      ]),
    })
    expect(saved.status).toBe(200)
    const { BuyerProfile } = await import('#models/profiles/buyer-profile.ts')
    const profile = await BuyerProfile.findOne({ organization: buyer.organizationId })
    expect(profile).toMatchObject({ buyerType: 'fdi-manufacturer', headquartersCountry: 'JP' })
    expect(profile!.investmentProvinces).toEqual(['bac-ninh', 'hai-phong'])
    const bad = await browser.post('/buyer-profile', {
      headquartersCountry: 'XX',
      investmentProvinces: 'atlantis',
    })
    expect(bad.status).toBe(400)
    expect(
      (await BuyerProfile.findOne({ organization: buyer.organizationId }))!.headquartersCountry,
    ).toBe('JP')

    const supplier = await createAccount('supplier')
    expect((await (await signedIn(supplier.userId)).get('/buyer-profile')).status).toBe(403)
  })
})

describe('product images and certificate evidence', () => {
  it('keeps files attached across list edits, and shows evidence only to the firm and staff', async () => {
    const sharp = (await import('sharp')).default
    const { createStaff } = await import('./factories.ts')
    const supplier = await createAccount('supplier')
    const browser = await signedIn(supplier.userId)
    await browser.post('/supplier-profile/products', {
      'products[0].name.vi': 'Vỏ hộp số',
      'products[0].hsCode': '8708.40',
    })
    await browser.post('/supplier-profile/certifications', {
      'certifications[0].standard': 'iatf-16949',
      'certifications[0].number': 'IATF-0001',
    })
    let profile = (await SupplierProfile.findOne({ organization: supplier.organizationId }))!
    const productId = profile.products[0]!._id.toHexString()
    const certificationId = profile.certifications[0]!._id.toHexString()

    const attach = async (
      purpose: string,
      itemId: string,
      bytes: Uint8Array,
      name: string,
      type: string,
    ) => {
      const form = new FormData()
      form.set('purpose', purpose)
      form.set('itemId', itemId)
      form.set('file', new File([Buffer.from(bytes)], name, { type }))
      return browser.request('/supplier-profile/media', { method: 'POST', body: form })
    }
    const jpeg = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#777' },
    })
      .jpeg()
      .toBuffer()
    expect(
      (await attach('product-image', productId, jpeg, 'vo-hop-so.jpg', 'image/jpeg')).status,
    ).toBe(200)
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
    expect(
      (await attach('certificate-evidence', certificationId, pdf, 'iatf.pdf', 'application/pdf'))
        .status,
    ).toBe(200)
    expect(
      (await attach('product-image', 'ffffffffffffffffffffffff', jpeg, 'x.jpg', 'image/jpeg'))
        .status,
    ).toBe(400)

    // Editing the lists (as the editor posts them, with each item's id) keeps the files.
    await SupplierProfile.updateOne(
      { organization: supplier.organizationId },
      { $set: { 'certifications.0.verifiedAt': new Date() } },
    )
    await browser.post('/supplier-profile/products', {
      'products[0].id': productId,
      'products[0].name.vi': 'Vỏ hộp số nhôm',
      'products[0].hsCode': '8708.40',
    })
    await browser.post('/supplier-profile/certifications', {
      'certifications[0].id': certificationId,
      'certifications[0].standard': 'iatf-16949',
      'certifications[0].number': 'IATF-0001',
    })
    profile = (await SupplierProfile.findOne({ organization: supplier.organizationId }))!
    expect(profile.products[0]!.name?.vi).toBe('Vỏ hộp số nhôm')
    expect(profile.products[0]!.images).toHaveLength(1)
    expect(profile.certifications[0]!.evidenceFile).toBeTruthy()
    expect(profile.certifications[0]!.verifiedAt).toBeInstanceOf(Date)
    // A changed certificate number needs verifying again; the evidence stays.
    await browser.post('/supplier-profile/certifications', {
      'certifications[0].id': certificationId,
      'certifications[0].standard': 'iatf-16949',
      'certifications[0].number': 'IATF-0002',
    })
    profile = (await SupplierProfile.findOne({ organization: supplier.organizationId }))!
    expect(profile.certifications[0]!.verifiedAt).toBeUndefined()
    expect(profile.certifications[0]!.evidenceFile).toBeTruthy()

    const { StoredFile } = await import('#models/files/stored-file.ts')
    const evidence = (await StoredFile.findById(profile.certifications[0]!.evidenceFile))!
    const url = `/files/${evidence.storageKey}`
    expect((await browser.get(url)).status).toBe(200)
    expect((await new TestBrowser(app.baseUrl).get(url)).status).toBe(404)
    const other = await createAccount('supplier')
    expect((await (await signedIn(other.userId)).get(url)).status).toBe(404)
    const staff = await createStaff(['verifier'])
    expect((await (await signedIn(staff.userId)).get(url)).status).toBe(200)
  })
})
