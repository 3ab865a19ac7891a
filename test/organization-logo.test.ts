import zlib from 'node:zlib'
import type { Types } from 'mongoose'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { initialsOf } from '#app/components/organizations/organization-logo.tsx'
import { openConversation } from '#models/chat/conversation.ts'
import { Organization } from '#models/accounts/organization.ts'
import { StoredFile } from '#models/files/stored-file.ts'
import { useTestApp } from '#test/app-server.ts'
import { addMember, cookieFor, createAccount } from '#test/factories.ts'
import { TestBrowser } from '#test/http.ts'

/** Organisation logos: managed on /account/organization, shown where organisations appear. */
const app = useTestApp()

async function browserFor(userId?: Types.ObjectId, locale?: 'vi' | 'en') {
  const browser = new TestBrowser(app.baseUrl)
  if (userId) browser.setCookie(await cookieFor(userId))
  if (locale) browser.setCookie(`lang=${locale}`)
  return browser
}

function squarePng(background: string, size = 600) {
  return sharp({ create: { width: size, height: size, channels: 3, background } })
    .png()
    .toBuffer()
}

/** The logo form as a browser without JavaScript sends it: multipart, with the file. */
function uploadLogo(
  browser: TestBrowser,
  bytes: Uint8Array,
  name = 'logo.png',
  type = 'image/png',
  extra: Record<string, string> = {},
) {
  const form = new FormData()
  form.set('intent', 'upload-logo')
  for (const [field, value] of Object.entries(extra)) form.set(field, value)
  form.set('logo', new File([Buffer.from(bytes)], name, { type }))
  return browser.request('/account/organization', { method: 'POST', body: form })
}

/** The "remove logo" button: a plain URL-encoded form post. */
function removeLogo(browser: TestBrowser, extra: Record<string, string> = {}) {
  return browser.post('/account/organization', { intent: 'remove-logo', ...extra })
}

async function logoOf(organizationId: Types.ObjectId) {
  const organization = await Organization.findById(organizationId).lean()
  return organization?.logo ? String(organization.logo) : null
}

async function storedFilesOf(organizationId: Types.ObjectId) {
  const files = await StoredFile.find({ organization: organizationId }).lean()
  return files.map((file) => String(file._id)).sort()
}

/** The `<img>` tags the OrganizationLogo component rendered. */
function logoImages(html: string): string[] {
  return [...html.matchAll(/<img [^>]*data-testid="organization-logo"[^>]*>/g)].map(
    (match) => match[0],
  )
}

function jsonLdOf(html: string): Record<string, unknown> {
  const source = /<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/.exec(html)?.[1]
  if (!source) throw new Error('no JSON-LD on the page')
  return JSON.parse(source) as Record<string, unknown>
}

/** A 16×16 PNG whose header claims 50,000×50,000 px: tiny on the wire, huge once decoded. */
async function decompressionBombPng(): Promise<Buffer> {
  const png = Buffer.from(await squarePng('#123456', 16))
  png.writeUInt32BE(50_000, 16)
  png.writeUInt32BE(50_000, 20)
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29)
  return png
}

