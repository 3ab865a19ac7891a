import mongoose from 'mongoose'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabase } from '#test/database.ts'
import { DuplicateKeyError, withDuplicateKeyCheck } from './errors.ts'

useTestDatabase()

const Firm = mongoose.model(
  'ErrorsTestFirm',
  new mongoose.Schema({
    email: { type: String, required: true, unique: true },
    taxCode: { type: String, required: true, unique: true },
  }),
)

describe('withDuplicateKeyCheck', () => {
  beforeAll(async () => {
    await Firm.init()
    await Firm.create({ email: 'sales@cokhi.vn', taxCode: '0101234567' })
  })

  it('turns a unique-index violation into a typed error naming the field', async () => {
    const attempted = { email: 'sales@cokhi.vn', taxCode: '0309999999' }
    const error = await withDuplicateKeyCheck(Firm, attempted, () => Firm.create(attempted)).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(DuplicateKeyError)
    expect(error.fields).toEqual(['email'])
    expect(error.collection).toBe(Firm.collection.collectionName)
    expect(await Firm.countDocuments()).toBe(1)
  })

  it('names the other unique field when that one is taken', async () => {
    const attempted = { email: 'other@cokhi.vn', taxCode: '0101234567' }
    const error = await withDuplicateKeyCheck(Firm, attempted, () => Firm.create(attempted)).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(DuplicateKeyError)
    expect(error.fields).toEqual(['taxCode'])
  })

  it('passes other errors through unchanged and lets good writes succeed', async () => {
    const validation = await withDuplicateKeyCheck(Firm, {}, () => Firm.create({})).catch((e) => e)
    expect(validation).toBeInstanceOf(mongoose.Error.ValidationError)
    const created = await withDuplicateKeyCheck(Firm, {}, () =>
      Firm.create({ email: 'new@cokhi.vn', taxCode: '0101234567-001' }),
    )
    expect(created.email).toBe('new@cokhi.vn')
  })
})
