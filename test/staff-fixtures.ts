import sharp from 'sharp'
import { expect } from 'vitest'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { cookieFor, createAccount } from './factories.ts'
import { TestBrowser } from './http.ts'

/** A few bytes a PDF sniffer accepts (the verification uploads take PDF or images). */
export const tinyPdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

export function multipart(
  fields: Record<string, string>,
  file: { bytes: Uint8Array; name: string; type: string },
) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.set(name, value)
  form.set('file', new File([Buffer.from(file.bytes)], file.name, { type: file.type }))
  return form
}

/**
 * A supplier whose verification checklist is complete (issue 17): a certificate with evidence,
 * a factory photo and the business registration certificate, all sent through the real forms.
 */
export async function readySupplier(baseUrl: string) {
  const supplier = await createAccount('supplier')
  const browser = new TestBrowser(baseUrl)
  browser.setCookie(await cookieFor(supplier.userId))
  await browser.post('/supplier-profile/certifications', {
    'certifications[0].standard': 'iso-9001',
    'certifications[0].number': 'ISO-9001-0042',
    'certifications[0].issuer': 'Bureau Veritas',
  })
  const profile = (await SupplierProfile.findById(supplier.organizationId))!
  const certificationId = profile.certifications[0]!._id.toHexString()
  const evidence = await browser.request('/supplier-profile/media', {
    method: 'POST',
    body: multipart(
      { purpose: 'certificate-evidence', itemId: certificationId },
      { bytes: tinyPdf, name: 'iso.pdf', type: 'application/pdf' },
    ),
  })
  expect(evidence.status).toBe(200)
  const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#777' } })
    .jpeg()
    .toBuffer()
  const photo = await browser.request('/supplier-profile/media', {
    method: 'POST',
    body: multipart({ purpose: 'photo' }, { bytes: jpeg, name: 'xuong.jpg', type: 'image/jpeg' }),
  })
  expect(photo.status).toBe(200)
  const registration = await browser.request('/supplier-profile/verification', {
    method: 'POST',
    body: multipart(
      { intent: 'upload-registration' },
      { bytes: tinyPdf, name: 'dang-ky.pdf', type: 'application/pdf' },
    ),
  })
  expect(registration.status).toBe(200)
  return { ...supplier, browser, certificationId }
}