describe('uploading and removing a logo on /account/organization', () => {
  it('takes a PNG from a plain multipart post, sets the logo and serves it as WebP', async () => {
    const supplier = await createAccount('supplier')
    const owner = await browserFor(supplier.userId)
    const response = await uploadLogo(owner, await squarePng('#1e3a8a'))
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('Đã cập nhật logo.')

    const logoId = await logoOf(supplier.organizationId)
    expect(logoId).toBeTruthy()
    const file = (await StoredFile.findById(logoId).lean())!
    expect(file).toMatchObject({ purpose: 'logo', mimeType: 'image/webp' })
    expect(String(file.organization)).toBe(String(supplier.organizationId))
    expect(file.variants?.map((variant) => variant.width)).toEqual([512, 128])

    const small = file.variants![1]!.storageKey
    const page = await (await owner.get('/account/organization')).text()
    expect(logoImages(page)).toHaveLength(1)
    expect(logoImages(page)[0]).toContain(`src="/files/${small}"`)
    expect(page).toContain('Thay logo')

    // Public: anyone may fetch it, as WebP at 128 px.
    const served = await (await browserFor()).get(`/files/${small}`)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/webp')
    const metadata = await sharp(new Uint8Array(await served.arrayBuffer())).metadata()
    expect([metadata.format, metadata.width]).toEqual(['webp', 128])
  })

  it('removes the old file when a new logo replaces it, and everything when it is removed', async () => {
    const buyer = await createAccount('buyer')
    const owner = await browserFor(buyer.userId)
    expect((await uploadLogo(owner, await squarePng('#b91c1c'), 'do.png')).status).toBe(200)
    const first = (await StoredFile.findById(await logoOf(buyer.organizationId)).lean())!

    const replaced = await uploadLogo(owner, await squarePng('#15803d'), 'xanh.png')
    expect(replaced.status).toBe(200)
    const secondId = await logoOf(buyer.organizationId)
    expect(secondId).not.toBe(String(first._id))
    expect(await StoredFile.exists({ _id: first._id })).toBeNull()
    expect(await storedFilesOf(buyer.organizationId)).toEqual([secondId])
    expect((await (await browserFor()).get(`/files/${first.storageKey}`)).status).toBe(404)

    const removed = await removeLogo(owner)
    expect(removed.status).toBe(200)
    expect(await removed.text()).toContain('Đã xóa logo.')
    expect(await logoOf(buyer.organizationId)).toBeNull()
    expect(await storedFilesOf(buyer.organizationId)).toEqual([])
    const page = await (await owner.get('/account/organization')).text()
    expect(logoImages(page)).toEqual([])
    expect(page).toContain('data-testid="organization-initials"')
    expect(page).not.toContain('name="intent" value="remove-logo"')
  })

  it('refuses a text file disguised as .png with a message next to the field, in vi and en, changing nothing', async () => {
    const supplier = await createAccount('supplier')
    const owner = await browserFor(supplier.userId)
    expect((await uploadLogo(owner, await squarePng('#1e3a8a'))).status).toBe(200)
    const before = { logo: await logoOf(supplier.organizationId) }
    const filesBefore = await storedFilesOf(supplier.organizationId)
    const disguised = new TextEncoder().encode('<html><script>alert(1)</script></html>')

    const vi = await uploadLogo(owner, disguised, 'logo.png', 'image/png')
    expect(vi.status).toBe(400)
    const viHtml = await vi.text()
    // In the error list of the file field, which points at it.
    expect(viHtml).toMatch(
      /<input[^>]*id="logo-file"[^>]*aria-invalid="true"[^>]*aria-describedby="logo-file-error/,
    )
    expect(viHtml).toMatch(/<ul id="logo-file-error"[^>]*><li>Loại tệp không được chấp nhận\./)

    const english = await browserFor(supplier.userId, 'en')
    const en = await uploadLogo(english, disguised, 'logo.png', 'image/png')
    expect(en.status).toBe(400)
    expect(await en.text()).toMatch(
      /<ul id="logo-file-error"[^>]*><li>This type of file is not accepted\./,
    )

    const bomb = await uploadLogo(owner, await decompressionBombPng(), 'bom.png')
    expect(bomb.status).toBe(400)
    expect(await bomb.text()).toContain('Kích thước ảnh quá lớn')

    const missing = await owner.post('/account/organization', { intent: 'upload-logo' })
    expect(missing.status).toBe(400)
    expect(await missing.text()).toContain('Vui lòng chọn một tệp ảnh.')

    expect({ logo: await logoOf(supplier.organizationId) }).toEqual(before)
    expect(await storedFilesOf(supplier.organizationId)).toEqual(filesBefore)
  })

  it('refuses a file over the 2 MB logo cap and changes nothing', async () => {
    const supplier = await createAccount('supplier')
    const owner = await browserFor(supplier.userId)
    const png = await squarePng('#1e3a8a')
    const oversized = Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024 + 1 - png.length, 1)])
    const response = await uploadLogo(owner, oversized)
    // Past the server's body cap for uploads here (server/app.ts), the page's part limit
    // refuses it with the message next to the field.
    expect(response.status).toBe(400)
    expect(await response.text()).toMatch(/<ul id="logo-file-error"[^>]*><li>[^<]*quá lớn/)
    expect(await logoOf(supplier.organizationId)).toBeNull()
    expect(await storedFilesOf(supplier.organizationId)).toEqual([])
  })

  it('shows members the logo but no form, and refuses their posts with 403', async () => {
    const supplier = await createAccount('supplier')
    const owner = await browserFor(supplier.userId)
    expect((await uploadLogo(owner, await squarePng('#1e3a8a'))).status).toBe(200)
    const logo = await logoOf(supplier.organizationId)
    const files = await storedFilesOf(supplier.organizationId)
    const member = await addMember(supplier.organizationId, 'member')
    const asMember = await browserFor(member.userId)

    const page = await (await asMember.get('/account/organization')).text()
    expect(logoImages(page)).toHaveLength(1)
    expect(page).not.toContain('name="logo"')
    expect(page).not.toContain('value="upload-logo"')
    expect(page).not.toContain('value="remove-logo"')
    const ownerPage = await (await owner.get('/account/organization')).text()
    expect(ownerPage).toContain('value="upload-logo"')
    expect(ownerPage).toContain('value="remove-logo"')

    const upload = await uploadLogo(asMember, await squarePng('#b91c1c'))
    expect(upload.status).toBe(403)
    expect(await upload.text()).toContain('Bạn không có quyền thực hiện thao tác này.')
    expect((await removeLogo(asMember)).status).toBe(403)
    expect(await logoOf(supplier.organizationId)).toBe(logo)
    expect(await storedFilesOf(supplier.organizationId)).toEqual(files)

    // An admin may.
    const admin = await addMember(supplier.organizationId, 'admin')
    expect((await removeLogo(await browserFor(admin.userId))).status).toBe(200)
    expect(await logoOf(supplier.organizationId)).toBeNull()
  })

  it("lets another organisation change only its own logo, never this one's", async () => {
    const supplier = await createAccount('supplier')
    expect(
      (await uploadLogo(await browserFor(supplier.userId), await squarePng('#1e3a8a'))).status,
    ).toBe(200)
    const logo = (await logoOf(supplier.organizationId))!
    const other = await createAccount('supplier')
    const intruder = await browserFor(other.userId)
    // Fields naming the first organisation or its file are not read: the actor's own is used.
    const aimed = { organizationId: String(supplier.organizationId), fileId: logo }

    expect((await removeLogo(intruder, aimed)).status).toBe(200)
    expect(
      (await uploadLogo(intruder, await squarePng('#15803d'), 'x.png', 'image/png', aimed)).status,
    ).toBe(200)
    expect(await logoOf(supplier.organizationId)).toBe(logo)
    expect(await storedFilesOf(supplier.organizationId)).toEqual([logo])
    const theirs = (await StoredFile.findById(await logoOf(other.organizationId)).lean())!
    expect(String(theirs.organization)).toBe(String(other.organizationId))

    // Replacing its own logo removes its own old file, not this one.
    expect((await uploadLogo(intruder, await squarePng('#7c3aed'))).status).toBe(200)
    expect(await storedFilesOf(supplier.organizationId)).toEqual([logo])
    expect(await StoredFile.exists({ _id: theirs._id })).toBeNull()
  })
})

