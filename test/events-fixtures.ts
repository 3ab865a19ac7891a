import type { Types } from 'mongoose'
import { Organization } from '#models/accounts/organization.ts'
import { changeEventState, createEvent } from '#models/events/event.ts'
import { registerForEvent } from '#models/events/registration.ts'

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
