import { Types } from 'mongoose'
import { expect } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { changeEventState, createEvent } from '#models/events/event.ts'
import { registerForEvent } from '#models/events/registration.ts'
import { createAccount } from './factories.ts'

/**
 * A one-day event taking meeting requests, with the given organisations registered (each with
 * its user as the one delegate): what the authorisation matrix and the form fuzzing post to.
 */
export async function createEventTakingRequests(
  organiserId: Types.ObjectId,
  participants: ReadonlyArray<{ organizationId: Types.ObjectId; userId: Types.ObjectId }>,
  title = { vi: 'Sự kiện thử nghiệm', en: 'Test event' },
) {
  const event = await createEvent(
    {
      title,
      description: { vi: '', en: '' },
      kind: 'in-person',
      venue: '',
      address: '',
      province: '',
      days: [{ date: '2026-12-10', sessions: '09:00-10:00', breaks: '' }],
      meetingMinutes: 30,
      tables: 2,
      eligibility: 'both',
      sectors: [],
      capacitySuppliers: 10,
      capacityBuyers: 10,
      registrationCloses: undefined,
      requestsClose: undefined,
      approvalRequired: false,
      languages: [{ code: 'vi', interpreters: 0 }],
      feeVnd: 0,
      requestCap: 10,
      priorityCap: 3,
    },
    organiserId,
  )
  await changeEventState(event.id, 'registration-open')
  for (const participant of participants) {
    const organization = (await Organization.findById(participant.organizationId))!
    await registerForEvent({
      eventId: event.id,
      organization,
      userId: participant.userId,
      form: {
        delegates: [participant.userId.toHexString()],
        languages: ['vi'],
        interpreter: undefined,
        offers: '',
        seeks: '',
        maxMeetings: 5,
        availability: [],
      },
    })
  }
  await changeEventState(event.id, 'requests-open')
  return event
}

/**
 * A paid one-day event open for registration, with `capacity` places on each side: what the
 * event-fee and waitlist tests register for.
 */
export async function createPaidEvent(capacity: number, feeVnd: number) {
  const event = await createEvent(
    {
      title: { vi: 'Ngày kết nối có thu phí', en: 'Paid matchmaking day' },
      description: { vi: '', en: '' },
      kind: 'in-person',
      venue: '',
      address: '',
      province: '',
      days: [{ date: '2026-12-20', sessions: '09:00-10:00', breaks: '' }],
      meetingMinutes: 30,
      tables: 2,
      eligibility: 'both',
      sectors: [],
      capacitySuppliers: capacity,
      capacityBuyers: capacity,
      registrationCloses: undefined,
      requestsClose: undefined,
      approvalRequired: false,
      languages: [{ code: 'vi', interpreters: 0 }],
      feeVnd,
      requestCap: 10,
      priorityCap: 3,
    },
    new Types.ObjectId(),
  )
  await changeEventState(event.id, 'registration-open')
  return event
}

/** A new supplier account registered for the event, its user the one delegate. */
export async function registerNewSupplier(eventId: string) {
  const account = await createAccount('supplier')
  const organization = (await Organization.findById(account.organizationId))!
  const result = await registerForEvent({
    eventId,
    organization,
    userId: account.userId,
    form: {
      delegates: [account.userId.toHexString()],
      languages: ['vi'],
      interpreter: undefined,
      offers: '',
      seeks: '',
      maxMeetings: 5,
      availability: [],
    },
  })
  expect(result.ok).toBe(true)
  return { ...account, org: account.organizationId.toHexString() }
}