describe("uploading the logo from the profile editor's media page", () => {
  /** The media page's logo form: the same fields, posted to /supplier-profile/media. */
  function mediaForm(intent: 'upload-logo' | 'remove-logo', bytes?: Uint8Array) {
    const form = new FormData()
    form.set('intent', intent)
    if (bytes) form.set('logo', new File([Buffer.from(bytes)], 'logo.png', { type: 'image/png' }))
    return form
  }
  const meter = (html: string) => Number(/Mức độ hoàn thiện hồ sơ: (\d+)%/.exec(html)?.[1])

  it('sets and removes the logo there, and the completeness meter counts it', async () => {
    const supplier = await createAccount('supplier')
    const owner = await browserFor(supplier.userId)
    const before = await (await owner.get('/supplier-profile/media')).text()
    expect(before).toContain('value="upload-logo"')
    expect(before).toContain('href="/supplier-profile/media#logo"')
    const percentBefore = meter(before)
    expect(percentBefore).toBeGreaterThanOrEqual(0)

    const uploaded = await owner.request('/supplier-profile/media', {
      method: 'POST',
      body: mediaForm('upload-logo', await squarePng('#0f766e')),
    })
    expect(uploaded.status).toBe(200)
    expect(await uploaded.text()).toContain('Đã cập nhật logo.')
    const logo = await logoOf(supplier.organizationId)
    expect(logo).toBeTruthy()
    const after = await (await owner.get('/supplier-profile/media')).text()
    expect(after).not.toContain('href="/supplier-profile/media#logo"')
    expect(meter(after)).toBeGreaterThan(percentBefore)
    expect(logoImages(after)).toHaveLength(1)
    expect(after).toContain('value="remove-logo"')

    const removed = await owner.request('/supplier-profile/media', {
      method: 'POST',
      body: mediaForm('remove-logo'),
    })
    expect(removed.status).toBe(200)
    expect(await logoOf(supplier.organizationId)).toBeNull()
    expect(await storedFilesOf(supplier.organizationId)).toEqual([])
  })

  it('shows members the logo without the form there, and refuses their upload', async () => {
    const supplier = await createAccount('supplier')
    const member = await addMember(supplier.organizationId, 'member')
    const asMember = await browserFor(member.userId, 'en')
    const page = await (await asMember.get('/supplier-profile/media')).text()
    expect(page).toContain('Only the organisation’s owners and admins can change it.')
    expect(page).not.toContain('value="upload-logo"')
    const refused = await asMember.request('/supplier-profile/media', {
      method: 'POST',
      body: mediaForm('upload-logo', await squarePng('#b91c1c')),
    })
    expect(refused.status).toBe(403)
    expect(await logoOf(supplier.organizationId)).toBeNull()
    expect(await storedFilesOf(supplier.organizationId)).toEqual([])
  })
})

