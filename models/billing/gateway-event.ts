import { Schema } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKey } from './billing-account.ts'

/**
 * Every verified gateway event, stored once by its id (`_id` = the event id: a second delivery
 * of the same event is a duplicate-key error, so it is stored and queued once, without
 * transactions). `processedAt` is set once a handler has applied it.
 */
const gatewayEventSchema = new Schema({
  _id: { type: String, required: true },
  gateway: { type: String, required: true },
  type: { type: String, required: true },
  /** The gateway's creation time of the event (seconds), the order events are compared by. */
  created: { type: Number, required: true },
  payload: { type: Schema.Types.Mixed, required: true },
  receivedAt: { type: Date, required: true },
  processedAt: Date,
  /** Set when the worker gave up on it; `failure` says why. */
  failedAt: Date,
  failure: String,
})
export const GatewayEvent = defineModel('GatewayEvent', gatewayEventSchema)

/**
 * The work queue: one small document per event still to apply, removed once applied, so the
 * worker's query reads a small collection. `attempts` numbers the tries; each try is claimed by
 * a unique insert into the lease collection (`<event id>:<attempt>`), so two workers never
 * apply the same try.
 */
const gatewayQueueSchema = new Schema({
  _id: { type: String, required: true },
  nextAttemptAt: { type: Date, required: true },
  attempts: { type: Number, required: true, default: 0 },
  lastError: String,
})
export const GatewayQueue = defineModel('GatewayQueue', gatewayQueueSchema)

const gatewayLeaseSchema = new Schema({
  _id: { type: String, required: true },
  at: { type: Date, required: true },
})
export const GatewayLease = defineModel('GatewayLease', gatewayLeaseSchema)

export interface IncomingGatewayEvent {
  id: string
  type: string
  created: number
  payload: unknown
}

/**
 * Stores a verified event and queues it, once. Returns false for a duplicate delivery (stored
 * before: nothing to do). The event is written before its queue entry; a crash in between is
 * repaired by `requeueUnprocessed` at start-up.
 */
export async function storeGatewayEvent(
  gateway: string,
  event: IncomingGatewayEvent,
  now = new Date(),
): Promise<boolean> {
  try {
    await GatewayEvent.create({
      _id: event.id,
      gateway,
      type: event.type,
      created: event.created,
      // Stored as JSON text inside an object: Stripe payloads may hold keys with dots.
      payload: { json: JSON.stringify(event.payload) },
      receivedAt: now,
    })
  } catch (error) {
    if (isDuplicateKey(error)) return false
    throw error
  }
  // Due at once, whatever a worker's clock says.
  await enqueue(event.id, new Date(0))
  return true
}

async function enqueue(id: string, at: Date) {
  try {
    await GatewayQueue.create({ _id: id, nextAttemptAt: at, attempts: 0 })
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
  }
}

export async function loadGatewayEvent(id: string): Promise<IncomingGatewayEvent | null> {
  const stored = await GatewayEvent.findById(id).lean()
  if (!stored) return null
  return {
    id: stored._id,
    type: stored.type,
    created: stored.created,
    payload: JSON.parse((stored.payload as { json: string }).json) as unknown,
  }
}

/** Queue entries due at `now`, oldest event first (the queue holds pending work only). */
export async function dueQueueEntries(now: Date, limit: number) {
  const entries = await GatewayQueue.find({ nextAttemptAt: { $lte: now } }).lean()
  const events = new Map<string, number>()
  for (const entry of entries) {
    const event = await GatewayEvent.findById(entry._id, { created: 1 }).lean()
    events.set(entry._id, event?.created ?? 0)
  }
  return entries
    .sort((a, b) => events.get(a._id)! - events.get(b._id)! || a._id.localeCompare(b._id))
    .slice(0, limit)
}

/** Claims one try of an entry; false when another worker holds it. */
export async function claimAttempt(id: string, attempt: number, now: Date): Promise<boolean> {
  try {
    await GatewayLease.create({ _id: `${id}:${attempt}`, at: now })
    return true
  } catch (error) {
    if (isDuplicateKey(error)) return false
    throw error
  }
}

/**
 * Whether the entry is still queued. A worker whose list of due entries was read before another
 * worker completed one can claim a try of it once its claims are cleared: it checks this after
 * claiming, and gives the claim back instead of applying the event a second time.
 */
export async function stillQueued(id: string, attempt: number): Promise<boolean> {
  const entry = await GatewayQueue.findById(id, { attempts: 1 }).lean()
  if (entry && entry.attempts === attempt) return true
  await GatewayLease.deleteOne({ _id: `${id}:${attempt}` })
  return false
}

export async function leaseAge(id: string, attempt: number, now: Date): Promise<number> {
  const lease = await GatewayLease.findById(`${id}:${attempt}`).lean()
  return lease ? now.getTime() - lease.at.getTime() : 0
}

export async function completeEntry(id: string, attempts: number, now: Date): Promise<void> {
  await GatewayEvent.updateOne({ _id: id }, { $set: { processedAt: now } })
  await GatewayQueue.deleteOne({ _id: id })
  for (let attempt = 0; attempt <= attempts; attempt++) {
    await GatewayLease.deleteOne({ _id: `${id}:${attempt}` })
  }
}

export async function postponeEntry(
  id: string,
  attempts: number,
  nextAttemptAt: Date,
  error: string,
): Promise<void> {
  await GatewayQueue.updateOne(
    { _id: id },
    { $set: { attempts, nextAttemptAt, lastError: error.slice(0, 500) } },
  )
}

/** Takes an event off the queue after too many failures; it stays stored with the error. */
export async function giveUpEntry(id: string, error: string): Promise<void> {
  await GatewayEvent.updateOne(
    { _id: id },
    { $set: { processedAt: new Date(), failedAt: new Date(), failure: error.slice(0, 500) } },
  )
  await GatewayQueue.deleteOne({ _id: id })
}

/** Events stored but neither applied nor queued (a crash between the two writes): queue again. */
export async function requeueUnprocessed(now: Date): Promise<number> {
  let requeued = 0
  const cursor = GatewayEvent.find({ processedAt: { $exists: false } }, { _id: 1 })
    .lean()
    .cursor()
  for await (const event of cursor) {
    if (await GatewayQueue.exists({ _id: event._id })) continue
    await enqueue(event._id, now)
    requeued++
  }
  return requeued
}

/** Stored events not yet applied (the webhook queue gauge of /metrics). */
export function webhookQueueLength(): Promise<number> {
  return GatewayQueue.estimatedDocumentCount()
}
