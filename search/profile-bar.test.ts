import { describe, expect, it } from 'vitest'
import { searchBarGaps } from './profile-bar.ts'
import { toSupplierSearchDocument } from './supplier-document.ts'
import { Types } from 'mongoose'

const complete = {
  name: 'Công ty TNHH Bản lề Phú Cường',
  sectors: ['mechanical'],
  processes: [],
  products: [{ name: { vi: 'Bản lề inox', en: '' } }],
  emailVerified: true,
}

describe('minimum profile bar for search', () => {
  it('passes a name, a sector, a process or product and a verified e-mail', () => {
    expect(searchBarGaps(complete)).toEqual([])
    expect(searchBarGaps({ ...complete, products: [], processes: ['cnc-milling'] })).toEqual([])
  })

  it('names every gap that keeps a supplier out', () => {
    expect(
      searchBarGaps({
        name: ' ',
        sectors: [],
        processes: [],
        products: [{ name: { vi: ' ' } }],
        emailVerified: false,
      }),
    ).toEqual(['name', 'sector', 'processOrProduct', 'verifiedEmail'])
    // Unknown e-mail state (the caller did not read users) is not held against the supplier.
    expect(searchBarGaps({ ...complete, emailVerified: undefined })).toEqual([])
  })

  it('keeps an empty sign-up out of the index', () => {
    const _id = new Types.ObjectId()
    const organization = {
      _id,
      kind: 'supplier',
      status: 'active',
      name: 'Công ty Mới',
      slug: 'moi',
    }
    const empty = { organization: _id, sectors: [], processes: [], products: [] }
    expect(toSupplierSearchDocument(organization, empty, new Date())).toBeNull()
    const ready = { ...empty, sectors: ['mechanical'], processes: ['welding'] }
    expect(toSupplierSearchDocument(organization, ready, new Date())?.id).toBe(_id.toHexString())
    const unverified = { ...organization, emailVerified: false }
    expect(toSupplierSearchDocument(unverified, ready, new Date())).toBeNull()
  })
})
