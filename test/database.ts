import crypto from 'node:crypto'
import mongoose from 'mongoose'
import { afterAll, beforeAll, inject } from 'vitest'
import { connectMongoose } from '#server/database.ts'

/**
 * Connects Mongoose's default connection to a database of this test file's own on the run's
 * FerretDB, and drops it afterwards, so files never see each other's data or depend on order.
 */
export function useTestDatabase(): { name: string; uri: string } {
  const name = `test_${crypto.randomBytes(6).toString('hex')}`
  const uri = `${inject('ferretdbUrl')}/${name}`
  beforeAll(async () => {
    await connectMongoose(uri)
  })
  afterAll(async () => {
    if (mongoose.connection.readyState === mongoose.ConnectionStates.connected) {
      await mongoose.connection.dropDatabase()
    }
    await mongoose.disconnect()
  })
  return { name, uri }
}