describe('where organisations appear', () => {
  it("shows the other party's logo in the inbox and conversation, and on the supplier page with JSON-LD", async () => {
    const supplier = await createAccount('supplier')
    const buyer = await createAccount('buyer')
    expect(
      (await uploadLogo(await browserFor(supplier.userId), await squarePng('#1e3a8a'))).status,
    ).toBe(200)
    const file = (await StoredFile.findById(await logoOf(supplier.organizationId)).lean())!
    const small = `/files/${file.variants!.at(-1)!.storageKey}`
    const opened = await openConversation(
      { userId: buyer.userId, organizationId: buyer.organizationId },
      supplier.organizationId,
      { kind: 'profile-inquiry' },
    )
    if (!opened.ok) throw new Error(opened.error)
    const asBuyer = await browserFor(buyer.userId)

    const inbox = await (await asBuyer.get('/messages')).text()
    const [inboxLogo, ...more] = logoImages(inbox)
    expect(more).toEqual([])
    expect(inboxLogo).toContain(`src="${small}"`)
    // Decorative next to the printed name, lazy, and sized so nothing shifts when it arrives.
    expect(inboxLogo).toContain('alt=""')
    expect(inboxLogo).toContain('loading="lazy"')
    expect(inboxLogo).toMatch(/width="40" height="40"/)

    const conversation = await (
      await asBuyer.get(`/messages/${opened.conversation._id.toHexString()}`)
    ).text()
    expect(logoImages(conversation)).toHaveLength(1)
    expect(logoImages(conversation)[0]).toContain(`src="${small}"`)

    const { slug } = (await Organization.findById(supplier.organizationId).lean())!
    const publicPage = await (await browserFor()).get(`/suppliers/${slug}`)
    expect(publicPage.status).toBe(200)
    const html = await publicPage.text()
    expect(logoImages(html)).toHaveLength(1)
    expect(logoImages(html)[0]).toContain(`src="${small}"`)
    expect(logoImages(html)[0]).toContain('alt=""')
    expect(jsonLdOf(html).logo).toBe(`${app.baseUrl}/files/${file.storageKey}`)
    expect((await (await browserFor()).get(`/files/${file.storageKey}`)).status).toBe(200)
  })

  it('shows initials for an organisation without a logo, or whose logo is not public', async () => {
    const supplier = await createAccount('supplier')
    const buyer = await createAccount('buyer')
    const opened = await openConversation(
      { userId: buyer.userId, organizationId: buyer.organizationId },
      supplier.organizationId,
      { kind: 'profile-inquiry' },
    )
    if (!opened.ok) throw new Error(opened.error)

    // The buyer ("Test Buyer GmbH") has no logo: the supplier sees its initials.
    const inbox = await (await (await browserFor(supplier.userId)).get('/messages')).text()
    expect(logoImages(inbox)).toEqual([])
    expect(inbox).toMatch(
      /<span aria-hidden="true" data-testid="organization-initials"[^>]*>TB<\/span>/,
    )

    const { slug } = (await Organization.findById(supplier.organizationId).lean())!
    const html = await (await (await browserFor()).get(`/suppliers/${slug}`)).text()
    expect(logoImages(html)).toEqual([])
    // "Công ty TNHH Cơ khí Thử nghiệm", without its legal form.
    expect(html).toMatch(/data-testid="organization-initials"[^>]*>CK<\/span>/)
    expect(jsonLdOf(html)).not.toHaveProperty('logo')

    // A suspended buyer's logo is served to no one outside it: the supplier sees initials.
    expect(
      (await uploadLogo(await browserFor(buyer.userId), await squarePng('#1e3a8a'))).status,
    ).toBe(200)
    expect(
      logoImages(await (await (await browserFor(supplier.userId)).get('/messages')).text()),
    ).toHaveLength(1)
    await Organization.updateOne({ _id: buyer.organizationId }, { $set: { status: 'suspended' } })
    const later = await (await (await browserFor(supplier.userId)).get('/messages')).text()
    expect(logoImages(later)).toEqual([])
    expect(later).toContain('>TB</span>')
  })
})

describe('initialsOf', () => {
  it('takes two initials from the name without its legal form', () => {
    expect(initialsOf('Công ty TNHH Cơ khí Đông Á')).toBe('CK')
    expect(initialsOf('Cty CP Đúc Á Châu')).toBe('ĐÁ')
    expect(initialsOf('CÔNG TY CỔ PHẦN ơn huệ')).toBe('ƠH')
    expect(initialsOf('Công ty TNHH một thành viên Điện tử Việt')).toBe('ĐT')
    expect(initialsOf('Test Buyer GmbH')).toBe('TB')
    expect(initialsOf('Toyota Motor Vietnam Co., Ltd.')).toBe('TM')
    expect(initialsOf('  ')).toBe('?')
  })
})
